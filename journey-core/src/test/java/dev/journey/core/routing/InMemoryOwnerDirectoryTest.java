package dev.journey.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.calendar.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class InMemoryOwnerDirectoryTest {

  @Test
  void should_hold_owners_calendars_and_pools_built_in_code() {
    // given
    // tag::directory[]
    BusinessCalendar berlin = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
        .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
        .holiday(LocalDate.of(2026, 12, 25))
        .build();
    InMemoryOwnerDirectory directory = InMemoryOwnerDirectory.builder()
        .owner(Owner.builder("o-1", berlin).team("emea").manager("m-1").regions("DE", "AT")
            .dailyCap(10).weeklyCap(40).build())
        .owner(Owner.builder("o-2", berlin).team("emea").manager("m-1")
            .outOfOffice(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-07T00:00:00Z")).build())
        .owner(Owner.builder("m-1", BusinessCalendar.alwaysOpen(ZoneOffset.UTC)).team("emea").online(false).build())
        .pool(new Pool("emea", List.of(new Pool.Member("o-1", 2), new Pool.Member("o-2", 1))))
        .build();
    // end::directory[]

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
