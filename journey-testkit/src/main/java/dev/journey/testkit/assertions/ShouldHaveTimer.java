package dev.journey.testkit.assertions;

import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import org.assertj.core.error.ErrorMessageFactory;

/** Timers differ. */
final class ShouldHaveTimer extends JourneyMessage {
  private ShouldHaveTimer(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveTimer(JourneySnapshot actual, String name, Instant dueAt) {
    return new ShouldHaveTimer(
        "\nExpecting " + actual.subject() + " to have timer " + name + " due " + dueAt
            + "\nbut its pending timers were:\n" + Render.timers(actual.timers().values()));
  }

  static ErrorMessageFactory shouldNotHaveTimer(JourneySnapshot actual, String name) {
    return new ShouldHaveTimer(
        "\nExpecting " + actual.subject() + " to have no timer " + name
            + "\nbut its pending timers were:\n" + Render.timers(actual.timers().values()));
  }

  static ErrorMessageFactory shouldScheduleTimer(Decision actual, String name, Instant dueAt) {
    return new ShouldHaveTimer(
        "\nExpecting " + Render.decision(actual) + " to schedule timer " + name + " due " + dueAt
            + "\nbut its timer commands were:\n" + Render.timerCommands(actual.timerCommands()));
  }

  static ErrorMessageFactory shouldCancelTimer(Decision actual, String name) {
    return new ShouldHaveTimer(
        "\nExpecting " + Render.decision(actual) + " to cancel timer " + name
            + "\nbut its timer commands were:\n" + Render.timerCommands(actual.timerCommands()));
  }
}
