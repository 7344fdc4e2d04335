package dev.journey.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.ForAll;
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
}
