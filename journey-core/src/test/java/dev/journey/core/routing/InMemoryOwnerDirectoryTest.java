package dev.journey.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidConfigurationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

final class InMemoryOwnerDirectoryTest {

  // tag::directory-json[]
  static final String DIRECTORY_JSON =
      "{\n"
          + "  \"calendars\": {\n"
          + "    \"berlin\": {\"zone\": \"Europe/Berlin\",\n"
          + "               \"hours\": {\"MON\": [\"09:00-17:00\"], \"TUE\": [\"09:00-17:00\"],\n"
          + "                         \"WED\": [\"09:00-17:00\"], \"THU\": [\"09:00-17:00\"],\n"
          + "                         \"FRI\": [\"09:00-15:00\"]},\n"
          + "               \"holidays\": [\"2026-12-25\"]}\n"
          + "  },\n"
          + "  \"owners\": [\n"
          + "    {\"id\": \"o-1\", \"team\": \"emea\", \"manager\": \"m-1\", \"calendar\": \"berlin\",\n"
          + "     \"regions\": [\"DE\", \"AT\"], \"dailyCap\": 10, \"weeklyCap\": 40},\n"
          + "    {\"id\": \"o-2\", \"team\": \"emea\", \"manager\": \"m-1\", \"calendar\": \"berlin\",\n"
          + "     \"outOfOffice\": [{\"from\": \"2026-03-02T00:00:00Z\", \"to\": \"2026-03-07T00:00:00Z\"}]},\n"
          + "    {\"id\": \"m-1\", \"team\": \"emea\", \"calendar\": \"always\", \"online\": false}\n"
          + "  ],\n"
          + "  \"pools\": {\"emea\": [{\"owner\": \"o-1\", \"weight\": 2}, {\"owner\": \"o-2\"}]}\n"
          + "}\n";
  // end::directory-json[]

  @Test
  void should_load_owners_calendars_and_pools_from_json() {
    // when
    // tag::directory-load[]
    InMemoryOwnerDirectory directory = InMemoryOwnerDirectory.fromJson("owners.json", DIRECTORY_JSON);
    // end::directory-load[]

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
  void should_reject_bad_documents_naming_the_path() {
    assertThatThrownBy(() -> InMemoryOwnerDirectory.fromJson("owners.json", "{\"owners\": [{\"id\": \"a\", \"calendar\": \"mars\"}]}"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("owners.json at $.owners[0].calendar must be one of the calendars [always], but was 'mars'");
    assertThatThrownBy(
            () -> InMemoryOwnerDirectory.fromJson(
                "owners.json",
                "{\"owners\": [{\"id\": \"a\", \"calendar\": \"always\"}], \"pools\": {\"p\": [{\"owner\": \"b\"}]}}"))
        .hasMessage("owners.json at $.pools.p[0].owner must be the id of an owner listed in $.owners, but was 'b'");
    assertThatThrownBy(
            () -> InMemoryOwnerDirectory.fromJson(
                "owners.json", "{\"owners\": [{\"id\": \"a\", \"calendar\": \"always\", \"dailyCap\": 0}]}"))
        .hasMessage("owners.json at $.owners[0].dailyCap must be an integer from 1 to 2147483647, but was 0");
    assertThatThrownBy(
            () -> InMemoryOwnerDirectory.fromJson(
                "owners.json", "{\"owners\": [{\"id\": \"a\", \"calendar\": \"always\", \"weigth\": 2}]}"))
        .hasMessageStartingWith("owners.json at $.owners[0].weigth must be one of the fields [");
    assertThatThrownBy(
            () -> InMemoryOwnerDirectory.fromJson(
                "owners.json",
                "{\"owners\": [{\"id\": \"a\", \"calendar\": \"always\"}, {\"id\": \"a\", \"calendar\": \"always\"}]}"))
        .hasMessage("owners.json at $.owners[1].id must be an owner id used once, but was 'a' again");
  }

  @Test
  void should_reject_pools_with_unknown_owners_when_built_in_code() {
    assertThatThrownBy(() -> InMemoryOwnerDirectory.builder().pool(Pool.of("p", "ghost")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pool 'p' lists owner 'ghost', which was not added");
    assertThatThrownBy(() -> new Pool("p", List.of(new Pool.Member("a", 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight must be 1 to 100, but was 0");
    assertThatThrownBy(() -> RoutingPolicy.builder("p").roundRobin("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("routing policy 'p' needs a fallbackQueue(...) so that nothing stays unrouted");
  }
}
