package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.hubspot.internal.Signatures;
import dev.journey.testkit.fake.FakeHubSpot;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fake signs webhooks with its own copy of v3 (the testkit cannot depend on this module);
 * this keeps the copy equal to the adapter's verification for any URI.
 */
final class FakeSigningAgreementTest {

  @Provide
  Arbitrary<String> uris() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcXYZ019-_.~=&").ofMinLength(1).ofMaxLength(6),
        Arbitraries.of("%3A", "%3a", "%2F", "%2f", "%3F", "%40", "%21", "%24", "%27", "%28", "%29", "%2A", "%2C",
            "%3B", "%3b", "%20", "%41", "%", "%2", "?", "/"));
    return piece.list().ofMaxSize(12).map(p -> "https://hooks.example.com/h?" + String.join("", p));
  }

  @Property(tries = 300)
  void the_fake_signs_exactly_as_the_receiver_verifies(@ForAll("uris") String uri, @ForAll byte[] body) {
    // when
    String fake = FakeHubSpot.signV3("secret", "POST", uri, body, "1772442000000");
    String adapter = Signatures.v3("secret", "POST", uri, body, "1772442000000");
    // then
    assertThat(fake).as(new String(uri.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(adapter);
  }
}
