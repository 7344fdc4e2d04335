package dev.journey.core.metrics;

import dev.journey.core.action.Action;
import dev.journey.core.action.Recycle;
import dev.journey.core.decision.Decision;
import dev.journey.core.internal.Checks;
import dev.journey.core.spi.DecisionStage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A journey's closed lists of reason codes, per exit: why a subject was recycled, disqualified or
 * lost. Each code belongs to exactly one exit, so a {@code Recycle} action's code tells its exit
 * and the measurements can count recycles, disqualifications and losses by reason.
 *
 * <p>{@link #stage()} enforces the lists on every decision: a rule that emits an undeclared code
 * makes the engine's {@code accept} throw {@link UndeclaredReasonCodeException} naming the code and
 * the allowed list, and nothing of that signal is committed. {@link #require} checks a disposition
 * that arrives from elsewhere (e.g. a CRM field) the same way.
 *
 * <pre>{@code
 * Dispositions dispositions = Dispositions.builder()
 *     .recycle("LOW_FIT", "LOW_INTENT", "NO_ACTIVITY")
 *     .disqualify("NO_BUDGET", "NOT_A_FIT")
 *     .loss("CHOSE_COMPETITOR", "NO_DECISION")
 *     .build();
 * }</pre>
 */
public final class Dispositions {
  /** A way out of the journey that needs a reason. */
  public enum Exit {
    /** Back to nurture for a reason (low fit, no activity). */
    RECYCLE,
    /** Sales disqualified the lead. */
    DISQUALIFY,
    /** The deal was lost. */
    LOSS
  }

  private final Map<Exit, Set<String>> codes;
  private final Map<String, Exit> exitByCode;

  private Dispositions(Map<Exit, Set<String>> codes) {
    Map<Exit, Set<String>> copy = new EnumMap<>(Exit.class);
    Map<String, Exit> byCode = new LinkedHashMap<>();
    codes.forEach(
        (exit, set) -> {
          copy.put(exit, Collections.unmodifiableSet(new LinkedHashSet<>(set)));
          set.forEach(c -> byCode.put(c, exit));
        });
    this.codes = Collections.unmodifiableMap(copy);
    this.exitByCode = Collections.unmodifiableMap(byCode);
  }

  /** Starts an empty declaration. */
  public static Builder builder() {
    return new Builder();
  }

  /** The codes of one exit, in declaration order (empty when none are declared). */
  public Set<String> codes(Exit exit) {
    return codes.getOrDefault(Objects.requireNonNull(exit, "exit"), Set.of());
  }

  /** Every declared code, by exit in declaration order. */
  public List<String> allCodes() {
    return List.copyOf(exitByCode.keySet());
  }

  /** The exit a code belongs to, empty when it is not declared. */
  public Optional<Exit> exitOf(String code) {
    return Optional.ofNullable(exitByCode.get(Objects.requireNonNull(code, "code")));
  }

  /**
   * Checks a disposition for one exit, e.g. a CRM's closed-lost reason.
   *
   * @param where where the code came from, for the message (e.g. {@code signal crm-881 attribute closedLostReason})
   * @return the code
   * @throws UndeclaredReasonCodeException when the code is not declared for that exit
   */
  public String require(Exit exit, String code, String where) {
    Objects.requireNonNull(exit, "exit");
    Objects.requireNonNull(code, "code");
    Checks.notBlank(where, "where");
    if (!codes(exit).contains(code)) {
      throw new UndeclaredReasonCodeException(code, where, exit, List.copyOf(codes(exit)));
    }
    return code;
  }

  /**
   * Checks every {@code Recycle} of a decision.
   *
   * @throws UndeclaredReasonCodeException for the first undeclared code
   */
  public void check(Decision decision) {
    for (Action action : decision.actions()) {
      if (action instanceof Recycle) {
        String code = ((Recycle) action).reasonCode();
        if (!exitByCode.containsKey(code)) {
          throw new UndeclaredReasonCodeException(
              code,
              "Recycle in the decision of rule set " + decision.ruleSet() + " on signal " + decision.signalId()
                  + " (rules fired: " + String.join(", ", decision.rulesFired()) + ")",
              null,
              allCodes());
        }
      }
    }
  }

  /** A decision stage that applies {@link #check} to every decision and passes it on unchanged. */
  public DecisionStage stage() {
    return (decision, context) -> {
      check(decision);
      return decision;
    };
  }

  @Override
  public String toString() {
    return "Dispositions" + codes;
  }

  /** Declares the codes. Not thread-safe. */
  public static final class Builder {
    private final Map<Exit, Set<String>> codes = new EnumMap<>(Exit.class);
    private final Map<String, Exit> seen = new LinkedHashMap<>();

    Builder() {}

    /** Declares recycle reasons. */
    public Builder recycle(String... reasonCodes) {
      return declare(Exit.RECYCLE, reasonCodes);
    }

    /** Declares disqualification reasons. */
    public Builder disqualify(String... reasonCodes) {
      return declare(Exit.DISQUALIFY, reasonCodes);
    }

    /** Declares loss reasons. */
    public Builder loss(String... reasonCodes) {
      return declare(Exit.LOSS, reasonCodes);
    }

    /**
     * Declares reasons of an exit.
     *
     * @throws IllegalArgumentException for a blank code or one already declared (for any exit)
     */
    public Builder declare(Exit exit, String... reasonCodes) {
      Objects.requireNonNull(exit, "exit");
      List<String> checked = new ArrayList<>();
      for (String code : reasonCodes) {
        Checks.notBlank(code, "reason code");
        Exit previous = seen.get(code);
        if (previous != null || checked.contains(code)) {
          throw new IllegalArgumentException(
              "reason code '" + code + "' must be declared once, but was declared for " + (previous == null ? exit : previous)
                  + " and again for " + exit);
        }
        checked.add(code);
      }
      checked.forEach(c -> seen.put(c, exit));
      codes.computeIfAbsent(exit, e -> new LinkedHashSet<>()).addAll(checked);
      return this;
    }

    /** Builds the declaration. */
    public Dispositions build() {
      return new Dispositions(codes);
    }
  }
}
