package dev.journey.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import dev.journey.jackson.JourneyJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class BinaryStateTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  // ------------------------------------------------------------------ round trips (reference: equals)

  @Property(tries = 300)
  void should_read_back_every_snapshot_it_writes(@ForAll("snapshots") JourneySnapshot snapshot) {
    // when
    byte[] bytes = BinaryState.writeSnapshot(snapshot);
    JourneySnapshot back = BinaryState.readSnapshot(bytes);
    // then
    assertThat(bytes[0]).isEqualTo(BinaryState.FORMAT_V1);
    assertThat(back).isEqualTo(snapshot);
    assertThat(back.features().encode()).isEqualTo(snapshot.features().encode());
    assertThat(BinaryState.writeSnapshot(back)).isEqualTo(bytes);
  }

  @Property(tries = 300)
  void should_read_back_every_due_timer_and_inbox_entry_it_writes(
      @ForAll("subjects") SubjectRef subject,
      @ForAll("timers") PendingTimer timer,
      @ForAll("texts") String fingerprint,
      @ForAll("instants") Instant receivedAt) {
    // when
    DueTimer due = BinaryState.readDueTimer(BinaryState.writeDueTimer(new DueTimer(subject, timer)));
    BinaryState.Inbox inbox =
        BinaryState.readInbox(BinaryState.writeInbox(subject.toString(), fingerprint, receivedAt));
    // then
    assertThat(due).isEqualTo(new DueTimer(subject, timer));
    assertThat(inbox).isEqualTo(new BinaryState.Inbox(subject.toString(), fingerprint, receivedAt));
  }

  @Property(tries = 200)
  void should_refuse_every_truncation_of_a_snapshot_with_a_state_format_exception(
      @ForAll("snapshots") JourneySnapshot snapshot, @ForAll double cut) {
    // given
    byte[] bytes = BinaryState.writeSnapshot(snapshot);
    int length = (int) (Math.abs(cut) % 1.0 * bytes.length);
    byte[] truncated = Arrays.copyOf(bytes, length);
    // when / then
    assertThatThrownBy(() -> BinaryState.readSnapshot(truncated))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("snapshot");
  }

  // ------------------------------------------------------------------ the checked-in sample

  /**
   * The bytes of format 1 are fixed: a sample written when the format was introduced must read
   * back as the same snapshot, and the same snapshot must write the same bytes, so that a
   * changelog written by this version stays readable by the next ones.
   */
  @Test
  void should_read_the_checked_in_format_1_sample_and_write_it_byte_for_byte() throws IOException {
    // given
    byte[] sample = HexFormat.of().parseHex(resource("snapshot-v1.hex").strip());
    JourneySnapshot expected = sampleSnapshot();
    // when
    JourneySnapshot read = BinaryState.readSnapshot(sample);
    // then
    assertThat(read).isEqualTo(expected);
    assertThat(BinaryState.writeSnapshot(expected)).isEqualTo(sample);
  }

  /** Stores restored from the changelog of an earlier version hold JSON: that must stay readable. */
  @Test
  void should_tell_the_json_of_earlier_versions_from_format_1() throws IOException {
    // given
    byte[] json = resource("snapshot-json.json").strip().getBytes(StandardCharsets.UTF_8);
    // when
    JourneySnapshot read = JourneyJson.mapper().readValue(json, JourneySnapshot.class);
    // then
    assertThat(BinaryState.isJson(json)).isTrue();
    assertThat(BinaryState.isJson(BinaryState.writeSnapshot(read))).isFalse();
    assertThat(read).isEqualTo(sampleSnapshot());
  }

  @Test
  void should_name_the_unknown_format_byte_when_a_value_is_of_a_later_format() {
    // given
    byte[] later = {3, 0, 0};
    // when / then
    assertThatThrownBy(() -> BinaryState.readSnapshot(later))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown format byte 3")
        .hasMessageContaining("format 1, 2 and JSON");
    // format 2 is a snapshot's only: an inbox entry or a due timer in it is refused
    assertThatThrownBy(() -> BinaryState.readInbox(new byte[] {2, 0, 0}))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown format byte 2")
        .hasMessageContaining("format 1 and JSON");
    assertThatThrownBy(() -> BinaryState.readInbox(new byte[0]))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("an empty value");
  }

  @Test
  void should_refuse_trailing_bytes_after_the_last_field() {
    // given
    byte[] bytes = BinaryState.writeInbox("contact:1", "", T0);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    // when / then
    assertThatThrownBy(() -> BinaryState.readInbox(longer))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("1 bytes after its last field");
  }

  /** Every field set, non-ASCII text, a negative counter, instants before the epoch. */
  static JourneySnapshot sampleSnapshot() {
    PendingTimer timer =
        new PendingTimer("sla", T0.plus(Duration.ofHours(4)), 3, Map.of("owner", "Zoë", "queue", "inbound"));
    return new JourneySnapshot(
        SubjectRef.contact("1001"),
        "MQL",
        T0,
        Map.of("fitScore", new PropertyValue("80", "rules", T0), "city", new PropertyValue("Köln", "import", T0.minusNanos(1))),
        Map.of("sla", timer),
        Map.of("email", new Suppression("email", "unsubscribed", Suppression.UNTIL_RESUMED)),
        Map.of("touches", 7L, "debt", -2L),
        Optional.of("lead-v3"),
        12,
        Instant.parse("1969-12-31T23:59:59.5Z"),
        features(),
        Map.of("nurture", new JourneyState("ACTIVE", T0, Optional.empty()),
            "sales", new JourneyState("SQL", T0, "sales-v1")));
  }

  private static FeatureSnapshot features() {
    FeatureSet set = FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount("pricing_views_7d",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7), Duration.ofDays(1)))
        .lastSeen("last_demo", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
        .lateness(Duration.ofHours(1))
        .build();
    FeatureSnapshot f = FeatureSnapshot.EMPTY;
    for (int i = 0; i < 3; i++) {
      f = set.fold(f, Signal.builder().id("v" + i).subject(SubjectRef.contact("1001"))
          .type(i == 2 ? SignalTypes.DEMO_REQUESTED : SignalTypes.PRICING_PAGE_VIEWED)
          .occurredAt(T0.plusSeconds(i)).source("test").build());
    }
    return f;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BinaryStateTest.class.getResourceAsStream("/state-format/" + name)) {
      assertThat(in).as("test resource state-format/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ------------------------------------------------------------------ arbitraries

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().alpha().numeric().ofMaxLength(200),
        Arbitraries.of("", "Zoë", "日本", "😀", "a\u0000b"));
  }

  private Arbitrary<String> names() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<SubjectRef> subjects() {
    return Combinators.combine(
            Arbitraries.of(ObjectType.class), Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20))
        .as(SubjectRef::new);
  }

  @Provide
  Arbitrary<PendingTimer> timers() {
    return Combinators.combine(
            names(), instants(), Arbitraries.longs().between(1, Long.MAX_VALUE),
            Arbitraries.maps(names(), texts()).ofMaxSize(3))
        .as(PendingTimer::new);
  }

  @Provide
  Arbitrary<JourneySnapshot> snapshots() {
    Arbitrary<Map<String, PropertyValue>> properties =
        Arbitraries.maps(names(), Combinators.combine(texts(), names(), instants()).as(PropertyValue::new))
            .ofMaxSize(4);
    Arbitrary<Map<String, PendingTimer>> timers = Arbitraries.maps(names(), timers()).ofMaxSize(3);
    Arbitrary<Map<String, Suppression>> suppressions =
        Arbitraries.maps(names(), Combinators.combine(names(), texts(), instants()).as(Suppression::new))
            .ofMaxSize(2);
    Arbitrary<Map<String, Long>> counters = Arbitraries.maps(names(), Arbitraries.longs()).ofMaxSize(3);
    Arbitrary<Optional<String>> ruleSet = names().optional();
    Arbitrary<Map<String, JourneyState>> journeys =
        Arbitraries.maps(names(), Combinators.combine(names(), instants(), names().optional()).as(JourneyState::new))
            .ofMaxSize(2);
    Arbitrary<FeatureSnapshot> features = Arbitraries.of(FeatureSnapshot.EMPTY, features());
    return Combinators.combine(
            Combinators.combine(subjects(), names(), instants(), properties, timers, suppressions)
                .as(Part::new),
            Combinators.combine(counters, ruleSet, Arbitraries.longs().between(0, Long.MAX_VALUE),
                instants(), features, journeys).as(Rest::new))
        .as((p, r) -> new JourneySnapshot(p.subject, p.state, p.since, p.properties, p.timers,
            p.suppressions, r.counters, r.ruleSet, r.version, r.updatedAt, r.features, r.journeys));
  }

  private record Part(SubjectRef subject, String state, Instant since, Map<String, PropertyValue> properties,
      Map<String, PendingTimer> timers, Map<String, Suppression> suppressions) {}

  private record Rest(Map<String, Long> counters, Optional<String> ruleSet, long version, Instant updatedAt,
      FeatureSnapshot features, Map<String, JourneyState> journeys) {}
}
