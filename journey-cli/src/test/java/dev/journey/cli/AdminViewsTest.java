package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.SetProperty;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.OutboxEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the admin JSON shows of personal data: lengths for values, masks for e-mail addresses. */
final class AdminViewsTest {
  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void should_mask_email_addresses_in_a_dead_letter_reason_and_never_show_the_action_value() {
    // given: HubSpot echoed a value in its error
    SubjectRef contact = SubjectRef.contact("101");
    OutboxEntry entry = new OutboxEntry(new SetProperty("a-1", contact, "email", "jane.doe@example.com"), 0, T, 3, T,
        java.util.Optional.of("HubSpot 400 VALIDATION_ERROR: jane.doe@example.com is not valid"));
    DeadLetter letter = new DeadLetter(entry, "permanent failure: jane.doe@example.com is not valid", T);

    // when
    String json = new String(new AdminViews().bytes(new AdminViews().deadLetters(List.of(letter), 10)),
        java.nio.charset.StandardCharsets.UTF_8);

    // then
    assertThat(json).doesNotContain("jane").contains("permanent failure: <email> is not valid")
        .contains("\"kind\" : \"SET_PROPERTY\"").contains("\"subject\" : \"contact:101\"").contains("\"attempts\" : 3");
  }

  @Test
  void should_show_free_text_as_its_length_only() {
    // when / then
    assertThat(AdminViews.redact("Jane Doe")).isEqualTo("<8 chars>");
    assertThat(AdminViews.redact("")).isEmpty();
    assertThat(AdminViews.mask("owner a.b+c@x.co and b@y.org")).isEqualTo("owner <email> and <email>");
  }
}
