package dev.journey.core.guardrail;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.decision.Decision;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneySnapshot;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Frequency caps: at most N actions of a kind per subject per local day (e.g. at most 3 tasks a
 * day). Actions beyond the cap are dropped, in decision order, and audited as dropped by
 * {@value #NAME}. Usage lives in the snapshot counters {@code cap.<KIND>.day} (epoch day) and
 * {@code cap.<KIND>.count}, committed with the decision.
 *
 * <pre>{@code
 * FrequencyCapGuardrail caps = FrequencyCapGuardrail.builder(ZoneId.of("Europe/Berlin"))
 *     .perDay(ActionKind.CREATE_TASK, 3)
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe. Register it last, after the stages that add actions.
 */
public final class FrequencyCapGuardrail implements DecisionStage {
  /** The guardrail name in dropped-action records. */
  public static final String NAME = "frequency-cap";

  private final ZoneId zone;
  private final Map<ActionKind, Integer> perDay;

  private FrequencyCapGuardrail(Builder b) {
    this.zone = b.zone;
    this.perDay = new EnumMap<>(b.perDay);
  }

  /** Starts a builder; days are counted in {@code zone}. */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    JourneySnapshot snapshot = context.snapshot();
    long today = LocalDate.ofInstant(context.now(), zone).toEpochDay();
    Decision d = decision;
    for (Map.Entry<ActionKind, Integer> cap : perDay.entrySet()) {
      String dayKey = "cap." + cap.getKey() + ".day";
      String countKey = "cap." + cap.getKey() + ".count";
      long used = snapshot.counter(dayKey) == today ? snapshot.counter(countKey) : 0;
      long start = used;
      boolean any = false;
      for (Action action : List.copyOf(d.actions())) {
        if (action.kind() != cap.getKey()) {
          continue;
        }
        any = true;
        if (used < cap.getValue()) {
          used++;
        } else {
          d =
              d.dropping(
                  action,
                  NAME,
                  String.format(
                      Locale.ROOT,
                      "at most %d %s per subject per day (%s); %d already today",
                      cap.getValue(),
                      cap.getKey(),
                      zone,
                      start));
        }
      }
      if (any) {
        d = Counters.set(d, snapshot, dayKey, today);
        d = Counters.set(d, snapshot, countKey, used);
      }
    }
    return d;
  }

  /** Configures a {@link FrequencyCapGuardrail}. Not thread-safe. */
  public static final class Builder {
    private final ZoneId zone;
    private final Map<ActionKind, Integer> perDay = new EnumMap<>(ActionKind.class);

    Builder(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * At most {@code max} actions of {@code kind} per subject per day.
     *
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    public Builder perDay(ActionKind kind, int max) {
      Objects.requireNonNull(kind, "kind");
      if (max < 1) {
        throw new IllegalArgumentException("max " + kind + " per day must be >= 1, but was " + max);
      }
      perDay.put(kind, max);
      return this;
    }

    /**
     * Builds the guardrail.
     *
     * @throws IllegalStateException when no cap was set
     */
    public FrequencyCapGuardrail build() {
      if (perDay.isEmpty()) {
        throw new IllegalStateException("declare at least one perDay(...) cap");
      }
      return new FrequencyCapGuardrail(this);
    }
  }
}
