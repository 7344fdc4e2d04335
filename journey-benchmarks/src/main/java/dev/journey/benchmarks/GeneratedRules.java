package dev.journey.benchmarks;

/** Generated journey-like rules: signal type × state × fit band → counter, task or property. */
final class GeneratedRules {
  private static final String[] TYPES = {
    "DEMO_REQUESTED", "PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "FORM_SUBMITTED", "MEETING_BOOKED",
    "SALES_ACTIVITY", "INACTIVITY", "USAGE_DROPPED", "LIFECYCLE_CHANGED", "DEAL_STAGE_CHANGED"
  };
  private static final String[] STATES = {
    "NURTURE", "SALES_ENGAGED", "OPPORTUNITY_ACTIVE", "CUSTOMER", "RENEWAL_RISK", "RECYCLED"
  };

  private GeneratedRules() {}

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
}
