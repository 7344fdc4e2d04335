package dev.journey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The wire form of a timer firing (its name and generation as attributes) is the exact inverse of
 * the typed firing: reading back what {@link Signal#wireAttributes()} wrote gives the same signal,
 * with the same fingerprint.
 */
final class TimerFiringProperties {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("sla", "sla:first-touch", "inactivity:stale-lead", "nurture-review");
  }

  @Provide
  Arbitrary<Map<String, Object>> attributes() {
    return Arbitraries.maps(
            Arbitraries.of("policy", "step", "note"),
            Arbitraries.of("ft", "breach", "", "1").map(s -> (Object) s))
        .ofMaxSize(3);
  }

  @Property(tries = 200)
  void should_read_back_the_wire_form_as_the_same_typed_firing(
      @ForAll("names") String name,
      @ForAll @LongRange(min = 0, max = 1_000_000) long generation,
      @ForAll("attributes") Map<String, Object> attributes) {
    // given
    Signal typed =
        Signal.timerFired(
            "timer:contact:1:" + name + ":" + generation,
            SubjectRef.contact("1"),
            new TimerFiring(name, generation, T),
            attributes);
    // when
    Signal wire =
        new Signal(
            typed.id(), typed.subject(), typed.type(), typed.occurredAt(), typed.source(),
            typed.wireAttributes());
    // then
    assertThat(wire).isEqualTo(typed);
    assertThat(wire.firing()).contains(new TimerFiring(name, generation, T));
    assertThat(wire.attributes()).isEqualTo(attributes);
    assertThat(wire.fingerprint()).isEqualTo(typed.fingerprint());
  }
}
