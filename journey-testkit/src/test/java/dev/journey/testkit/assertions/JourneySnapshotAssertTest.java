package dev.journey.testkit.assertions;

import static dev.journey.core.state.JourneyModel.CUSTOMER;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.assertions.Fixtures.NOW;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.Suppression;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JourneySnapshotAssertTest {
  private static final Instant DUE = Instant.parse("2026-03-02T13:00:00Z");

  private final JourneySnapshot engaged =
      Fixtures.nurture().toBuilder()
          .state(SALES_ENGAGED, NOW)
          .property(JourneySnapshot.OWNER, "owner-7", "lead-handoff", NOW)
          .counter("touches", 2)
          .timer(new PendingTimer("sla:first-touch", DUE, 3, Map.of()))
          .suppression(new Suppression("nurture", "sales-engaged", Suppression.UNTIL_RESUMED))
          .version(3)
          .build();

  private final JourneySnapshot bare = Fixtures.nurture();

  @Test
  void should_pass_when_the_snapshot_matches() {
    assertThat(engaged)
        .isInState(SALES_ENGAGED)
        .hasOwner("owner-7")
        .hasProperty("owner", "owner-7")
        .hasCounter("touches", 2)
        .hasCounter("absent", 0)
        .hasVersion(3)
        .hasTimer("sla:first-touch", DUE)
        .hasNoTimer("renewal")
        .hasSuppression("nurture");
  }

  @Test
  void should_show_state_since_version_and_owner_when_the_state_differs() {
    assertThatThrownBy(() -> assertThat(engaged).isInState(CUSTOMER))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to be in state:\n  CUSTOMER\nbut was:\n"
                + "  contact:1 in SALES_ENGAGED since 2026-03-02T09:00:00Z (version 3, owner owner-7)");
  }

  @Test
  void should_show_the_owner_and_its_writer() {
    assertThatThrownBy(() -> assertThat(engaged).hasOwner("owner-8"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to be owned by:\n  owner-8\nbut the owner was:\n"
                + "  owner-7 (written by lead-handoff at 2026-03-02T09:00:00Z)");
    assertThatThrownBy(() -> assertThat(bare).hasOwner("owner-8"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to be owned by:\n  owner-8\nbut the owner was:\n  not set");
  }

  @Test
  void should_show_the_property_value() {
    assertThatThrownBy(() -> assertThat(bare).hasProperty("tier", "gold"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("\nExpecting contact:1 to have property tier = gold\nbut it was:\n  not set");
  }

  @Test
  void should_show_the_counters() {
    assertThatThrownBy(() -> assertThat(engaged).hasCounter("touches", 3))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to have counter touches = 3\nbut it was:\n  2\n"
                + "counters:\n  {touches=2}");
  }

  @Test
  void should_show_the_snapshot_when_the_version_differs() {
    assertThatThrownBy(() -> assertThat(bare).hasVersion(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to be at version 1\nbut was:\n"
                + "  contact:1 in NURTURE since 2026-03-02T09:00:00Z (version 0, owner none)");
  }

  @Test
  void should_show_pending_timers_with_due_times() {
    assertThatThrownBy(
            () -> assertThat(engaged).hasTimer("sla:first-touch", DUE.plus(Duration.ofHours(1))))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to have timer sla:first-touch due 2026-03-02T14:00:00Z\n"
                + "but its pending timers were:\n"
                + "  sla:first-touch due 2026-03-02T13:00:00Z (generation 3)");
    assertThatThrownBy(() -> assertThat(bare).hasTimer("sla:first-touch", DUE))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to have timer sla:first-touch due 2026-03-02T13:00:00Z\n"
                + "but its pending timers were:\n  none");
    assertThatThrownBy(() -> assertThat(engaged).hasNoTimer("sla:first-touch"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to have no timer sla:first-touch\n"
                + "but its pending timers were:\n"
                + "  sla:first-touch due 2026-03-02T13:00:00Z (generation 3)");
  }

  @Test
  void should_show_the_suppressed_channels() {
    assertThatThrownBy(() -> assertThat(bare).hasSuppression("nurture"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting contact:1 to have channel nurture suppressed\n"
                + "but its suppressions were:\n  none");
  }
}
