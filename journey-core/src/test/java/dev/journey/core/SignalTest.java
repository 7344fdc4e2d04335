package dev.journey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SignalTest {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");

  private static Signal.Builder valid() {
    return Signal.builder()
        .id("s-1")
        .subject(SubjectRef.contact("1"))
        .type(SignalTypes.DEMO_REQUESTED)
        .occurredAt(T)
        .source("hubspot");
  }

  @Test
  void should_reject_a_blank_id_saying_what_is_allowed_and_what_was_found() {
    assertThatThrownBy(() -> valid().id("  ").build())
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.id must be 1 to 256 non-blank characters, but was '  '")
        .satisfies(
            e -> {
              InvalidSignalException ise = (InvalidSignalException) e;
              assertThat(ise.field()).isEqualTo("signal.id");
              assertThat(ise.actual()).isEqualTo("'  '");
            });
  }

  @Test
  void should_reject_a_null_id() {
    assertThatThrownBy(() -> valid().id(null).build())
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.id must be 1 to 256 non-blank characters, but was null");
  }

  @Test
  void should_reject_an_id_with_white_space() {
    assertThatThrownBy(() -> valid().id("a b").build())
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.id must be free of white space, but was 'a b'");
  }

  @Test
  void should_reject_a_missing_subject_and_a_bad_type() {
    assertThatThrownBy(() -> valid().subject(null).build())
        .hasMessage("signal.subject must be a subject such as contact:123, but was null");
    assertThatThrownBy(() -> valid().type("demo request").build())
        .hasMessage(
            "signal.type must be 1 to 64 of letters, digits, '_', '.', '-', ':', but was 'demo request'");
  }

  @Test
  void should_reject_non_json_attribute_values_naming_the_path_but_not_the_value() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("when", new Object());
    assertThatThrownBy(() -> valid().attribute("utm", nested).build())
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage(
            "signal.attributes.utm.when must be a JSON value (String, Boolean, integral or finite number,"
                + " List, Map with String keys), but was java.lang.Object");
    assertThatThrownBy(() -> valid().attribute("score", Double.NaN).build())
        .hasMessage("signal.attributes.score must be a finite number, but was NaN");
    List<Object> pages = new ArrayList<>();
    pages.add("/pricing");
    pages.add(null);
    assertThatThrownBy(() -> valid().attribute("pages", pages).build())
        .hasMessageStartingWith("signal.attributes.pages[1] must be a JSON value");
  }

  @Test
  void should_copy_attributes_deeply_and_normalize_numbers() {
    List<Object> pages = new ArrayList<>(List.of("/pricing"));
    Signal signal = valid().attribute("pages", pages).attribute("fit", 82).attribute("w", 1.5f).build();
    pages.add("/demo");
    assertThat(signal.attributes().get("pages")).isEqualTo(List.of("/pricing"));
    assertThat(signal.attributes().get("fit")).isEqualTo(82L);
    assertThat(signal.attributes().get("w")).isEqualTo(1.5d);
    assertThatThrownBy(() -> signal.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void should_never_print_attribute_values() {
    Signal signal = valid().attribute("email", "ada@example.com").build();
    assertThat(signal.toString()).contains("email").doesNotContain("ada@example.com");
  }

  @Test
  void should_parse_and_print_subjects_and_reject_bad_ones() {
    assertThat(SubjectRef.parse("deal:12345678901234")).isEqualTo(SubjectRef.deal("12345678901234"));
    assertThat(SubjectRef.contact("7").toString()).isEqualTo("contact:7");
    assertThatThrownBy(() -> SubjectRef.parse("person:1"))
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("subject.type must be one of contact, company, deal, but was 'person'");
    assertThatThrownBy(() -> SubjectRef.contact("a:b"))
        .hasMessage("subject.id must be no white space, control characters or ':', but was 'a:b'");
  }

  @Test
  void should_lift_a_timer_firing_out_of_the_wire_attributes_of_a_timer_signal() {
    // when
    Signal signal = valid().type(SignalTypes.TIMER_FIRED).source("journey")
        .attribute("timer", "sla:first-touch").attribute("generation", 4).attribute("policy", "ft")
        .build();
    // then
    assertThat(signal.firing()).contains(new TimerFiring("sla:first-touch", 4, T));
    assertThat(signal.attributes()).containsOnlyKeys("policy");
    assertThat(signal.isTimer("sla:first-touch")).isTrue();
    assertThat(signal.isTimer("sla")).isFalse();
    assertThat(signal.wireAttributes())
        .containsExactly(Map.entry("policy", "ft"), Map.entry("timer", "sla:first-touch"), Map.entry("generation", 4L));
  }

  @Test
  void should_leave_timer_attributes_alone_on_a_signal_that_is_not_a_timer() {
    // when
    Signal signal = valid().attribute("timer", "sla").attribute("generation", 1).build();
    // then
    assertThat(signal.firing()).isEmpty();
    assertThat(signal.attributes()).containsOnlyKeys("timer", "generation");
    assertThat(signal.isTimer("sla")).isFalse();
  }

  @Test
  void should_reject_a_firing_on_another_type_a_due_time_apart_from_the_signals_and_reserved_attributes() {
    TimerFiring sla = new TimerFiring("sla", 1, T);
    assertThatThrownBy(() -> valid().firing(sla).build())
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.firing must be only on a TIMER_FIRED signal, but was on DEMO_REQUESTED");
    assertThatThrownBy(() -> valid().type(SignalTypes.TIMER_FIRED).firing(new TimerFiring("sla", 1, T.plusSeconds(1))).build())
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.firing.dueAt must be the signal's occurredAt (2026-03-02T09:15:00Z), but was 2026-03-02T09:15:01Z");
    assertThatThrownBy(() -> valid().type(SignalTypes.TIMER_FIRED).firing(sla).attribute("timer", "other").build())
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.attributes must be no 'timer' or 'generation' next to a typed firing (they are its wire form), but was [timer]");
    assertThatThrownBy(() -> new TimerFiring(" ", 1, T))
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.firing.name must be a non-blank timer name, but was ' '");
    assertThatThrownBy(() -> new TimerFiring("sla", -1, T))
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.firing.generation must be at least 0, but was -1");
  }
}
