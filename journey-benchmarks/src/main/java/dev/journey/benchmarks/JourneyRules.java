package dev.journey.benchmarks;

import dev.journey.core.decision.Decision;
import dev.journey.core.rules.JavaRuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 32-rule journey rule set of the benchmarks, as data. {@link #toDrl()} renders it as the DRL
 * in {@code journey-32.drl} (checked equal at benchmark setup) and {@link #toJava()} as the same
 * logic in a {@link JavaRuleSet}: every rule whose condition holds fires, in declaration order
 * (salience in the DRL).
 */
public final class JourneyRules {
  /** The rule set name. */
  public static final String NAME = "journey-32";
  /** The rule set version. */
  public static final String VERSION = "1";
  /** The DRL resource. */
  public static final String RESOURCE = "journey-32.drl";

  /** A call on the decision builder; an {@code Hours} argument becomes {@code now + n hours}. */
  record Act(String method, List<Object> args) {}

  /** Hours from now. */
  record Hours(int hours) {}

  /** One rule: conditions on JourneyFacts and what it writes. */
  record Rule(
      String label,
      String type,
      List<String> states,
      int minFit,
      int maxFit,
      int minIntent,
      int maxIntent,
      Boolean owned,
      String timer,
      List<Act> acts) {}

  private static final List<Rule> RULES = new ArrayList<>();

  private JourneyRules() {}

  private static final class R {
    final String label;
    final String type;
    List<String> states = List.of();
    int minFit = -1;
    int maxFit = -1;
    int minIntent = -1;
    int maxIntent = -1;
    Boolean owned;
    String timer;
    final List<Act> acts = new ArrayList<>();

    R(String label, String type, String... states) {
      this.label = label;
      this.type = type;
      this.states = List.of(states);
    }

    R fit(int min, int max) {
      minFit = min;
      maxFit = max;
      return this;
    }

    R intent(int min, int max) {
      minIntent = min;
      maxIntent = max;
      return this;
    }

    R owned(boolean value) {
      owned = value;
      return this;
    }

    R timer(String name) {
      timer = name;
      return this;
    }

    R then(String method, Object... args) {
      acts.add(new Act(method, List.of(args)));
      return this;
    }

    void add() {
      RULES.add(new Rule(label, type, states, minFit, maxFit, minIntent, maxIntent, owned, timer, List.copyOf(acts)));
    }
  }

  static {
    new R("demo from nurture, high fit", "DEMO_REQUESTED", "NURTURE").fit(70, -1)
        .then("transitionTo", "SALES_ENGAGED").then("route", "inbound").then("startTimer", "sla", new Hours(4)).add();
    new R("demo from nurture, mid fit", "DEMO_REQUESTED", "NURTURE").fit(40, 69)
        .then("transitionTo", "SALES_ENGAGED").then("route", "inbound").then("startTimer", "sla", new Hours(24)).add();
    new R("demo from nurture, low fit", "DEMO_REQUESTED", "NURTURE").fit(-1, 39)
        .then("enrollSequence", "low-fit-demo", "email").add();
    new R("demo while engaged", "DEMO_REQUESTED", "SALES_ENGAGED")
        .then("createTask", "Demo requested again", "Follow up", new Hours(2)).add();
    new R("demo from recycled", "DEMO_REQUESTED", "RECYCLED")
        .then("transitionTo", "SALES_ENGAGED").then("route", "inbound").add();
    new R("demo from customer", "DEMO_REQUESTED", "CUSTOMER")
        .then("createTask", "Expansion demo", "Customer asked for a demo", new Hours(24)).add();
    new R("pricing view counted", "PRICING_PAGE_VIEWED").then("increment", "pricing_views", 1L).add();
    new R("pricing, hot intent", "PRICING_PAGE_VIEWED", "NURTURE").intent(80, -1)
        .then("transitionTo", "SALES_ENGAGED").then("route", "inbound").add();
    new R("pricing, warm intent", "PRICING_PAGE_VIEWED", "NURTURE").intent(50, 79)
        .then("setProperty", "warmth", "warm").add();
    new R("pricing while engaged, unowned", "PRICING_PAGE_VIEWED", "SALES_ENGAGED").owned(false)
        .then("route", "inbound").add();
    new R("pricing from customer", "PRICING_PAGE_VIEWED", "CUSTOMER").intent(60, -1)
        .then("createTask", "Expansion interest", "Pricing viewed", new Hours(48)).add();
    new R("pricing at renewal risk", "PRICING_PAGE_VIEWED", "RENEWAL_RISK")
        .then("notify", "csm", "pricing viewed at renewal risk").add();
    new R("meeting opens opportunity", "MEETING_BOOKED", "SALES_ENGAGED")
        .then("transitionTo", "OPPORTUNITY_ACTIVE").then("cancelTimer", "sla")
        .then("setProperty", "lifecycle_stage", "opportunity").add();
    new R("meeting from nurture", "MEETING_BOOKED", "NURTURE")
        .then("transitionTo", "SALES_ENGAGED").then("route", "inbound").add();
    new R("meeting at renewal risk", "MEETING_BOOKED", "RENEWAL_RISK").then("transitionTo", "CUSTOMER").add();
    new R("activity on unowned lead", "SALES_ACTIVITY", "SALES_ENGAGED").owned(false)
        .then("notify", "sales-manager", "activity on an unowned lead").add();
    new R("activity stops the sla", "SALES_ACTIVITY", "SALES_ENGAGED").then("cancelTimer", "sla").add();
    new R("activity on opportunity", "SALES_ACTIVITY", "OPPORTUNITY_ACTIVE").then("increment", "touches", 1L).add();
    new R("inactive engaged lead recycled", "INACTIVITY", "SALES_ENGAGED")
        .then("transitionTo", "RECYCLED").then("recycle", "NO_RESPONSE").then("suppress", "email", "recycled").add();
    new R("inactive nurture re-engaged", "INACTIVITY", "NURTURE").then("enrollSequence", "re-engage", "email").add();
    new R("inactive opportunity escalated", "INACTIVITY", "OPPORTUNITY_ACTIVE")
        .then("escalate", "sales-manager", 1, "opportunity went quiet").add();
    new R("inactive customer at risk", "INACTIVITY", "CUSTOMER")
        .then("transitionTo", "RENEWAL_RISK").then("createTask", "Check in", "Customer went quiet", new Hours(24)).add();
    new R("usage drop puts customer at risk", "USAGE_DROPPED", "CUSTOMER")
        .then("transitionTo", "RENEWAL_RISK").then("notify", "csm", "usage dropped").add();
    new R("usage drop at risk escalates", "USAGE_DROPPED", "RENEWAL_RISK")
        .then("escalate", "csm-lead", 2, "usage keeps dropping").add();
    new R("form brings recycled back", "FORM_SUBMITTED", "RECYCLED")
        .then("transitionTo", "NURTURE").then("resume", "email").add();
    new R("high-fit form in nurture", "FORM_SUBMITTED", "NURTURE").fit(80, -1)
        .then("createTask", "Qualify", "High-fit form", new Hours(24)).add();
    new R("content counted", "CONTENT_ENGAGED", "NURTURE").then("increment", "content", 1L).add();
    new R("content brings recycled back", "CONTENT_ENGAGED", "RECYCLED")
        .then("transitionTo", "NURTURE").then("resume", "email").add();
    new R("deal won", "DEAL_STAGE_CHANGED", "OPPORTUNITY_ACTIVE")
        .then("transitionTo", "CUSTOMER").then("setProperty", "lifecycle_stage", "customer").add();
    new R("lifecycle jump with intent", "LIFECYCLE_CHANGED", "NURTURE", "RECYCLED").intent(90, -1)
        .then("transitionTo", "SALES_ENGAGED").add();
    new R("sla breach escalates", "TIMER_FIRED", "SALES_ENGAGED").timer("sla")
        .then("escalate", "sales-manager", 1, "SLA breached").add();
    new R("renewal check-in due", "TIMER_FIRED", "RENEWAL_RISK").timer("checkin")
        .then("createTask", "Renewal call", "Check-in timer", new Hours(4)).add();
  }

  /** The rules, in declaration (firing) order. */
  static List<Rule> rules() {
    return List.copyOf(RULES);
  }

  /** The rule set as DRL. */
  public static String toDrl() {
    StringBuilder drl = new StringBuilder();
    drl.append("// Generated by dev.journey.benchmarks.JourneyRules#toDrl(); keep in sync (checked at setup).\n");
    drl.append("package dev.journey.benchmarks.rules;\n\n");
    drl.append("import dev.journey.drools.JourneyFacts;\n");
    drl.append("import dev.journey.core.decision.Decision;\n\n");
    drl.append("global Decision.Builder decision;\n");
    int salience = RULES.size() * 10;
    for (Rule rule : RULES) {
      List<String> constraints = new ArrayList<>();
      constraints.add("signalType == \"" + rule.type() + "\"");
      if (rule.states().size() == 1) {
        constraints.add("state == \"" + rule.states().get(0) + "\"");
      } else if (rule.states().size() > 1) {
        constraints.add("state in (\"" + String.join("\", \"", rule.states()) + "\")");
      }
      if (rule.timer() != null) {
        constraints.add("timerName == \"" + rule.timer() + "\"");
      }
      if (rule.minFit() >= 0) {
        constraints.add("fitScore >= " + rule.minFit());
      }
      if (rule.maxFit() >= 0) {
        constraints.add("fitScore <= " + rule.maxFit());
      }
      if (rule.minIntent() >= 0) {
        constraints.add("intentScore >= " + rule.minIntent());
      }
      if (rule.maxIntent() >= 0) {
        constraints.add("intentScore <= " + rule.maxIntent());
      }
      if (rule.owned() != null) {
        constraints.add("owned == " + rule.owned());
      }
      drl.append("\nrule \"").append(rule.label()).append("\"\n");
      drl.append("  @label(\"").append(rule.label()).append("\")\n");
      drl.append("  salience ").append(salience).append('\n');
      drl.append("when\n  $f : JourneyFacts(").append(String.join(", ", constraints)).append(")\nthen\n");
      for (Act act : rule.acts()) {
        List<String> args = new ArrayList<>();
        for (Object arg : act.args()) {
          if (arg instanceof Hours) {
            args.add("$f.inHours(" + ((Hours) arg).hours() + ")");
          } else if (arg instanceof String) {
            args.add("\"" + arg + "\"");
          } else if (arg instanceof Long) {
            args.add(arg + "L");
          } else {
            args.add(String.valueOf(arg));
          }
        }
        drl.append("  decision.").append(act.method()).append('(').append(String.join(", ", args)).append(");\n");
      }
      drl.append("end\n");
      salience -= 10;
    }
    return drl.toString();
  }

  /** The same rules as a {@link JavaRuleSet}. */
  public static JavaRuleSet toJava() {
    JavaRuleSet.Builder builder = JavaRuleSet.builder(NAME, VERSION);
    for (Rule rule : RULES) {
      builder.rule(rule.label(), f -> matches(rule, f), (f, d) -> apply(rule, f, d));
    }
    return builder.build();
  }

  private static boolean matches(Rule rule, JavaRuleSet.Facts f) {
    if (!f.signal().type().equals(rule.type())) {
      return false;
    }
    if (!rule.states().isEmpty() && !rule.states().contains(f.snapshot().state())) {
      return false;
    }
    if (rule.timer() != null && !f.signal().isTimer(rule.timer())) {
      return false;
    }
    long fit = f.signal().longAttribute("fitScore").orElse(0L);
    long intent = f.signal().longAttribute("intentScore").orElse(0L);
    return (rule.minFit() < 0 || fit >= rule.minFit())
        && (rule.maxFit() < 0 || fit <= rule.maxFit())
        && (rule.minIntent() < 0 || intent >= rule.minIntent())
        && (rule.maxIntent() < 0 || intent <= rule.maxIntent())
        && (rule.owned() == null || rule.owned() == f.snapshot().owner().isPresent());
  }

  private static void apply(Rule rule, JavaRuleSet.Facts f, Decision.Builder d) {
    for (Act act : rule.acts()) {
      List<Object> a = act.args();
      switch (act.method()) {
        case "transitionTo":
          d.transitionTo((String) a.get(0));
          break;
        case "route":
          d.route((String) a.get(0));
          break;
        case "startTimer":
          d.startTimer((String) a.get(0), f.now().plus(Duration.ofHours(((Hours) a.get(1)).hours())));
          break;
        case "cancelTimer":
          d.cancelTimer((String) a.get(0));
          break;
        case "enrollSequence":
          d.enrollSequence((String) a.get(0), (String) a.get(1));
          break;
        case "createTask":
          d.createTask((String) a.get(0), (String) a.get(1), f.now().plus(Duration.ofHours(((Hours) a.get(2)).hours())));
          break;
        case "increment":
          d.increment((String) a.get(0), (Long) a.get(1));
          break;
        case "setProperty":
          d.setProperty((String) a.get(0), (String) a.get(1));
          break;
        case "notify":
          d.notify((String) a.get(0), (String) a.get(1));
          break;
        case "recycle":
          d.recycle((String) a.get(0));
          break;
        case "suppress":
          d.suppress((String) a.get(0), (String) a.get(1));
          break;
        case "resume":
          d.resume((String) a.get(0));
          break;
        case "escalate":
          d.escalate((String) a.get(0), (Integer) a.get(1), (String) a.get(2));
          break;
        default:
          throw new IllegalStateException(String.format(Locale.ROOT, "unknown act %s", act.method()));
      }
    }
  }

  /** Writes the DRL to {@code args[0]}: how journey-32.drl was made. */
  public static void main(String[] args) throws java.io.IOException {
    java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), toDrl());
  }
}
