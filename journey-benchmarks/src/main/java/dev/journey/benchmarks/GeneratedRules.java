package dev.journey.benchmarks;

import dev.journey.core.rules.JavaRuleSet;
import java.time.Duration;

/**
 * Generated journey-like rules: signal type × state × fit band → counter, task or property. The
 * same generated rules render as DRL ({@link #drl}) or as a plain-Java {@link JavaRuleSet} ({@link
 * #java}): rule {@code i} has the same signal type, state, fit band and action in both.
 */
final class GeneratedRules {
  private static final String[] TYPES = {
    "DEMO_REQUESTED", "PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "FORM_SUBMITTED", "MEETING_BOOKED",
    "SALES_ACTIVITY", "INACTIVITY", "USAGE_DROPPED", "LIFECYCLE_CHANGED", "DEAL_STAGE_CHANGED"
  };
  private static final String[] STATES = {
    "NURTURE", "SALES_ENGAGED", "OPPORTUNITY_ACTIVE", "CUSTOMER", "RENEWAL_RISK", "RECYCLED"
  };

  private GeneratedRules() {}

  private static String type(int i) {
    return TYPES[i % TYPES.length];
  }

  private static String state(int i) {
    return STATES[(i / TYPES.length) % STATES.length];
  }

  private static int band(int i) {
    return (i * 7) % 100;
  }

  static String drl(int count, int variant) {
    StringBuilder drl = new StringBuilder();
    drl.append("// variant ").append(variant).append('\n');
    drl.append("package dev.journey.benchmarks.generated;\n\n");
    drl.append("import dev.journey.drools.JourneyFacts;\n");
    drl.append("import dev.journey.core.decision.Decision;\n\n");
    drl.append("global Decision.Builder decision;\n");
    for (int i = 0; i < count; i++) {
      drl.append("\nrule \"g").append(i).append("\"\n");
      drl.append("  @label(\"generated ").append(i).append("\")\n");
      drl.append("when\n  $f : JourneyFacts(signalType == \"").append(type(i))
          .append("\", state == \"").append(state(i)).append("\", fitScore >= ").append(band(i)).append(")\nthen\n");
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

  /**
   * The {@code count} rules of {@link #drl} as a plain-Java rule set: every rule whose condition
   * holds fires, in declaration order (the generated DRL has no salience, so Drools' order among
   * rules that fire together may differ; the actions do not depend on one another).
   */
  static JavaRuleSet java(int count) {
    JavaRuleSet.Builder builder = JavaRuleSet.builder("generated-" + count, "1");
    for (int i = 0; i < count; i++) {
      String type = type(i);
      String state = state(i);
      long band = band(i);
      String label = "generated " + i;
      switch (i % 3) {
        case 0: {
          String counter = "c" + i;
          builder.rule(label, f -> matches(f, type, state, band), (f, d) -> d.increment(counter, 1L));
          break;
        }
        case 1: {
          String title = "Task " + i;
          Duration due = Duration.ofHours(1 + i % 48);
          builder.rule(label, f -> matches(f, type, state, band),
              (f, d) -> d.createTask(title, "generated", f.now().plus(due)));
          break;
        }
        default: {
          String property = "p" + i % 17;
          String value = "v" + i;
          builder.rule(label, f -> matches(f, type, state, band),
              (f, d) -> d.setProperty(property, value));
          break;
        }
      }
    }
    return builder.build();
  }

  private static boolean matches(JavaRuleSet.Facts f, String type, String state, long band) {
    return f.signal().type().equals(type)
        && f.snapshot().state().equals(state)
        && f.signal().longAttribute("fitScore").orElse(0L) >= band;
  }
}
