package dev.journey.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.decision.RuleSetRef;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

final class ActionIdsTest {

  @Property(tries = 300)
  void ids_are_the_standard_name_based_uuid_of_the_four_inputs(
      @ForAll @AlphaChars @StringLength(min = 1, max = 20) String subjectId,
      @ForAll @AlphaChars @StringLength(min = 1, max = 30) String signalId,
      @ForAll @IntRange(min = 0, max = 1000) int ordinal) {
    SubjectRef subject = SubjectRef.contact(subjectId);
    String expected =
        UUID.nameUUIDFromBytes(
                (subject + "|" + signalId + "|rules@1|" + ordinal).getBytes(StandardCharsets.UTF_8))
            .toString();
    assertThat(ActionIds.derive(subject, signalId, "rules@1", ordinal)).isEqualTo(expected);
  }

  private static String reference(SubjectRef subject, String signalId, String ruleSet, int ordinal) {
    return UUID.nameUUIDFromBytes(
            (subject + "|" + signalId + "|" + ruleSet + "|" + ordinal).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Provide
  Arbitrary<String> anyText() {
    // any chars, unpaired surrogates included, and lengths past the encoder's 256-byte buffer
    return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300);
  }

  @Provide
  Arbitrary<String> subjectIds() {
    // what a subject id may hold: no white space, control characters or ':'
    return anyText().filter(ActionIdsTest::validSubjectId);
  }

  private static boolean validSubjectId(String id) {
    try {
      SubjectRef.company(id);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Property(tries = 500)
  void should_derive_the_name_based_uuid_of_the_text_when_inputs_hold_any_unicode(
      @ForAll("subjectIds") String subjectId,
      @ForAll("anyText") String signalId,
      @ForAll("anyText") String ruleSetName,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int ordinal) {
    // given
    SubjectRef subject = SubjectRef.company(subjectId);
    RuleSetRef ruleSet = RuleSetRef.of("r" + ruleSetName, "7");
    // when
    String byKey = ActionIds.derive(subject, signalId, ruleSet.key(), ordinal);
    // then
    String expected = reference(subject, signalId, ruleSet.key(), ordinal);
    assertThat(byKey).isEqualTo(expected);
  }

  @Example
  void should_keep_the_ids_golden_datasets_recorded_when_derived_again() {
    // given: the id UUID.nameUUIDFromBytes gives for this text (computed independently)
    SubjectRef subject = SubjectRef.contact("1000042");
    // when / then
    assertThat(ActionIds.derive(subject, "sig-1", "lead-handoff@1", 0))
        .isEqualTo("bab8e035-1ebc-325a-aefa-20fa92c57ba4");
  }
}
