package dev.journey.core.routing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.calendar.BusinessCalendar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RoutingBuildersTest {
  private static final BusinessCalendar ALWAYS = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);

  @Test
  void should_reject_invalid_owner_settings() {
    assertThatThrownBy(() -> Owner.builder("a", ALWAYS).dailyCap(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dailyCap must be >= 1, but was 0");
    assertThatThrownBy(() -> Owner.builder("a", ALWAYS).weeklyCap(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weeklyCap must be >= 1, but was -3");
    assertThatThrownBy(
            () -> Owner.builder("a", ALWAYS).outOfOffice(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("to must be after from (2026-03-02T00:00:00Z), but was 2026-03-01T00:00:00Z");
    assertThatThrownBy(() -> Owner.builder(" ", ALWAYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must not be blank, but was ' '");
  }

  @Test
  void should_reject_invalid_pools_and_directories() {
    assertThatThrownBy(() -> new Pool("p", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pool 'p' must have at least one member, but had none");
    assertThatThrownBy(() -> Pool.of("p", "a", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pool 'p' must list each owner once, but listed 'a' twice");
    assertThatThrownBy(
            () -> InMemoryOwnerDirectory.builder().owner(Owner.builder("a", ALWAYS).build()).owner(Owner.builder("a", ALWAYS).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("owner id must be unique, but 'a' was added twice");
  }

  @Test
  void should_reject_invalid_policies_and_routers() {
    assertThatThrownBy(() -> RoutingPolicy.builder("p").sticky())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sticky needs at least one property, but got none");
    assertThatThrownBy(() -> RoutingPolicy.builder("p").match("territory", "region", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("match table for 'region' must not be empty, but was {}");
    assertThatThrownBy(() -> RoutingPolicy.builder("p").fallbackQueue("q1").fallbackQueue("q2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fallbackQueue was already set to 'q1'");
    assertThatThrownBy(() -> Router.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a router needs a directory(...)");
    RoutingPolicy policy = RoutingPolicy.builder("p").roundRobin("x").fallbackQueue("q").build();
    assertThatThrownBy(() -> Router.builder().policy(policy).policy(policy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy name must be unique, but 'p' was added twice");
  }
}
