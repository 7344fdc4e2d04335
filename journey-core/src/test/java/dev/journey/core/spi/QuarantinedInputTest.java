package dev.journey.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.spi.QuarantinedInput.Kind;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class QuarantinedInputTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void should_cap_and_redact_the_content_and_hide_it_from_to_string() {
    // given
    String raw = "{\"email\":\"ada.lovelace@example.com\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
    // when
    QuarantinedInput input =
        new QuarantinedInput(Kind.EXTERNAL_EVENT, "evt-1", Optional.empty(), "bad", raw, 1, T0);
    // then
    assertThat(input.content()).hasSize(QuarantinedInput.MAX_CONTENT_LENGTH)
        .doesNotContain("ada.lovelace").contains("***@***").endsWith("characters in all]");
    assertThat(input.toString()).doesNotContain("ada").doesNotContain("xxx")
        .contains("content=" + QuarantinedInput.MAX_CONTENT_LENGTH + " characters");
  }

  @Test
  void should_reject_an_attempt_count_below_one() {
    // when / then
    assertThatThrownBy(
            () -> new QuarantinedInput(Kind.SIGNAL, "s", Optional.empty(), "r", "", 0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be >= 1, but was 0");
  }
}
