package dev.journey.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.TimerFiring;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class JourneyJsonTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
  private final ObjectMapper mapper = JourneyJson.mapper();

  private static Signal signal() {
    return Signal.builder()
        .id("form-1")
        .subject(SubjectRef.contact("90123456789012"))
        .type(SignalTypes.DEMO_REQUESTED)
        .occurredAt(NOW)
        .source("hubspot")
        .attribute("fitScore", 82)
        .attribute("pages", List.of("/pricing", "/demo"))
        .attribute("utm", Map.of("source", "ads", "weight", 1.5))
        .build();
  }

  private static Decision decision(Signal signal, JourneySnapshot before) {
    return Decision.builder(before, signal, NOW, new RuleSetRef("lead-handoff", "2", "abc123"))
        .fired("demo request qualifies")
        .transitionTo(JourneyModel.SALES_ENGAGED)
        .assignOwner("o-1", "round robin pool emea")
        .createTask("Call back", "context", NOW.plusSeconds(7200))
        .suppress("nurture", "sales-engaged")
        .startTimer("sla:first-touch", NOW.plusSeconds(7200), Map.of("policy", "first-touch"))
        .cancelTimer("nurture-drip")
        .increment("tasks.today", 1)
        .route("inbound")
        .trace("why")
        .annotate("shadow.diff", "none")
        .build();
  }

  @Test
  void should_round_trip_a_signal_with_nested_attributes() throws Exception {
    // given
    Signal signal = signal();
    // when
    String json = mapper.writeValueAsString(signal);
    Signal back = mapper.readValue(json, Signal.class);
    // then
    assertThat(back).isEqualTo(signal);
    assertThat(json).contains("\"subject\":\"contact:90123456789012\"").contains("2026-03-02T09:15:00Z");
  }

  @Test
  void should_round_trip_a_timer_firing_with_its_name_and_generation_as_readable_attributes()
      throws Exception {
    // given a firing as the engine makes it
    Signal timer =
        Signal.timerFired(
            "timer:contact:1:sla:3",
            SubjectRef.contact("1"),
            new TimerFiring("sla", 3, NOW),
            Map.of("policy", "first-touch"));
    // when
    String json = mapper.writeValueAsString(timer);
    Signal back = mapper.readValue(json, Signal.class);
    // then
    assertThat(back).isEqualTo(timer);
    assertThat(back.firing()).contains(new TimerFiring("sla", 3, NOW));
    assertThat(back.attributes()).containsOnlyKeys("policy");
    assertThat(json)
        .contains("\"attributes\":{\"policy\":\"first-touch\",\"timer\":\"sla\",\"generation\":3}")
        .doesNotContain("firing");
    assertThat(back.fingerprint()).isEqualTo(timer.fingerprint());
  }

  @Test
  void should_round_trip_a_decision_with_every_part() throws Exception {
    // given
    Signal signal = signal();
    Decision decision =
        decision(signal, JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW));
    // when
    String json = mapper.writeValueAsString(decision);
    Decision back = mapper.readValue(json, Decision.class);
    // then
    assertThat(back).isEqualTo(decision);
    assertThat(json).contains("\"kind\":\"ASSIGN_OWNER\"").contains("\"type\":\"schedule\"");
  }

  @Test
  void should_write_action_ordinals_only_out_of_order_and_derive_them_when_absent()
      throws Exception {
    // given a decision whose routing request reserved ordinal 0, and one in plain order
    Signal signal = signal();
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    Decision routedFirst =
        Decision.builder(before, signal, NOW, new RuleSetRef("lead-handoff", "2", "abc123"))
            .route("inbound")
            .assignOwner("o-1", "direct")
            .createTask("Call back", "context", NOW.plusSeconds(7200))
            .build();
    Decision inOrder = decision(signal, before);
    // when
    com.fasterxml.jackson.databind.node.ObjectNode tree = mapper.valueToTree(routedFirst);
    String plain = mapper.writeValueAsString(inOrder);
    // then: written when they carry information, left out (as before ordinals were kept) when not
    assertThat(tree.get("actionOrdinals").toString()).isEqualTo("[1,2]");
    assertThat(plain).doesNotContain("actionOrdinals");
    assertThat(mapper.readValue(plain, Decision.class)).isEqualTo(inOrder);
    // and a document without them (written before decisions kept them) derives them from the ids
    tree.remove("actionOrdinals");
    Decision back = mapper.treeToValue(tree, Decision.class);
    assertThat(back).isEqualTo(routedFirst);
    assertThat(back.actionOrdinals()).containsExactly(1, 2);
  }

  @Test
  void should_round_trip_snapshots_audit_outbox_and_dead_letters() throws Exception {
    // given
    Signal signal = signal();
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    JourneySnapshot after =
        before.toBuilder()
            .state(JourneyModel.SALES_ENGAGED, NOW)
            .property(JourneySnapshot.OWNER, "o-1", "lead-handoff", NOW)
            .timer(new PendingTimer("sla", NOW.plusSeconds(60), 1, Map.of("policy", "ft")))
            .counter("tasks", 2)
            .version(1)
            .build();
    Decision decision = decision(signal, before);
    AuditRecord audit = new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), NOW);
    OutboxEntry entry = new OutboxEntry(decision.actions().get(0), 65536, NOW, 2, NOW, Optional.of("boom"));
    DeadLetter letter = new DeadLetter(entry, "gave up", NOW);
    TimerChange change = new TimerChange.Scheduled(after.timers().get("sla"));
    // when / then
    assertThat(mapper.readValue(mapper.writeValueAsString(after), JourneySnapshot.class)).isEqualTo(after);
    assertThat(mapper.readValue(mapper.writeValueAsString(audit), AuditRecord.class)).isEqualTo(audit);
    assertThat(mapper.readValue(mapper.writeValueAsString(letter), DeadLetter.class)).isEqualTo(letter);
    assertThat(mapper.readValue(mapper.writeValueAsString(change), TimerChange.class)).isEqualTo(change);
  }

  @Test
  void should_round_trip_a_snapshot_of_several_journeys_and_a_named_audit_record() throws Exception {
    // given
    Signal signal = signal();
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    JourneySnapshot after =
        before.toBuilder()
            .journey("nurture", new JourneyState("ENROLLED", NOW, "nurture@1"))
            .timer(new PendingTimer("nurture/drip", NOW.plusSeconds(60), 1, Map.of()))
            .version(1)
            .build();
    AuditRecord audit =
        new AuditRecord(signal, after, decision(signal, before), AuditRecord.Outcome.DECIDED, Optional.empty(), NOW)
            .withJourney("nurture");
    // when
    String snapshotJson = mapper.writeValueAsString(after);
    String auditJson = mapper.writeValueAsString(audit);
    // then
    assertThat(mapper.readValue(snapshotJson, JourneySnapshot.class)).isEqualTo(after);
    assertThat(mapper.readValue(auditJson, AuditRecord.class)).isEqualTo(audit);
    assertThat(snapshotJson).contains("\"journeys\":{\"nurture\":{\"state\":\"ENROLLED\"");
    assertThat(auditJson).contains("\"journey\":\"nurture\"");
  }

  @Test
  void should_write_and_read_single_journey_values_as_before_several_journeys() throws Exception {
    // given: JSON written before snapshots had further journeys and audit records a journey
    Signal signal = signal();
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    AuditRecord audit =
        new AuditRecord(signal, before, decision(signal, before), AuditRecord.Outcome.DECIDED, Optional.empty(), NOW);
    String snapshotJson = mapper.writeValueAsString(before);
    String auditJson = mapper.writeValueAsString(audit);
    // when
    JourneySnapshot snapshot = mapper.readValue(snapshotJson, JourneySnapshot.class);
    AuditRecord record = mapper.readValue(auditJson, AuditRecord.class);
    // then
    assertThat(snapshotJson).doesNotContain("journeys");
    assertThat(auditJson).doesNotContain("\"journey\"");
    assertThat(snapshot.journeys()).isEmpty();
    assertThat(record.journey()).isEmpty();
    assertThat(record).isEqualTo(audit);
  }

  @Test
  void should_write_an_absent_audit_error_as_empty_text_and_read_empty_null_or_missing_as_absent()
      throws Exception {
    // given
    Signal signal = signal();
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    Decision decision = decision(signal, before);
    AuditRecord decided =
        new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), NOW);
    AuditRecord rejected =
        new AuditRecord(
            signal, before, decision, AuditRecord.Outcome.REJECTED, Optional.of("no way"), NOW);
    // when
    String decidedJson = mapper.writeValueAsString(decided);
    String rejectedJson = mapper.writeValueAsString(rejected);
    // then
    assertThat(decidedJson).contains("\"error\":\"\"");
    assertThat(rejectedJson).contains("\"error\":\"no way\"");
    assertThat(mapper.readValue(rejectedJson, AuditRecord.class).error()).contains("no way");
    assertThat(mapper.readValue(decidedJson, AuditRecord.class).error()).isEmpty();
    assertThat(mapper.readValue(decidedJson.replace("\"error\":\"\"", "\"error\":null"), AuditRecord.class))
        .isEqualTo(decided);
    assertThat(mapper.readValue(decidedJson.replace("\"error\":\"\",", ""), AuditRecord.class))
        .isEqualTo(decided);
  }

  @Test
  void should_write_absent_optional_texts_as_empty_strings_as_they_were_before_they_were_optional()
      throws Exception {
    // given: a snapshot no rule set decided yet, a rule set without hash, an ownerless task and
    // enrollment, an entry no attempt failed for, a further journey not decided in
    Signal signal = signal();
    JourneySnapshot initial = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    JourneySnapshot several =
        initial.toBuilder()
            .journey("nurture", new JourneyState("ENROLLED", NOW, Optional.empty()))
            .build();
    Decision decision =
        Decision.builder(initial, signal, NOW, RuleSetRef.of("lead-handoff", "2"))
            .createTask("Call back", "context", NOW.plusSeconds(60))
            .enrollSequence("welcome", "nurture")
            .build();
    OutboxEntry task = new OutboxEntry(decision.actions().get(0), 1, NOW, 0, NOW);
    OutboxEntry enroll = new OutboxEntry(decision.actions().get(1), 2, NOW, 0, NOW);
    // when
    String snapshotJson = mapper.writeValueAsString(several);
    String decisionJson = mapper.writeValueAsString(decision);
    String taskJson = mapper.writeValueAsString(task);
    String enrollJson = mapper.writeValueAsString(enroll);
    // then
    assertThat(snapshotJson)
        .contains("\"ruleSet\":\"\",\"version\"")
        .contains("\"nurture\":{\"state\":\"ENROLLED\",\"since\":\"2026-03-02T09:15:00Z\",\"ruleSet\":\"\"}");
    assertThat(decisionJson).contains("\"ruleSet\":{\"name\":\"lead-handoff\",\"version\":\"2\",\"hash\":\"\"}");
    assertThat(taskJson).contains("\"body\":\"context\",\"ownerId\":\"\",\"dueAt\"").endsWith(",\"lastError\":\"\"}");
    assertThat(enrollJson).contains("\"sequenceId\":\"welcome\",\"senderOwnerId\":\"\",\"channel\":\"nurture\"");
    assertThat(mapper.readValue(snapshotJson, JourneySnapshot.class)).isEqualTo(several);
    assertThat(mapper.readValue(decisionJson, Decision.class)).isEqualTo(decision);
    assertThat(mapper.readValue(taskJson, OutboxEntry.class)).isEqualTo(task);
    assertThat(mapper.readValue(enrollJson, OutboxEntry.class)).isEqualTo(enroll);
  }

  @Test
  void should_read_empty_null_or_missing_optional_texts_as_absent_and_present_ones_as_present()
      throws Exception {
    // given
    Signal signal = signal();
    JourneySnapshot initial = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    Decision decision =
        Decision.builder(initial, signal, NOW, new RuleSetRef("lead-handoff", "2", "abc123"))
            .createTask("Call back", "context", "o-7", NOW.plusSeconds(60), "HIGH", "CALL", Map.of())
            .enrollSequence("welcome", "nurture", "mkt-3")
            .build();
    OutboxEntry task = new OutboxEntry(decision.actions().get(0), 1, NOW, 1, NOW, Optional.of("HTTP 503"));
    String taskJson = mapper.writeValueAsString(task);
    String snapshotJson = mapper.writeValueAsString(initial);
    // when
    OutboxEntry nulls =
        mapper.readValue(
            taskJson.replace("\"ownerId\":\"o-7\"", "\"ownerId\":null")
                .replace("\"lastError\":\"HTTP 503\"", "\"lastError\":null"),
            OutboxEntry.class);
    OutboxEntry missing =
        mapper.readValue(
            taskJson.replace("\"ownerId\":\"o-7\",", "").replace(",\"lastError\":\"HTTP 503\"", ""),
            OutboxEntry.class);
    JourneySnapshot missingRuleSet =
        mapper.readValue(snapshotJson.replace("\"ruleSet\":\"\",", ""), JourneySnapshot.class);
    Decision back = mapper.readValue(mapper.writeValueAsString(decision), Decision.class);
    // then
    assertThat(((dev.journey.core.action.CreateTask) nulls.action()).ownerId()).isEmpty();
    assertThat(nulls.lastError()).isEmpty();
    assertThat(((dev.journey.core.action.CreateTask) missing.action()).ownerId()).isEmpty();
    assertThat(missing.lastError()).isEmpty();
    assertThat(missingRuleSet).isEqualTo(initial);
    assertThat(back).isEqualTo(decision);
    assertThat(back.ruleSet().hash()).contains("abc123");
    assertThat(((dev.journey.core.action.CreateTask) back.actions().get(0)).ownerId()).contains("o-7");
    assertThat(((dev.journey.core.action.EnrollSequence) back.actions().get(1)).senderOwnerId()).contains("mkt-3");
  }

  @Test
  void should_reject_a_task_owner_that_is_not_text_naming_the_field() throws Exception {
    // given
    Signal signal = signal();
    JourneySnapshot initial = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    Decision decision =
        Decision.builder(initial, signal, NOW, RuleSetRef.of("lead-handoff", "2"))
            .createTask("Call back", "context", NOW.plusSeconds(60))
            .build();
    String json =
        mapper.writeValueAsString(new OutboxEntry(decision.actions().get(0), 1, NOW, 0, NOW))
            .replace("\"ownerId\":\"\"", "\"ownerId\":7");
    // when / then
    assertThatThrownBy(() -> mapper.readValue(json, OutboxEntry.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class)
        .hasMessageContaining("a CREATE_TASK action's ownerId must be a string, not VALUE_NUMBER_INT");
  }

  @Test
  void should_reject_an_audit_error_that_is_not_text() throws Exception {
    // given
    Signal signal = signal();
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    String json =
        mapper
            .writeValueAsString(
                new AuditRecord(
                    signal, before, decision(signal, before), AuditRecord.Outcome.DECIDED,
                    Optional.empty(), NOW))
            .replace("\"error\":\"\"", "\"error\":{\"x\":1}");
    // when / then
    assertThatThrownBy(() -> mapper.readValue(json, AuditRecord.class))
        .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class)
        .hasMessageContaining("an audit record's error must be a string");
  }

  @Test
  void should_round_trip_stage_inputs_and_read_an_audit_written_without_them() throws Exception {
    // given
    Signal signal = signal();
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW);
    StageInputs inputs =
        new StageInputs(
            List.of(new SharedState("routing:pool:emea", 3, Map.of("cw:o-1", -1L, "n:o-1", 4L))),
            Map.of("owner.o-1", "available", "calendar.sla.first-touch", "0123456789abcdef"));
    AuditRecord audit =
        new AuditRecord(signal, before, decision(signal, before), AuditRecord.Outcome.DECIDED, Optional.empty(), NOW, inputs);
    String json = mapper.writeValueAsString(audit);
    String withoutInputs = json.replaceFirst(",\"inputs\":\\{.*\\}\\}$", "}");

    // when
    AuditRecord back = mapper.readValue(json, AuditRecord.class);
    AuditRecord old = mapper.readValue(withoutInputs, AuditRecord.class);

    // then
    assertThat(back).isEqualTo(audit);
    assertThat(withoutInputs).doesNotContain("\"inputs\"");
    assertThat(old.inputs()).isEqualTo(StageInputs.NONE);
    assertThat(old.withInputs(inputs)).isEqualTo(audit);
  }

  @Test
  void should_reject_a_signal_with_a_blank_id_naming_the_field() {
    // given
    String json =
        "{\"id\":\" \",\"subject\":\"contact:1\",\"type\":\"X\",\"occurredAt\":\"2026-03-02T09:15:00Z\","
            + "\"source\":\"s\",\"attributes\":{}}";
    // when / then
    assertThatThrownBy(() -> mapper.readValue(json, Signal.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("signal.id must be 1 to 256 non-blank characters, but was ' '");
  }

  @Test
  void should_reject_unknown_properties() {
    // given
    String json =
        "{\"id\":\"a\",\"subject\":\"contact:1\",\"type\":\"X\",\"occurredAt\":\"2026-03-02T09:15:00Z\","
            + "\"source\":\"s\",\"attributes\":{},\"surprise\":1}";
    // when / then
    assertThatThrownBy(() -> mapper.readValue(json, Signal.class))
        .hasMessageContaining("surprise");
  }
}
