package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.jackson.JourneyJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

final class CompactAuditTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1001");
  private static final List<Signal> SIGNALS =
      List.of(
          TestJourneys.demo("form-1", LEAD, T0),
          TestJourneys.signal("view-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(60)),
          TestJourneys.signal("view-2", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(120)));

  private static void pipeAll(DrivenTopology kafka) {
    for (Signal s : SIGNALS) {
      kafka.pipe(s.subject().toString(), TestJourneys.json(s), s.occurredAt());
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void should_carry_the_decision_and_the_digest_of_the_snapshot_the_full_record_embeds() throws Exception {
    // given: the same signals through a topology with full records and one with digests
    List<AuditRecord> full;
    try (DrivenTopology kafka = new DrivenTopology(JourneyTopology.builder(TestJourneys.definition()), T0, false)) {
      pipeAll(kafka);
      full = kafka.audit.readValuesToList();
    }
    List<AuditDigest> compact;
    // when
    try (DrivenTopology kafka =
        new DrivenTopology(JourneyTopology.builder(TestJourneys.definition()).compactAudit(true), T0, false)) {
      pipeAll(kafka);
      TestOutputTopic<String, AuditDigest> digests =
          kafka.driver.createOutputTopic(
              JourneyTopology.DEFAULT_AUDIT_TOPIC,
              Serdes.String().deserializer(),
              JourneySerdes.auditDigest().deserializer());
      compact = digests.readValuesToList();
    }
    // then: decision by decision the same, and each digest identifies the embedded snapshot
    assertThat(compact).hasSameSizeAs(full).hasSize(3);
    for (int i = 0; i < full.size(); i++) {
      AuditRecord record = full.get(i);
      AuditDigest digest = compact.get(i);
      assertThat(digest.decision()).isEqualTo(record.decision());
      assertThat(digest.signal()).isEqualTo(record.signal());
      assertThat(digest.outcome()).isEqualTo(record.outcome());
      assertThat(digest.beforeVersion()).isEqualTo(record.before().version());
      if (i == 0) {
        assertThat(digest.beforeSha256()).isEmpty(); // a new subject: nothing was stored
      } else {
        assertThat(digest.beforeSha256())
            .isEqualTo(sha256(JourneyJson.mapper().writeValueAsString(record.before())));
      }
    }
    assertThat(compact.get(1).beforeSha256()).isNotEqualTo(compact.get(2).beforeSha256());
  }

  @Test
  void should_be_smaller_than_the_full_record() {
    // given
    byte[] full;
    byte[] compact;
    try (DrivenTopology kafka = new DrivenTopology(JourneyTopology.builder(TestJourneys.definition()), T0, false)) {
      pipeAll(kafka);
      full = kafka.driver.createOutputTopic(JourneyTopology.DEFAULT_AUDIT_TOPIC,
          Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readValuesToList().get(2);
    }
    // when
    try (DrivenTopology kafka =
        new DrivenTopology(JourneyTopology.builder(TestJourneys.definition()).compactAudit(true), T0, false)) {
      pipeAll(kafka);
      compact = kafka.driver.createOutputTopic(JourneyTopology.DEFAULT_AUDIT_TOPIC,
          Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readValuesToList().get(2);
    }
    // then
    assertThat(compact.length).isLessThan(full.length);
  }

  @Test
  void should_refuse_a_digest_that_is_not_a_lower_case_hex_sha256() {
    // given
    dev.journey.core.decision.Decision decision =
        TestJourneys.rules()
            .evaluate(
                dev.journey.core.state.JourneySnapshot.initial(
                    LEAD, dev.journey.core.state.JourneyModel.leadHandoff().initialState(), T0),
                SIGNALS.get(0),
                T0);
    // when / then
    assertThatThrownBy(
            () ->
                new AuditDigest(
                    SIGNALS.get(0), 1, "ABC", decision, AuditRecord.Outcome.DECIDED,
                    java.util.Optional.empty(), T0, null, java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("beforeSha256 must be empty or 64 lower-case hex digits, but was 'ABC'");
  }
}
