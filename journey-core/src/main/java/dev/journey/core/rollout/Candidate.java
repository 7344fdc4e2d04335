package dev.journey.core.rollout;

import dev.journey.core.internal.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The version rolling out in a {@link JourneyDeployment}: its rollout steps (percent of entering
 * subjects, strictly increasing, ending at 100), the step it is at, and its pilot scope.
 *
 * @param version the candidate version
 * @param steps the rollout steps in percent, e.g. {@link #DEFAULT_STEPS}
 * @param step the index in {@code steps} of the current step
 * @param pilot which entering subjects the candidate may reach at all
 */
public record Candidate(String version, List<Integer> steps, int step, PilotScope pilot) {
  /** The default steps: 1% → 10% → 50% → 100%. */
  public static final List<Integer> DEFAULT_STEPS = List.of(1, 10, 50, 100);

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the steps are not strictly increasing percentages in
   *     {@code 1..100} ending at 100, or {@code step} is not an index of them
   */
  public Candidate {
    Checks.notBlank(version, "version");
    steps = List.copyOf(steps);
    Objects.requireNonNull(pilot, "pilot");
    if (steps.isEmpty() || steps.get(steps.size() - 1) != 100) {
      throw new IllegalArgumentException(
          "rollout steps must be strictly increasing percentages in 1..100 ending at 100, but were "
              + steps);
    }
    int previous = 0;
    for (int s : steps) {
      if (s <= previous || s > 100) {
        throw new IllegalArgumentException(
            "rollout steps must be strictly increasing percentages in 1..100 ending at 100, but were "
                + steps);
      }
      previous = s;
    }
    if (step < 0 || step >= steps.size()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "step must be in 0..%d (an index of %s), but was %d", steps.size() - 1, steps, step));
    }
  }

  /** The share of entering subjects (in scope) that get the candidate, in percent. */
  public int percent() {
    return steps.get(step);
  }

  /** Returns {@code true} at the last step (100%). */
  public boolean atLastStep() {
    return step == steps.size() - 1;
  }
}
