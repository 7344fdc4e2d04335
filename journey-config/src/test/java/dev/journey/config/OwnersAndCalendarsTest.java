package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner directory and business calendars of a configuration file (moved here from core). */
final class OwnersAndCalendarsTest {
  private static final String HEAD =
      "{\"format\": 1, \"name\": \"j\", \"model\": {\"initialState\": \"A\", \"transitions\": {\"A\": []}}, ";

  static final String DIRECTORY =
      "\"calendars\": {\n"
          + "  \"berlin\": {\"zone\": \"Europe/Berlin\",\n"
          + "             \"hours\": {\"MON\": [\"09:00-17:00\"], \"TUE\": [\"09:00-17:00\"],\n"
          + "                       \"WED\": [\"09:00-17:00\"], \"THU\": [\"09:00-17:00\"],\n"
          + "                       \"FRI\": [\"09:00-15:00\"]},\n"
          + "             \"holidays\": [\"2026-12-25\"]}\n"
          + "},\n"
          + "\"owners\": [\n"
          + "  {\"id\": \"o-1\", \"team\": \"emea\", \"manager\": \"m-1\", \"calendar\": \"berlin\",\n"
          + "   \"regions\": [\"DE\", \"AT\"], \"dailyCap\": 10, \"weeklyCap\": 40},\n"
          + "  {\"id\": \"o-2\", \"team\": \"emea\", \"manager\": \"m-1\", \"calendar\": \"berlin\",\n"
          + "   \"outOfOffice\": [{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-07T00:00:00Z\"}]},\n"
          + "  {\"id\": \"m-1\", \"team\": \"emea\", \"calendar\": \"always\", \"online\": false}\n"
          + "],\n"
          + "\"pools\": {\"emea\": [{\"owner\": \"o-1\", \"weight\": 2}, {\"owner\": \"o-2\"}]}\n";

  @TempDir Path dir;

  private JourneyConfig load(String body) throws IOException {
    Path file = dir.resolve("journey.json");
    Files.writeString(file, HEAD + body + "}");
    return JourneyConfig.load(file);
  }

  private Path file() {
    return dir.resolve("journey.json");
  }

  @Test
  void should_load_owners_calendars_and_pools() throws IOException {
    // when
    InMemoryOwnerDirectory directory = load(DIRECTORY).owners();

    // then
    Owner o1 = directory.owner("o-1").orElseThrow();
    assertThat(o1.manager()).contains("m-1");
    assertThat(o1.regions()).containsExactly("AT", "DE");
    assertThat(o1.dailyCap()).isEqualTo(10);
    assertThat(o1.calendar().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(o1.calendar().isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
    assertThat(directory.owner("o-2").orElseThrow().unavailability(Instant.parse("2026-03-03T10:00:00Z")))
        .contains("out of office until 2026-03-07T00:00:00Z");
    assertThat(directory.owner("m-1").orElseThrow().online()).isFalse();
    assertThat(directory.pool("emea").orElseThrow().members())
        .containsExactly(new Pool.Member("o-1", 2), new Pool.Member("o-2", 1));
  }

  @Test
  void should_reject_bad_owners_naming_the_pointer() throws IOException {
    assertThatThrownBy(() -> load("\"owners\": [{\"id\": \"a\", \"calendar\": \"always\", \"weigth\": 2}]"))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageStartingWith(file() + " at /owners/0/weigth must be one of the fields [id, team, manager, calendar,");
    assertThatThrownBy(
            () -> load("\"owners\": [{\"id\": \"a\", \"calendar\": \"always\"}, {\"id\": \"a\", \"calendar\": \"always\"}]"))
        .hasMessage(file() + " at /owners/1/id must be an owner id used once, but was 'a' again");
    assertThatThrownBy(
            () -> load("\"owners\": [{\"id\": \"a\", \"calendar\": \"always\"}], \"pools\": {\"p\": [{\"owner\": \"a\"}, {\"owner\": \"a\"}]}"))
        .hasMessage(file() + " at /pools/p/1/owner must be an owner listed once per pool, but was 'a' again");
    assertThatThrownBy(() -> load("\"owners\": [{\"id\": \"a\", \"calendar\": \"always\"}], \"pools\": {\"p\": []}"))
        .hasMessage(file() + " at /pools/p must be an array of at least 1 item(s), but was an array of 0");
    assertThatThrownBy(
            () -> load("\"owners\": [{\"id\": \"a\", \"calendar\": \"always\", \"outOfOffice\": [{\"from\": \"2026-03-07T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}]}]"))
        .hasMessage(file() + " at /owners/0/outOfOffice/0/to must be an instant after 'from' (2026-03-07T00:00:00Z), but was '2026-03-02T00:00:00Z'");
  }

  @Test
  void should_load_a_calendar_with_lunch_breaks_and_24_00() throws IOException {
    // given
    String calendars =
        "\"calendars\": {\"c\": {\"zone\": \"Europe/Berlin\", \"hours\": {\"MON\": [\"09:00-12:00\", \"13:00-17:00\"],"
            + " \"SAT\": [\"20:00-24:00\"]}, \"holidays\": [\"2026-12-25\"]}}";

    // when
    BusinessCalendar calendar = load(calendars).calendars().get("c");

    // then
    assertThat(calendar.hours().get(DayOfWeek.MONDAY)).hasSize(2);
    assertThat(calendar.businessTimeBetween(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")))
        .isEqualTo(Duration.ofHours(11));
    assertThat(calendar.isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
  }

  @Test
  void should_reject_bad_calendars_naming_the_pointer() throws IOException {
    assertThatThrownBy(() -> load("\"calendars\": {\"c\": {\"zone\": \"UTC\", \"hours\": {}}}"))
        .hasMessage(file() + " at /calendars/c/hours must be an object with at least 1 entry, but was an empty object");
    assertThatThrownBy(() -> load("\"calendars\": {\"c\": {\"zone\": \"UTC\", \"hours\": {\"MON\": [\"09:00-12:00\", \"11:00-13:00\"]}}}"))
        .hasMessage(file() + " at /calendars/c/hours/MON/1 must be a range that ends after it starts and overlaps no other"
            + " range of MON, but was '11:00-13:00'");
    assertThatThrownBy(() -> load("\"calendars\": {\"c\": {\"zone\": \"UTC\", \"hours\": {\"MON\": [\"09:00-17:00\"]}, \"holidays\": [\"2026-02-30\"]}}"))
        .hasMessage(file() + " at /calendars/c/holidays/0 must be a calendar date such as 2026-12-25, but was '2026-02-30'");
  }
}
