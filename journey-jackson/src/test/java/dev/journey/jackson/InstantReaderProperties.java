package dev.journey.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link InstantReader} reads what {@code JavaTimeModule}'s deserializer reads ({@link
 * JourneyJson#reflectiveMapper()}, the reference model): the same instant for the canonical texts,
 * and for texts a character away from them (other forms, fields out of range, leap seconds,
 * garbage) the same instant or the same error, type and message.
 */
final class InstantReaderProperties {
  private static final ObjectMapper FAST = JourneyJson.mapper();
  private static final ObjectMapper REFLECTIVE = JourneyJson.reflectiveMapper();
  private static final String ODD = "0123456789-:.TtZz+ x";

  /** The instant read, or the error's type and message. */
  private static String read(ObjectMapper mapper, String json) {
    try {
      return "read " + mapper.readValue(json, Instant.class);
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Property(tries = 2_000)
  void should_read_the_instant_written_when_it_is_anywhere_in_range(@ForAll long seed)
      throws Exception {
    // given
    Instant instant = new RandomValues(seed).instant();
    String json = FAST.writeValueAsString(instant);
    // when
    Instant fast = FAST.readValue(json, Instant.class);
    // then
    assertThat(fast).isEqualTo(instant).isEqualTo(REFLECTIVE.readValue(json, Instant.class));
  }

  @Property(tries = 3_000)
  void should_read_or_reject_a_text_as_the_time_module_does_when_it_is_a_character_off(
      @ForAll long seed) {
    // given: a canonical text with 1 to 9 fraction digits, then one character changed, added or
    // removed, or a month, day, hour or second at its bound
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(new RandomValues(seed).ordinaryInstant().toString());
    if (random.nextInt(4) == 0) {
      int dot = text.indexOf(".");
      String fraction = Integer.toString(random.nextInt(1_000_000_000));
      text.replace(dot < 0 ? text.length() - 1 : dot, text.length() - 1, "." + fraction.substring(0, 1 + random.nextInt(fraction.length())));
    }
    switch (random.nextInt(8)) {
      case 0 -> text.setCharAt(random.nextInt(text.length()), ODD.charAt(random.nextInt(ODD.length())));
      case 1 -> text.insert(random.nextInt(text.length() + 1), ODD.charAt(random.nextInt(ODD.length())));
      case 2 -> text.deleteCharAt(random.nextInt(text.length()));
      case 3 -> text.replace(5, 10, new String[] {"02-29", "02-30", "04-31", "13-01", "00-10", "12-32"}[random.nextInt(6)]);
      case 4 -> text.replace(11, 19, new String[] {"24:00:00", "23:59:60", "23:60:00", "00:00:00"}[random.nextInt(4)]);
      case 5 -> text.replace(text.length() - 1, text.length(), new String[] {"+00:00", "+01:00", "z", ""}[random.nextInt(4)]);
      case 6 -> text.replace(0, 4, new String[] {"0000", "9999", "+10000", "-0001", "1900"}[random.nextInt(5)]);
      default -> { }
    }
    String json = "\"" + text + "\"";
    // when
    String fast = read(FAST, json);
    // then
    assertThat(fast).isEqualTo(read(REFLECTIVE, json));
  }

  @Property(tries = 200)
  void should_read_or_reject_a_number_as_the_time_module_does(@ForAll long seconds, @ForAll int nanos) {
    // given
    String json = (seconds % 3 == 0) ? Long.toString(seconds) : seconds + "." + Math.abs(nanos % 1_000_000_000);
    // when / then
    assertThat(read(FAST, json)).isEqualTo(read(REFLECTIVE, json));
  }
}
