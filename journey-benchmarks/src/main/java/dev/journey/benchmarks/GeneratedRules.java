package dev.journey.benchmarks;

import dev.journey.core.rules.JavaRuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generated journey rule sets for the build and evaluation benchmarks.
 *
 * <p>{@link #drl(int, int)}: the original build-time set (signal type × state × fit band →
 * counter, task or property; overlapping bands, so many rules can fire).
 *
 * <p>{@link #realistic(int)}: a realistic set as a list of {@link Rule}s, rendered to DRL by
 * {@link #drl(List, String)} (and renderable to anything else, e.g. plain Java, from the same
 * list). The first {@value #TYPE_RULES} rules count each signal type; every further rule belongs to
 * one group (signal type × journey state × segment) and constrains the flat fact's fit score to
 * one band of its group (the bands of a group partition 0-100), plus, rule by rule, a country, a
 * minimum intent score or a lifecycle stage. Groups and bands are mutually exclusive, so one signal
 * fires its type's counter and at most one grouped rule whatever the rule count: the work a rule
 * set of this size does per signal is matching, not firing hundreds of consequences. Some grouped
 * rules move the subject along the lead-handoff model (legal transitions only), so a stream of
 * signals spreads subjects over the states.
 *
 * <p>Both sets also render as a plain-Java {@link JavaRuleSet} with the same rules: {@link
 * #java(int)} the original set, {@link #java(List, String)} a realistic one (the cost curves
 * measure the rule count with these; {@code GeneratedRulesTest} checks them against the DRL).
 */
final class GeneratedRules {
  private static final String[] TYPES = {
    "DEMO_REQUESTED", "PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "FORM_SUBMITTED", "MEETING_BOOKED",
    "SALES_ACTIVITY", "INACTIVITY", "USAGE_DROPPED", "LIFECYCLE_CHANGED", "DEAL_STAGE_CHANGED"
  };
  private static final String[] STATES = {
    "NURTURE", "SALES_ENGAGED", "OPPORTUNITY_ACTIVE", "CUSTOMER", "RENEWAL_RISK", "RECYCLED"
  };

  /** The signal types of the realistic set: the ten the engine benchmarks' feed sends. */
  static final String[] SIGNAL_TYPES = TYPES;
  /** The {@code segment} signal attribute's values. */
  static final String[] SEGMENTS = {"SMB", "MID_MARKET", "ENTERPRISE", "STRATEGIC"};
  /** The {@code country} signal attribute's values. */
  static final String[] COUNTRIES = {"US", "CA", "GB", "DE", "FR", "NL", "AU", "JP"};
  /** The {@code lifecycle_stage} property's values. */
  static final String[] LIFECYCLE_STAGES = {
    "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"
  };
  /** How many leading rules count signal types (one per type). */
  static final int TYPE_RULES = 10;

  /** Legal moves of the lead-handoff model a grouped rule may make: (signal type, state) → state. */
  private static final Map<String, String> MOVES =
      Map.of(
          "DEMO_REQUESTED/NURTURE", "SALES_ENGAGED",
          "FORM_SUBMITTED/NURTURE", "SALES_ENGAGED",
          "MEETING_BOOKED/SALES_ENGAGED", "OPPORTUNITY_ACTIVE",
          "DEAL_STAGE_CHANGED/OPPORTUNITY_ACTIVE", "CUSTOMER",
          "USAGE_DROPPED/CUSTOMER", "RENEWAL_RISK",
          "SALES_ACTIVITY/RENEWAL_RISK", "CUSTOMER",
          "INACTIVITY/SALES_ENGAGED", "RECYCLED",
          "CONTENT_ENGAGED/RECYCLED", "NURTURE");

  private GeneratedRules() {}

  /** What a generated rule does when it fires. */
  enum Effect {
    COUNT, TASK, LIFECYCLE, SEQUENCE, MOVE
  }

  /**
   * One generated rule: its constraints on the flat fact (empty strings and {@code -1} mean "no
   * constraint") and its effect.
   *
   * @param name the rule's name and label
   * @param signalType the signal type it matches
   * @param state the journey state it matches; empty for any
   * @param segment the {@code segment} attribute it matches; empty for any
   * @param country the {@code country} attribute it matches; empty for any
   * @param lifecycleStage the {@code lifecycle_stage} property it matches; empty for any
   * @param fitMin the lowest fit score it matches; -1 for no fit constraint
   * @param fitMax the highest fit score it matches
   * @param intentMin the lowest intent score it matches; -1 for none
   * @param effect what it does
   * @param target the counter, task, stage, sequence or state its effect names
   */
  record Rule(String name, String signalType, String state, String segment, String country,
      String lifecycleStage, int fitMin, int fitMax, int intentMin, Effect effect, String target) {}

  /** The original build-time set: {@code count} rules, {@code variant} only changes a comment. */
  static String drl(int count, int variant) {
    StringBuilder drl = new StringBuilder();
    drl.append("// variant ").append(variant).append('\n');
    drl.append("package dev.journey.benchmarks.generated;\n\n");
    drl.append("import dev.journey.drools.JourneyFacts;\n");
    drl.append("import dev.journey.core.decision.Decision;\n\n");
    drl.append("global Decision.Builder decision;\n");
    for (int i = 0; i < count; i++) {
      String type = TYPES[i % TYPES.length];
      String state = STATES[(i / TYPES.length) % STATES.length];
      int band = (i * 7) % 100;
      drl.append("\nrule \"g").append(i).append("\"\n");
      drl.append("  @label(\"generated ").append(i).append("\")\n");
      drl.append("when\n  $f : JourneyFacts(signalType == \"").append(type)
          .append("\", state == \"").append(state).append("\", fitScore >= ").append(band).append(")\nthen\n");
      switch (i % 3) {
        case 0:
          drl.append("  decision.increment(\"c").append(i).append("\", 1L);\n");
          break;
        case 1:
          drl.append("  decision.createTask(\"Task ").append(i).append("\", \"generated\", $f.inHours(").append(1 + i % 48).append("));\n");
          break;
        default:
          drl.append("  decision.setProperty(\"p").append(i % 17).append("\", \"v").append(i).append("\");\n");
          break;
      }
      drl.append("end\n");
    }
    return drl.toString();
  }

  /** The realistic set of {@code count} rules (at least {@value #TYPE_RULES}). */
  static List<Rule> realistic(int count) {
    if (count < TYPE_RULES) {
      throw new IllegalArgumentException("at least " + TYPE_RULES + " rules, but was " + count);
    }
    List<Rule> rules = new ArrayList<>(count);
    for (int t = 0; t < TYPE_RULES; t++) {
      String type = SIGNAL_TYPES[t];
      rules.add(new Rule("count " + type.toLowerCase(Locale.ROOT), type, "", "", "", "", -1, 100, -1,
          Effect.COUNT, type.toLowerCase(Locale.ROOT)));
    }
    int groups = SIGNAL_TYPES.length * STATES.length * SEGMENTS.length;
    int grouped = count - TYPE_RULES;
    for (int i = 0; i < grouped; i++) {
      int group = i % groups;
      int band = i / groups;
      // the bands of one group partition 0-100; groups get one band more or less than others
      int bands = grouped / groups + (group < grouped % groups ? 1 : 0);
      String type = SIGNAL_TYPES[group % SIGNAL_TYPES.length];
      String state = STATES[(group / SIGNAL_TYPES.length) % STATES.length];
      String segment = SEGMENTS[group / (SIGNAL_TYPES.length * STATES.length)];
      int fitMin = 101 * band / bands;
      int fitMax = 101 * (band + 1) / bands - 1;
      String country = "";
      String stage = "";
      int intentMin = -1;
      switch (i % 4) {
        case 0 -> country = COUNTRIES[(i / 4) % COUNTRIES.length];
        case 1 -> intentMin = 20 + (i * 13) % 60;
        case 2 -> stage = LIFECYCLE_STAGES[(i / 4) % LIFECYCLE_STAGES.length];
        default -> { }
      }
      String move = MOVES.get(type + "/" + state);
      Effect effect;
      String target;
      if (move != null && band == bands - 1) {
        effect = Effect.MOVE;
        target = move;
      } else {
        effect = switch (i % 3) {
          case 0 -> Effect.TASK;
          case 1 -> Effect.LIFECYCLE;
          default -> Effect.SEQUENCE;
        };
        target = switch (effect) {
          case TASK -> "Follow up " + type.toLowerCase(Locale.ROOT) + " " + i;
          case LIFECYCLE -> LIFECYCLE_STAGES[(i * 5 + 1) % LIFECYCLE_STAGES.length];
          default -> "seq-" + segment.toLowerCase(Locale.ROOT) + "-" + (i % 7);
        };
      }
      rules.add(new Rule("r" + i + " " + type.toLowerCase(Locale.ROOT) + " in " + state.toLowerCase(Locale.ROOT)
          + " " + segment.toLowerCase(Locale.ROOT) + " fit " + fitMin + "-" + fitMax,
          type, state, segment, country, stage, fitMin, fitMax, intentMin, effect, target));
    }
    return rules;
  }

  /** The rules as DRL on {@code JourneyFacts}, writing through {@code decision}. */
  static String drl(List<Rule> rules, String comment) {
    StringBuilder drl = new StringBuilder(rules.size() * 260);
    drl.append("// ").append(comment).append('\n');
    drl.append("package dev.journey.benchmarks.realistic;\n\n");
    drl.append("import dev.journey.drools.JourneyFacts;\n");
    drl.append("import dev.journey.core.decision.Decision;\n\n");
    drl.append("global Decision.Builder decision;\n");
    for (Rule r : rules) {
      drl.append("\nrule \"").append(r.name()).append("\"\n");
      drl.append("  @label(\"").append(r.name()).append("\")\n");
      drl.append("when\n  $f : JourneyFacts(signalType == \"").append(r.signalType()).append('"');
      constraint(drl, "state", r.state());
      constraint(drl, "segment", r.segment());
      constraint(drl, "country", r.country());
      constraint(drl, "lifecycleStage", r.lifecycleStage());
      if (r.fitMin() >= 0) {
        drl.append(", fitScore >= ").append(r.fitMin()).append(", fitScore <= ").append(r.fitMax());
      }
      if (r.intentMin() >= 0) {
        drl.append(", intentScore >= ").append(r.intentMin());
      }
      drl.append(")\nthen\n");
      switch (r.effect()) {
        case COUNT -> drl.append("  decision.increment(\"").append(r.target()).append("\", 1L);\n");
        case TASK -> drl.append("  decision.createTask(\"").append(r.target())
            .append("\", \"generated\", $f.inHours(4));\n");
        case LIFECYCLE -> drl.append("  decision.setProperty(\"lifecycle_stage\", \"").append(r.target()).append("\");\n");
        case SEQUENCE -> drl.append("  decision.enrollSequence(\"").append(r.target()).append("\", \"email\");\n");
        case MOVE -> drl.append("  decision.transitionTo(\"").append(r.target()).append("\");\n");
        default -> throw new IllegalStateException(r.effect().name());
      }
      drl.append("end\n");
    }
    return drl.toString();
  }

  /**
   * The original build-time set of {@link #drl(int, int)} as a plain-Java rule set: rule {@code i}
   * has the same signal type, state, fit band and action; every rule whose condition holds fires,
   * in declaration order (the DRL has no salience, so Drools' order may differ).
   */
  static JavaRuleSet java(int count) {
    JavaRuleSet.Builder builder = JavaRuleSet.builder("generated-" + count, "1");
    for (int i = 0; i < count; i++) {
      String type = TYPES[i % TYPES.length];
      String state = STATES[(i / TYPES.length) % STATES.length];
      long band = (i * 7) % 100;
      String label = "generated " + i;
      switch (i % 3) {
        case 0 -> {
          String counter = "c" + i;
          builder.rule(label, java.util.Set.of(type), f -> dense(f, type, state, band), (f, d) -> d.increment(counter, 1L));
        }
        case 1 -> {
          String title = "Task " + i;
          Duration due = Duration.ofHours(1 + i % 48);
          builder.rule(label, java.util.Set.of(type), f -> dense(f, type, state, band),
              (f, d) -> d.createTask(title, "generated", f.now().plus(due)));
        }
        default -> {
          String property = "p" + i % 17;
          String value = "v" + i;
          builder.rule(label, java.util.Set.of(type), f -> dense(f, type, state, band), (f, d) -> d.setProperty(property, value));
        }
      }
    }
    return builder.build();
  }

  private static boolean dense(JavaRuleSet.Facts f, String type, String state, long band) {
    return f.signal().type().equals(type)
        && f.snapshot().state().equals(state)
        && f.signal().longAttribute("fitScore").orElse(0L) >= band;
  }

  /**
   * The rules (e.g. {@link #realistic}) as a plain-Java rule set named {@code name}, version 1: the
   * same constraints, read as {@code JourneyFacts} reads them (attributes {@code segment} and
   * {@code country}, property {@code lifecycle_stage}, missing scores as 0), the same effects, in
   * declaration order. Each rule declares its signal type, so the set is indexed by type (a signal
   * meets its type's rules only, as in Drools' alpha network).
   */
  static JavaRuleSet java(List<Rule> rules, String name) {
    JavaRuleSet.Builder builder = JavaRuleSet.builder(name, "1");
    for (Rule r : rules) {
      // declared signal type: a signal meets only its type's rules (matches still tests it)
      builder.rule(r.name(), java.util.Set.of(r.signalType()), f -> matches(r, f), (f, d) -> {
        switch (r.effect()) {
          case COUNT -> d.increment(r.target(), 1L);
          case TASK -> d.createTask(r.target(), "generated", f.now().plus(Duration.ofHours(4)));
          case LIFECYCLE -> d.setProperty("lifecycle_stage", r.target());
          case SEQUENCE -> d.enrollSequence(r.target(), "email");
          case MOVE -> d.transitionTo(r.target());
          default -> throw new IllegalStateException(r.effect().name());
        }
      });
    }
    return builder.build();
  }

  private static boolean matches(Rule r, JavaRuleSet.Facts f) {
    if (!f.signal().type().equals(r.signalType())
        || (!r.state().isEmpty() && !f.snapshot().state().equals(r.state()))
        || (!r.segment().isEmpty() && !r.segment().equals(text(f.signal().attributes().get("segment"))))
        || (!r.country().isEmpty() && !r.country().equals(text(f.signal().attributes().get("country"))))
        || (!r.lifecycleStage().isEmpty()
            && !r.lifecycleStage().equals(f.snapshot().property("lifecycle_stage").orElse("")))) {
      return false;
    }
    long fit = f.signal().longAttribute("fitScore").orElse(0L);
    long intent = f.signal().longAttribute("intentScore").orElse(0L);
    return (r.fitMin() < 0 || (fit >= r.fitMin() && fit <= r.fitMax()))
        && (r.intentMin() < 0 || intent >= r.intentMin());
  }

  private static String text(Object value) {
    return value == null ? "" : value instanceof String s ? s : String.valueOf(value);
  }

  private static void constraint(StringBuilder drl, String field, String value) {
    if (!value.isEmpty()) {
      drl.append(", ").append(field).append(" == \"").append(value).append('"');
    }
  }

  /** The attribute sets the feed cycles through: fit, intent, segment and country. */
  static Map<String, Object>[] attributeSets(int count, long seed) {
    java.util.Random random = new java.util.Random(seed);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[] sets = new Map[count];
    for (int i = 0; i < count; i++) {
      sets[i] = Map.of(
          "fitScore", random.nextInt(101),
          "intentScore", random.nextInt(101),
          "segment", SEGMENTS[random.nextInt(SEGMENTS.length)],
          "country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
    }
    return sets;
  }
}
