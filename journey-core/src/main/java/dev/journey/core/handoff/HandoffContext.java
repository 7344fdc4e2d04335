package dev.journey.core.handoff;

import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.Decision;
import dev.journey.core.feature.Condition;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.spi.DecisionStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A journey's declared handoff context: which features (and scores, segments), which attributes
 * of the signal at hand may leave the system with a handoff, and the highlights that make up a
 * one-sentence rationale ("demo request; 4 pricing views in 7 days; fit 82"). As a {@link
 * DecisionStage} (run it after routing) it attaches the package to every task the decision
 * creates (its {@code context} map) and the rationale to every notification; nothing that is not
 * declared leaves, and the package is bounded in size.
 *
 * <p>Keys in a task's context: {@code rationale}, {@code feature.<name>}, {@code
 * attribute.<name>} and, for each declared {@linkplain FeatureDefinition.Recent recent-signals}
 * feature, its signals newest first as {@code recent.<name>.<1..N>} ({@code "<type> <value>
 * <occurredAt>"}, the top N by recency). Values of declared attributes leave as they are: declare
 * only attributes that may (no emails or names unless your policy allows them). With {@link
 * Builder#onEntering}, only decisions that enter one of those states get the package (the handoff
 * itself, not every later task). Pure and thread-safe. Build with {@link #builder()}.
 */
public final class HandoffContext implements DecisionStage {
  /** The longest package when none is given: 2,000 characters. */
  public static final int DEFAULT_MAX_CHARS = 2_000;

  /**
   * One highlight of the rationale: its {@code text} when {@code when} holds, with {@code
   * {value}} replaced by the feature's value (whole numbers without decimals).
   *
   * @param when the condition on a feature
   * @param text the phrase, e.g. {@code "{value} pricing views in 7 days"}
   */
  public record Highlight(Condition when, String text) {
    /** Validates. */
    public Highlight {
      Objects.requireNonNull(when, "when");
      Objects.requireNonNull(text, "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("a highlight needs a text");
      }
    }
  }

  private final List<String> features;
  private final List<String> attributes;
  private final Map<String, String> triggers;
  private final List<Highlight> highlights;
  private final List<String> recent;
  private final java.util.Set<String> onEntering;
  private final int maxChars;

  private HandoffContext(Builder b) {
    this.features = List.copyOf(b.features);
    this.attributes = List.copyOf(b.attributes);
    this.recent = List.copyOf(b.recent);
    this.onEntering = java.util.Set.copyOf(b.onEntering);
    this.triggers = Map.copyOf(b.triggers);
    this.highlights = List.copyOf(b.highlights);
    this.maxChars = b.maxChars;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The rationale for a handoff on {@code signal} with these features: the trigger (the phrase
   * declared for the signal's type, else the type in lower case), then each highlight that holds,
   * separated by {@code "; "}.
   *
   * @throws dev.journey.core.feature.UnknownFeatureException when a highlight reads a feature the
   *     journey does not declare
   */
  public String rationale(Signal signal, FeatureSnapshot f) {
    List<String> parts = new ArrayList<>();
    parts.add(triggers.getOrDefault(signal.type(), signal.type().toLowerCase(Locale.ROOT).replace('_', ' ')));
    for (Highlight h : highlights) {
      if (h.when().test(f::value)) {
        parts.add(h.text().replace("{value}", number(f.value(h.when().feature()))));
      }
    }
    return bounded(String.join("; ", parts));
  }

  /** The features, scores and segments that go with a handoff, in declaration order. */
  public List<String> features() {
    return features;
  }

  /** The recent-signals features whose signals go with a handoff, in declaration order. */
  public List<String> recent() {
    return recent;
  }

  /** The states whose entering gets the package; empty: every decision with a task or notification. */
  public java.util.Set<String> onEntering() {
    return onEntering;
  }

  /** The highlights of the rationale, in declaration order. */
  public List<Highlight> highlights() {
    return highlights;
  }

  /**
   * The context package for a handoff on {@code signal}: the rationale, then the declared
   * features, the declared attributes the signal carries and the recent signals, until {@link
   * Builder#maxChars} is reached.
   */
  public Map<String, String> assemble(Signal signal, FeatureSnapshot f) {
    Map<String, String> out = new LinkedHashMap<>();
    String rationale = rationale(signal, f);
    out.put("rationale", rationale);
    int used = rationale.length();
    for (String name : features) {
      used = put(out, "feature." + name, number(f.value(name)), used);
    }
    for (String name : attributes) {
      Object v = signal.attributes().get(name);
      if (v != null) {
        used = put(out, "attribute." + name, String.valueOf(v), used);
      }
    }
    for (String name : recent) {
      List<FeatureSnapshot.RecentSignal> kept = f.recent(name);
      for (int k = 0; k < kept.size(); k++) {
        FeatureSnapshot.RecentSignal r = kept.get(k);
        String line = r.value().isEmpty() ? r.type() + " " + r.occurredAt() : r.type() + " " + r.value() + " " + r.occurredAt();
        used = put(out, "recent." + name + "." + (k + 1), line, used);
      }
    }
    return out;
  }

  private int put(Map<String, String> out, String key, String value, int used) {
    int size = key.length() + value.length();
    if (used + size > maxChars) {
      return used; // bounded: what does not fit is left out
    }
    out.put(key, value);
    return used + size;
  }

  private String bounded(String text) {
    return text.length() <= maxChars ? text : text.substring(0, Math.max(0, maxChars - 3)) + "...";
  }

  private static String number(double v) {
    if (Double.isInfinite(v)) {
      return "never";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Attaches the package to the decision's tasks and the rationale to its notifications. */
  @Override
  public Decision apply(Decision decision, Context context) {
    List<Action> actions = decision.actions();
    boolean any = false;
    for (Action a : actions) {
      any |= a instanceof CreateTask || a instanceof Notify;
    }
    if (!any || (!onEntering.isEmpty()
        && (!decision.changesState() || !onEntering.contains(decision.stateAfter())))) {
      return decision;
    }
    FeatureSnapshot f = context.snapshot().features();
    Map<String, String> pack = assemble(context.signal(), f);
    List<Action> out = new ArrayList<>(actions.size());
    for (Action a : actions) {
      if (a instanceof CreateTask t) {
        Map<String, String> merged = new TreeMap<>(t.context());
        merged.putAll(pack);
        out.add(new CreateTask(t.id(), t.subject(), t.title(), t.body(), t.ownerId(), t.dueAt(), t.priority(),
            t.taskType(), merged));
      } else if (a instanceof Notify n) {
        String message = n.message().isEmpty() ? pack.get("rationale") : n.message() + " (" + pack.get("rationale") + ")";
        out.add(new Notify(n.id(), n.subject(), n.recipientId(), message));
      } else {
        out.add(a);
      }
    }
    return decision.withActions(out);
  }

  @Override
  public String toString() {
    return "HandoffContext[features=" + features + ", attributes=" + attributes + ", recent=" + recent
        + ", highlights=" + highlights.size() + ", onEntering="
        + new java.util.TreeSet<>(onEntering) + ", maxChars=" + maxChars + "]";
  }

  /** Configures a {@link HandoffContext}. Not thread-safe. */
  public static final class Builder {
    private final List<String> features = new ArrayList<>();
    private final List<String> attributes = new ArrayList<>();
    private final Map<String, String> triggers = new LinkedHashMap<>();
    private final List<Highlight> highlights = new ArrayList<>();
    private final List<String> recent = new ArrayList<>();
    private final java.util.Set<String> onEntering = new java.util.LinkedHashSet<>();
    private int maxChars = DEFAULT_MAX_CHARS;

    Builder() {}

    /** Features, scores or segments that go with the handoff, by name. */
    public Builder features(String... names) {
      for (String n : names) {
        features.add(Objects.requireNonNull(n, "name"));
      }
      return this;
    }

    /** Attributes of the signal at hand that may leave the system with the handoff. */
    public Builder attributes(String... names) {
      for (String n : names) {
        attributes.add(Objects.requireNonNull(n, "name"));
      }
      return this;
    }

    /**
     * Recent-signals features ({@link FeatureDefinition.Recent}) whose kept signals go with the
     * handoff, newest first: the top N by recency, N being the feature's {@code keep}.
     */
    public Builder recent(String... names) {
      for (String n : names) {
        recent.add(Objects.requireNonNull(n, "name"));
      }
      return this;
    }

    /**
     * Attaches the package only to decisions that enter one of {@code states} (the handoff),
     * not to every task or notification; by default every decision with one gets it.
     */
    public Builder onEntering(String... states) {
      for (String s : states) {
        onEntering.add(Objects.requireNonNull(s, "state"));
      }
      return this;
    }

    /** The phrase that opens the rationale for a signal of {@code type} ("demo request"). */
    public Builder trigger(String type, String phrase) {
      triggers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(phrase, "phrase"));
      return this;
    }

    /** A highlight: {@code text} joins the rationale when {@code when} holds. */
    public Builder highlight(Condition when, String text) {
      highlights.add(new Highlight(when, text));
      return this;
    }

    /**
     * The most characters the package may hold (keys and values); default {@link
     * #DEFAULT_MAX_CHARS}.
     *
     * @throws IllegalArgumentException when below 40
     */
    public Builder maxChars(int maxChars) {
      if (maxChars < 40) {
        throw new IllegalArgumentException("maxChars must be >= 40, but was " + maxChars);
      }
      this.maxChars = maxChars;
      return this;
    }

    /** Builds the context. */
    public HandoffContext build() {
      return new HandoffContext(this);
    }
  }
}
