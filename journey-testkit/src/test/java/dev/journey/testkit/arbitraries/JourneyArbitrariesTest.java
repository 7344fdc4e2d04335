package dev.journey.testkit.arbitraries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;

@Domain(JourneyDomain.class)
final class JourneyArbitrariesTest {
  @Property(tries = 200)
  void should_deliver_every_signal_at_least_once_and_copies_only_after_it(
      @ForAll SignalStream stream) {
    // given
    Map<String, Integer> firstDelivery = new HashMap<>();
    Map<String, Integer> deliveries = new HashMap<>();

    // when
    for (int i = 0; i < stream.deliveries().size(); i++) {
      Signal signal = stream.deliveries().get(i);
      firstDelivery.putIfAbsent(signal.id(), i);
      deliveries.merge(signal.id(), 1, Integer::sum);
    }

    // then
    assertThat(deliveries.keySet())
        .containsExactlyInAnyOrderElementsOf(
            stream.signals().stream().map(Signal::id).collect(Collectors.toList()));
    assertThat(deliveries.values()).allSatisfy(n -> assertThat(n).isBetween(1, 4));
    assertThat(stream.deduplicated()).containsExactlyInAnyOrderElementsOf(stream.signals());
    assertThat(stream.signals())
        .isSortedAccordingTo((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
  }

  @Property(tries = 200)
  void should_space_a_subjects_signals_by_at_least_a_minute(@ForAll SignalStream stream) {
    Map<SubjectRef, List<Signal>> bySubject =
        stream.signals().stream().collect(Collectors.groupingBy(Signal::subject));
    bySubject.values().forEach(
        signals -> {
          for (int i = 1; i < signals.size(); i++) {
            assertThat(signals.get(i).occurredAt())
                .isAfterOrEqualTo(signals.get(i - 1).occurredAt().plusSeconds(60));
          }
        });
  }

  @Property(tries = 200)
  void should_generate_snapshots_of_the_model(@ForAll JourneySnapshot snapshot) {
    assertThat(JourneyModel.leadHandoff().hasState(snapshot.state())).isTrue();
    assertThat(snapshot.version()).isBetween(1L, 50L);
    snapshot.timers().values().forEach(t -> assertThat(t.generation()).isEqualTo(snapshot.version()));
  }

  @Property(tries = 200)
  void should_generate_owner_directories_with_distinct_ids_and_someone_available(
      @ForAll List<OwnerData> owners) {
    assertThat(owners).extracting(OwnerData::id).doesNotHaveDuplicates();
    assertThat(owners).anyMatch(OwnerData::available);
  }

  @Property(tries = 200)
  void should_generate_valid_signals(@ForAll Signal signal, @ForAll SubjectRef subject) {
    assertThat(JourneyArbitraries.BUYER_SIGNAL_TYPES).contains(signal.type());
    assertThat(signal.longAttribute("fitScore")).hasValueSatisfying(f -> assertThat(f).isBetween(0L, 100L));
    assertThat(SubjectRef.parse(subject.toString())).isEqualTo(subject);
  }

  @Example
  void should_reject_bounds_below_one() {
    assertThatThrownBy(() -> JourneyArbitraries.signalStreams(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSubjects must be >= 1, but was 0");
    assertThatThrownBy(() -> JourneyArbitraries.signalStreams(2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSignalsPerSubject must be >= 1, but was 0");
  }
}
