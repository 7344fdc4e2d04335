package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidValueException;
import dev.journey.core.SubjectRef;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

final class AccountFactTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ACME = SubjectRef.company("77");

  private static JourneySnapshot company(String owner, String channel, String reason) {
    Map<String, String> sla = Map.of(
        SlaStage.ATTR_POLICY, "first-touch",
        SlaStage.ATTR_STARTED_AT, T0.toString(),
        SlaStage.ATTR_DUE_AT, T0.plusSeconds(3600).toString());
    return new JourneySnapshot(ACME, "NURTURE", T0,
        owner.isEmpty() ? Map.of() : Map.of(JourneySnapshot.OWNER, new PropertyValue(owner, "crm", T0)),
        Map.of("sla:first-touch", new PendingTimer("sla:first-touch", T0.plusSeconds(1800), 3, sla),
            "other", new PendingTimer("other", T0, 2, Map.of())),
        Map.of(channel, new Suppression(channel, reason, T0.plusSeconds(60))),
        Map.of("forms", 2L), java.util.Optional.of("rules@1"), 7, T0);
  }

  @Property(tries = 200)
  void should_read_back_what_the_stages_saw_when_the_texts_hold_separators(
      @ForAll @StringLength(max = 12) String owner,
      @ForAll @StringLength(min = 1, max = 12) String channel,
      @ForAll @StringLength(max = 20) String reason) {
    // given
    JourneySnapshot seen = company(owner, channel, reason);
    String value = AccountFact.value(seen);
    StageInputs inputs = new StageInputs(List.of(), Map.of(AccountFact.name(ACME), value));
    // when
    JourneySnapshot read = AccountFact.read(inputs, T0).orElseThrow();
    // then
    assertThat(AccountFact.value(read)).isEqualTo(value);
    assertThat(read.subject()).isEqualTo(ACME);
    assertThat(read.owner()).isEqualTo(owner.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(owner));
    assertThat(read.suppressions()).isEqualTo(seen.suppressions());
    assertThat(read.timer("sla:first-touch").orElseThrow().attributes())
        .containsEntry(SlaStage.ATTR_DUE_AT, T0.plusSeconds(3600).toString());
  }

  @Test
  void should_read_no_company_when_the_record_noted_none() {
    assertThat(AccountFact.read(StageInputs.NONE, T0)).isEmpty();
  }

  @Test
  void should_name_the_fact_and_the_expected_form_when_the_fact_is_not_one_it_writes() {
    // given: the text an earlier version noted
    StageInputs inputs = new StageInputs(List.of(), Map.of("account.company:77", "owner 7, suppressed []"));
    // when / then
    assertThatThrownBy(() -> AccountFact.read(inputs, T0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("audit fact account.company:77")
        .hasMessageContaining("owner=<id>; suppressed=");
  }
}
