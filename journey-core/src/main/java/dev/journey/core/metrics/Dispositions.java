package dev.journey.core.metrics;

import dev.journey.core.action.Action;
import dev.journey.core.action.Recycle;
import dev.journey.core.decision.Decision;
import dev.journey.core.internal.Checks;
import dev.journey.core.spi.DecisionStage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A journey's closed lists of reason codes, per exit: why a subject was recycled, disqualified or
 * lost. A declaration may be limited to the states the exit leaves from, so the same code (say
 * {@code NOT_A_FIT}) can be a disqualification from {@code SALES_ENGAGED} and a loss from {@code
 * OPPORTUNITY_ACTIVE}; a {@code Recycle} action's exit is the first declaration that allows its
 * code from the state before the decision.
 *
 * <p>{@link #stage()} enforces the lists on every decision: a rule that emits an undeclared code
 * makes the engine's {@code accept} throw {@link UndeclaredReasonCodeException} naming the code and
 * the allowed list, and nothing of that signal is committed. {@link #require} checks a disposition
 * that arrives from elsewhere (e.g. a CRM field) the same way.
 *
 * <pre>{@code
 * Dispositions dispositions = Dispositions.builder()
 *     .recycle("LOW_FIT", "LOW_INTENT", "NO_ACTIVITY")
 *     .declare(Dispositions.Exit.DISQUALIFY, Set.of("SALES_ENGAGED"), "NO_BUDGET", "NOT_A_FIT")
 *     .declare(Dispositions.Exit.LOSS, Set.of("OPPORTUNITY_ACTIVE"), "CHOSE_COMPETITOR", "NOT_A_FIT")
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

  /**
   * One declaration: codes of an exit, from some states (all states when empty).
   *
   * @param exit the exit
   * @param fromStates the states it leaves from; empty for any state
   * @param codes the reason codes, in declaration order
   */
  public record Declaration(Exit exit, Set<String> fromStates, Set<String> codes) {
    /** Validates and copies. */
    public Declaration {
      Objects.requireNonNull(exit, "exit");
      fromStates = Collections.unmodifiableSet(new LinkedHashSet<>(fromStates));
      codes = Collections.unmodifiableSet(new LinkedHashSet<>(codes));
    }

    boolean allows(String state, String code) {
      return codes.contains(code) && (fromStates.isEmpty() || fromStates.contains(state));
    }
  }

  private final List<Declaration> declarations;

  private Dispositions(List<Declaration> declarations) {
    this.declarations = List.copyOf(declarations);
  }

  /** Starts an empty declaration. */
  public static Builder builder() {
    return new Builder();
  }

  /** The declarations, in order. */
  public List<Declaration> declarations() {
    return declarations;
  }

  /** The codes of one exit from any state, in declaration order. */
  public List<String> codes(Exit exit) {
    Objects.requireNonNull(exit, "exit");
    Set<String> codes = new LinkedHashSet<>();
    declarations.stream().filter(d -> d.exit() == exit).forEach(d -> codes.addAll(d.codes()));
    return List.copyOf(codes);
  }

  /** The codes allowed when leaving a state, in declaration order. */
  public List<String> codesFrom(String state) {
    Objects.requireNonNull(state, "state");
    Set<String> codes = new LinkedHashSet<>();
    declarations.stream()
        .filter(d -> d.fromStates().isEmpty() || d.fromStates().contains(state))
        .forEach(d -> codes.addAll(d.codes()));
    return List.copyOf(codes);
  }

  /** The exit of a recycle with that code leaving that state, empty when not declared. */
  public Optional<Exit> exitOf(String fromState, String code) {
    Objects.requireNonNull(fromState, "fromState");
    Objects.requireNonNull(code, "code");
    return declarations.stream().filter(d -> d.allows(fromState, code)).map(Declaration::exit).findFirst();
  }

  /**
   * Checks a disposition for one exit, e.g. a CRM's closed-lost reason.
   *
   * @param where where the code came from, for the message (e.g. {@code deal 88 closedLostReason})
   * @return the code
   * @throws UndeclaredReasonCodeException when the code is not declared for that exit
   */
  public String require(Exit exit, String code, String where) {
    Objects.requireNonNull(exit, "exit");
    Objects.requireNonNull(code, "code");
    Checks.notBlank(where, "where");
    List<String> allowed = codes(exit);
    if (!allowed.contains(code)) {
      throw new UndeclaredReasonCodeException(code, where, exit, allowed);
    }
    return code;
  }

  /**
   * Checks every {@code Recycle} of a decision against the codes allowed from its state before.
   *
   * @throws UndeclaredReasonCodeException for the first undeclared code
   */
  public void check(Decision decision) {
    for (Action action : decision.actions()) {
      if (action instanceof Recycle recycle) {
        String code = recycle.reasonCode();
        if (exitOf(decision.stateBefore(), code).isEmpty()) {
          throw new UndeclaredReasonCodeException(
              code,
              "Recycle from " + decision.stateBefore() + " in the decision of rule set " + decision.ruleSet()
                  + " on signal " + decision.signalId() + " (rules fired: " + String.join(", ", decision.rulesFired()) + ")",
              null,
              codesFrom(decision.stateBefore()));
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
    return "Dispositions" + declarations;
  }

  /** Declares the codes. Not thread-safe. */
  public static final class Builder {
    private final List<Declaration> declarations = new ArrayList<>();

    Builder() {}

    /** Declares recycle reasons, from any state. */
    public Builder recycle(String... reasonCodes) {
      return declare(Exit.RECYCLE, Set.of(), reasonCodes);
    }

    /** Declares disqualification reasons, from any state. */
    public Builder disqualify(String... reasonCodes) {
      return declare(Exit.DISQUALIFY, Set.of(), reasonCodes);
    }

    /** Declares loss reasons, from any state. */
    public Builder loss(String... reasonCodes) {
      return declare(Exit.LOSS, Set.of(), reasonCodes);
    }

    /**
     * Declares reasons of an exit, leaving from the given states (any state when empty).
     *
     * @throws IllegalArgumentException for no or a blank code, or a code an earlier declaration
     *     already allows from one of the same states (the exit would be ambiguous)
     */
    public Builder declare(Exit exit, Set<String> fromStates, String... reasonCodes) {
      Objects.requireNonNull(exit, "exit");
      Objects.requireNonNull(fromStates, "fromStates");
      fromStates.forEach(s -> Checks.notBlank(s, "from state"));
      if (reasonCodes.length == 0) {
        throw new IllegalArgumentException("a " + exit + " declaration must name at least one reason code, but named none");
      }
      Set<String> codes = new LinkedHashSet<>();
      for (String code : reasonCodes) {
        Checks.notBlank(code, "reason code");
        for (Declaration d : declarations) {
          boolean overlap =
              d.fromStates().isEmpty() || fromStates.isEmpty() || !Collections.disjoint(d.fromStates(), fromStates);
          if (overlap && d.codes().contains(code)) {
            throw new IllegalArgumentException(
                "reason code '" + code + "' must have one exit per state, but was declared for " + d.exit()
                    + " and again for " + exit + (fromStates.isEmpty() ? "" : " from " + fromStates));
          }
        }
        if (!codes.add(code)) {
          throw new IllegalArgumentException("reason code '" + code + "' was declared twice for " + exit);
        }
      }
      declarations.add(new Declaration(exit, fromStates, codes));
      return this;
    }

    /** Builds the declaration. */
    public Dispositions build() {
      return new Dispositions(declarations);
    }
  }
}
