package dev.journey.core.sla;

import dev.journey.core.Signal;
import dev.journey.core.TimerFiring;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.CapabilityRequest;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.decision.internal.DecisionEdits;
import dev.journey.core.routing.Assignment;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.OwnerDirectory;
import dev.journey.core.routing.Router;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs {@link SlaPolicy SLAs} and {@link InactivityPolicy inactivity thresholds} on ordinary
 * journey timers, so they survive a restart wherever the store keeps timers and a rescheduled or
 * cancelled timer can never fire late (the engine drops stale generations before any stage).
 *
 * <p>Handles, in this order: its own timer firings ({@code sla:<name>}, {@code
 * inactivity:<name>}); signals that satisfy a running SLA (its timer is cancelled, counter
 * {@code sla.<name>.met} += 1); qualifying activity for a watched inactivity policy (the
 * deadline moves); and the requests {@value #SLA_START}, {@value #SLA_STOP}, {@value
 * #INACTIVITY_WATCH}, {@value #INACTIVITY_STOP}. Register it after the {@code RoutingStage} so
 * that an SLA started in the same decision as a routing sees the new owner.
 *
 * <p>Escalation: the first breach emits {@code Escalate(manager, 1)} (when the directory knows a
 * manager) and a high-priority {@code CreateTask} for the owner, and counts {@code
 * sla.<name>.breached}; the second breach emits {@code AssignOwner} to the next eligible owner
 * (current owner excluded) or the alternate queue, and a {@code Notify} to the previous owner.
 *
 * <p><b>Account clock.</b> When a contact's decision starts an SLA while the company it is linked to
 * (an identity step's account link, read through {@code Context#account()}) has the same SLA
 * running and due earlier, the contact's SLA takes the company's start and due time (attribute
 * {@value #ATTR_ACCOUNT} names the company; reminders already past are skipped, and a deadline
 * already past breaches at the next timer run): a new contact of an account in SLA answers to
 * the account's deadline, not a fresh one. The company's own SLA is met only by the company's
 * signals; a contact's satisfying signal stops the contact's SLA.
 *
 * <p>What rules see: an SLA step fires as a timer signal ({@code TIMER_FIRED}, timer {@code
 * sla:<name>}) with the attributes {@value #ATTR_POLICY}, {@value #ATTR_STEP} ({@value
 * #STEP_REMINDER} or {@value #STEP_BREACH}), {@value #ATTR_INDEX}, {@value #ATTR_STARTED_AT},
 * {@value #ATTR_DUE_AT} and {@value #ATTR_OWNER}; read them typed with {@link SlaStep#of(Signal)}.
 * Rules start and stop SLAs with {@code decision.startSla(name)} and {@code
 * decision.stopSla(name)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SlaStage implements DecisionStage {
  /** Request capability that starts (or restarts) an SLA. */
  public static final String SLA_START = "sla.start";
  /** Request capability that stops an SLA. */
  public static final String SLA_STOP = "sla.stop";
  /** Request capability that starts watching an inactivity policy. */
  public static final String INACTIVITY_WATCH = "inactivity.watch";
  /** Request capability that stops watching an inactivity policy. */
  public static final String INACTIVITY_STOP = "inactivity.stop";

  /** Attribute of an SLA timer firing: the policy's name. Rules read it through {@link SlaStep}. */
  public static final String ATTR_POLICY = "sla.policy";
  /** Attribute of an SLA timer firing: {@value #STEP_REMINDER} or {@value #STEP_BREACH}. */
  public static final String ATTR_STEP = "sla.step";
  /** Attribute of an SLA timer firing: the reminder's index (from 0) or the breach's number. */
  public static final String ATTR_INDEX = "sla.index";
  /** Attribute of an SLA timer firing: when the SLA started (ISO-8601 instant). */
  public static final String ATTR_STARTED_AT = "sla.startedAt";
  /** Attribute of an SLA timer firing: when the SLA is due (ISO-8601 instant). */
  public static final String ATTR_DUE_AT = "sla.dueAt";
  /** Attribute of an SLA timer firing: the owner the SLA runs for (empty when none). */
  public static final String ATTR_OWNER = "sla.owner";
  /**
   * Attribute of an SLA timer firing: the company whose running SLA of the same policy set the
   * deadline (absent when the SLA runs on the subject's own clock).
   */
  public static final String ATTR_ACCOUNT = "sla.account";
  /** Value of {@link #ATTR_STEP} for a reminder. */
  public static final String STEP_REMINDER = "reminder";
  /** Value of {@link #ATTR_STEP} for the breach. */
  public static final String STEP_BREACH = "breach";


  private final Map<String, SlaPolicy> slas;
  private final Map<String, InactivityPolicy> inactivity;
  private final Router router;
  private final OwnerDirectory directory;

  private SlaStage(Builder b) {
    this.slas = Map.copyOf(b.slas);
    this.inactivity = Map.copyOf(b.inactivity);
    this.router = b.router;
    this.directory = b.directory;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns {@code true} when {@code signal} is the firing of inactivity policy {@code policy}:
   * rules use it to react, e.g. by recycling the subject.
   */
  public static boolean isInactivity(Signal signal, String policy) {
    return signal.isTimer("inactivity:" + policy);
  }

  /** Returns {@code true} when {@code signal} is a breach firing of SLA {@code policy}. */
  public static boolean isBreach(Signal signal, String policy) {
    return signal.isTimer("sla:" + policy)
        && signal.stringAttribute(ATTR_STEP).filter(STEP_BREACH::equals).isPresent();
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    Signal signal = context.signal();
    Decision d = decision;
    if (signal.isTimer()) {
      String timer = signal.firing().map(TimerFiring::name).orElse("");
      if (timer.startsWith("sla:") && slas.containsKey(timer.substring(4))) {
        d = onSlaTimer(d, slas.get(timer.substring(4)), context);
      } else if (timer.startsWith("inactivity:") && inactivity.containsKey(timer.substring(11))) {
        d = onInactivity(d, inactivity.get(timer.substring(11)), context);
      }
    }
    for (SlaPolicy policy : slas.values()) {
      if (policy.satisfiedBy().contains(signal.type())
          && context.snapshot().timer(policy.timerName()).isPresent()) {
        noteCalendar(policy, context);
        Map<String, String> attrs = context.snapshot().timer(policy.timerName()).get().attributes();
        Instant started = Instant.parse(attrs.getOrDefault(ATTR_STARTED_AT, context.now().toString()));
        Duration used =
            started.isAfter(context.now())
                ? Duration.ZERO
                : policy.calendar().businessTimeBetween(started, context.now());
        d = addTimer(d, new TimerCommand.Cancel(policy.timerName()));
        d = DecisionEdits.addCounters(d, Map.of("sla." + policy.name() + ".met", 1L));
        d = d.withTrace("sla " + policy.name() + " met by " + signal.type() + " after " + used + " business time");
      }
    }
    for (InactivityPolicy policy : inactivity.values()) {
      if (policy.qualifying().contains(signal.type())
          && context.snapshot().timer(policy.timerName()).isPresent()) {
        d = watch(d, policy, context, "activity " + signal.type());
      }
    }
    for (CapabilityRequest request : decision.requests()) {
      switch (request.capability()) {
        case SLA_START:
        case SLA_STOP:
          {
            SlaPolicy policy = slas.get(request.name());
            if (policy == null) {
              d = d.withTrace(unknown(request, slas.keySet()));
            } else if (request.capability().equals(SLA_START)) {
              d = DecisionEdits.resolve(start(d, policy, context), request);
            } else {
              d = addTimer(d, new TimerCommand.Cancel(policy.timerName()));
              d = DecisionEdits.resolve(d.withTrace("sla " + policy.name() + " stopped"), request);
            }
            break;
          }
        case INACTIVITY_WATCH:
        case INACTIVITY_STOP:
          {
            InactivityPolicy policy = inactivity.get(request.name());
            if (policy == null) {
              d = d.withTrace(unknown(request, inactivity.keySet()));
            } else if (request.capability().equals(INACTIVITY_WATCH)) {
              d = DecisionEdits.resolve(watch(d, policy, context, "watch requested"), request);
            } else {
              d = addTimer(d, new TimerCommand.Cancel(policy.timerName()));
              d = DecisionEdits.resolve(d.withTrace("inactivity " + policy.name() + " stopped"), request);
            }
            break;
          }
        default:
          break;
      }
    }
    return d;
  }

  /** Notes the calendar a policy computes business time with (stage input {@code calendar.sla.<policy>}). */
  private static void noteCalendar(SlaPolicy policy, Context context) {
    context.noteInput("calendar.sla." + policy.name(), policy.calendar().fingerprint());
  }

  private static String unknown(CapabilityRequest request, Set<String> known) {
    return request.capability() + " " + request.name() + ": unknown policy, left unresolved (known: " + known + ")";
  }

  private Decision start(Decision d, SlaPolicy policy, Context context) {
    Instant now = context.now();
    noteCalendar(policy, context);
    Instant started = now;
    Instant due = policy.calendar().plusBusinessTime(now, policy.target());
    Optional<Map<String, String>> account = accountSla(policy, context);
    String clock = "";
    if (account.isPresent()) {
      Instant accountDue = Instant.parse(account.get().get(ATTR_DUE_AT));
      if (accountDue.isBefore(due)) {
        // the company's SLA of this policy is running: its contacts answer to the same deadline
        started = Instant.parse(account.get().get(ATTR_STARTED_AT));
        due = accountDue;
        clock = " on the clock of account " + context.account().orElseThrow().subject();
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(ATTR_POLICY, policy.name());
    attrs.put(ATTR_STARTED_AT, started.toString());
    attrs.put(ATTR_DUE_AT, due.toString());
    attrs.put(ATTR_OWNER, ownerAfter(d, context));
    if (!clock.isEmpty()) {
      attrs.put(ATTR_ACCOUNT, context.account().orElseThrow().subject().toString());
    }
    // on an account's clock, reminders already past are skipped (the breach may be due at once)
    int reminder = -1;
    while (reminder + 1 < policy.reminders().size()
        && !policy.calendar().plusBusinessTime(started,
            fraction(policy.target(), policy.reminders().get(reminder + 1))).isAfter(now)) {
      reminder++;
    }
    Decision result = scheduleNext(d, policy, attrs, reminder);
    return result.withTrace("sla " + policy.name() + " started" + clock + ", due " + due);
  }

  /**
   * The start and due time of the same SLA running on the contact's company, if any (read
   * through {@link Context#account()}, so the audit notes the company as seen).
   */
  private static Optional<Map<String, String>> accountSla(SlaPolicy policy, Context context) {
    if (context.snapshot().subject().type() != dev.journey.core.ObjectType.CONTACT) {
      return Optional.empty();
    }
    return context.account()
        .flatMap(a -> a.timer(policy.timerName()))
        .map(PendingTimer::attributes)
        .filter(a -> parses(a.get(ATTR_STARTED_AT)) && parses(a.get(ATTR_DUE_AT)));
  }

  private static boolean parses(String instant) {
    if (instant == null) {
      return false;
    }
    try {
      Instant.parse(instant);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** Schedules the step after reminder {@code reminderIndex} (-1 = at start). */
  private static Decision scheduleNext(
      Decision d, SlaPolicy policy, Map<String, String> base, int reminderIndex) {
    Map<String, String> attrs = new LinkedHashMap<>(base);
    Instant started = Instant.parse(base.get(ATTR_STARTED_AT));
    int next = reminderIndex + 1;
    Instant at;
    if (next < policy.reminders().size()) {
      attrs.put(ATTR_STEP, STEP_REMINDER);
      attrs.put(ATTR_INDEX, Integer.toString(next));
      at = policy.calendar().plusBusinessTime(started, fraction(policy.target(), policy.reminders().get(next)));
    } else {
      attrs.put(ATTR_STEP, STEP_BREACH);
      attrs.put(ATTR_INDEX, "1");
      at = Instant.parse(base.get(ATTR_DUE_AT));
    }
    return addTimer(d, new TimerCommand.Schedule(policy.timerName(), at, attrs));
  }

  private Decision onSlaTimer(Decision d, SlaPolicy policy, Context context) {
    Signal signal = context.signal();
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String key : List.of(ATTR_POLICY, ATTR_STEP, ATTR_INDEX, ATTR_STARTED_AT, ATTR_DUE_AT, ATTR_OWNER)) {
      attrs.put(key, signal.stringAttribute(key).orElse(""));
    }
    signal.stringAttribute(ATTR_ACCOUNT).ifPresent(account -> attrs.put(ATTR_ACCOUNT, account));
    if (attrs.get(ATTR_STARTED_AT).isEmpty() || attrs.get(ATTR_DUE_AT).isEmpty()) {
      return d.withTrace("sla " + policy.name() + ": timer without start or due time, ignored");
    }
    noteCalendar(policy, context);
    String owner = context.snapshot().owner().orElse(attrs.get(ATTR_OWNER));
    attrs.put(ATTR_OWNER, owner);
    int index = parseIndex(attrs.get(ATTR_INDEX));
    String step = attrs.get(ATTR_STEP);
    if (step.equals(STEP_REMINDER)) {
      double fraction = index < policy.reminders().size() ? policy.reminders().get(index) : 0;
      if (!owner.isEmpty()) {
        String message =
            String.format(
                Locale.ROOT,
                "SLA %s: %d%% of %s business time used, due %s",
                policy.name(),
                Math.round(fraction * 100),
                policy.target(),
                attrs.get(ATTR_DUE_AT));
        d = DecisionEdits.append(d, id -> new Notify(id, subject(context), owner, message));
      }
      d = d.withTrace("sla " + policy.name() + " reminder " + (index + 1) + (owner.isEmpty() ? " (no owner to remind)" : " to " + owner));
      return scheduleNext(d, policy, attrs, index);
    }
    if (step.equals(STEP_BREACH) && index <= 1) {
      String reason = "sla:" + policy.name() + " breached (due " + attrs.get(ATTR_DUE_AT) + ")";
      d = DecisionEdits.addCounters(d, Map.of("sla." + policy.name() + ".breached", 1L));
      Optional<String> manager =
          owner.isEmpty() || directory == null
              ? Optional.empty()
              : directory.owner(owner).flatMap(Owner::manager);
      if (!owner.isEmpty() && directory != null) {
        context.noteInput("owner." + owner + ".manager", manager.orElse("none"));
      }
      if (manager.isPresent()) {
        String to = manager.get();
        d = DecisionEdits.append(d, id -> new Escalate(id, subject(context), to, 1, reason));
      }
      if (!owner.isEmpty()) {
        Instant now = context.now();
        d =
            DecisionEdits.append(
                d,
                id ->
                    new CreateTask(
                        id, subject(context), "Overdue: " + policy.name(), reason, owner, now, "HIGH",
                        "TODO", Map.of("sla", policy.name())));
      }
      d = d.withTrace("sla " + policy.name() + " breached; escalated to " + manager.orElse("nobody (no manager known)"));
      Map<String, String> next = new LinkedHashMap<>(attrs);
      next.put(ATTR_INDEX, "2");
      Instant second = policy.calendar().plusBusinessTime(Instant.parse(attrs.get(ATTR_DUE_AT)), policy.escalationWindow());
      return addTimer(d, new TimerCommand.Schedule(policy.timerName(), second, next));
    }
    if (step.equals(STEP_BREACH)) {
      return reassign(d, policy, owner, context);
    }
    return d.withTrace("sla " + policy.name() + ": unknown step '" + step + "', ignored");
  }

  private Decision reassign(Decision d, SlaPolicy policy, String owner, Context context) {
    String target;
    String why;
    if (!policy.reassignPolicy().isEmpty() && router != null && router.policy(policy.reassignPolicy()).isPresent()) {
      Assignment assignment =
          router.route(policy.reassignPolicy(), context, owner.isEmpty() ? Set.of() : Set.of(owner));
      target = assignment.ownerId();
      why = assignment.reason();
    } else if (!policy.alternateQueue().isEmpty()) {
      target = policy.alternateQueue();
      why = "alternate queue " + target;
    } else {
      return d.withTrace(
          "sla " + policy.name() + " breached twice, but routing policy '" + policy.reassignPolicy()
              + "' is not available to the SLA stage and no alternate queue is set");
    }
    String reason = "sla:" + policy.name() + " breached twice; " + why;
    d = DecisionEdits.append(d, id -> new AssignOwner(id, subject(context), target, reason));
    if (!owner.isEmpty()) {
      d = DecisionEdits.append(d, id -> new Notify(id, subject(context), owner, "Reassigned to " + target + ": " + reason));
    }
    d = DecisionEdits.addCounters(d, Map.of("sla." + policy.name() + ".reassigned", 1L));
    return d.withTrace("sla " + policy.name() + " breached twice; reassigned from " + (owner.isEmpty() ? "nobody" : owner) + " to " + target);
  }

  private Decision onInactivity(Decision d, InactivityPolicy policy, Context context) {
    String owner = context.snapshot().owner().orElse("");
    if (!owner.isEmpty()) {
      String message = "No qualifying activity for " + policy.businessDays() + " business days (" + policy.name() + ")";
      d = DecisionEdits.append(d, id -> new Notify(id, subject(context), owner, message));
    }
    d = DecisionEdits.addCounters(d, Map.of("inactivity." + policy.name(), 1L));
    return d.withAnnotation("inactivity", policy.name())
        .withTrace("inactivity " + policy.name() + ": no qualifying activity for " + policy.businessDays() + " business days");
  }

  private static Decision watch(Decision d, InactivityPolicy policy, Context context, String why) {
    Instant now = context.now();
    context.noteInput("calendar.inactivity." + policy.name(), policy.calendar().fingerprint());
    Instant due = policy.calendar().plusBusinessDays(now, policy.businessDays());
    Decision result =
        addTimer(d, new TimerCommand.Schedule(policy.timerName(), due, Map.of("inactivity.policy", policy.name())));
    return result.withTrace("inactivity " + policy.name() + " due " + due + " (" + why + ")");
  }

  private static Decision addTimer(Decision d, TimerCommand command) {
    List<TimerCommand> commands = new ArrayList<>(d.timerCommands());
    commands.add(command);
    return d.withTimerCommands(commands);
  }

  private static String ownerAfter(Decision d, Context context) {
    String owner = context.snapshot().owner().orElse("");
    for (Action action : d.actions()) {
      if (action instanceof AssignOwner assignOwner) {
        owner = assignOwner.ownerId();
      }
    }
    return owner;
  }

  private static dev.journey.core.SubjectRef subject(Context context) {
    return context.snapshot().subject();
  }

  private static int parseIndex(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Duration fraction(Duration target, double fraction) {
    return Duration.ofMillis(Math.round(target.toMillis() * fraction));
  }

  /**
   * Configures an {@link SlaStage}. Not thread-safe. {@link #build()} requires at least one SLA
   * or inactivity policy.
   */
  public static final class Builder {
    private final Map<String, SlaPolicy> slas = new LinkedHashMap<>();
    private final Map<String, InactivityPolicy> inactivity = new LinkedHashMap<>();
    private Router router;
    private OwnerDirectory directory;

    Builder() {}

    /**
     * Adds an SLA policy.
     *
     * @throws IllegalArgumentException when one of that name was already added
     */
    public Builder sla(SlaPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (slas.putIfAbsent(policy.name(), policy) != null) {
        throw new IllegalArgumentException("SLA name must be unique, but '" + policy.name() + "' was added twice");
      }
      return this;
    }

    /**
     * Adds an inactivity policy.
     *
     * @throws IllegalArgumentException when one of that name was already added
     */
    public Builder inactivity(InactivityPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (inactivity.putIfAbsent(policy.name(), policy) != null) {
        throw new IllegalArgumentException(
            "inactivity policy name must be unique, but '" + policy.name() + "' was added twice");
      }
      return this;
    }

    /** The router for reassignment at the second breach; also sets the directory. */
    public Builder router(Router router) {
      this.router = Objects.requireNonNull(router, "router");
      this.directory = router.directory();
      return this;
    }

    /** The directory to find owners' managers (when no router is set). */
    public Builder directory(OwnerDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Builds the stage.
     *
     * @throws IllegalStateException when no policy was added, or an SLA reassigns with a routing
     *     policy the router does not have
     */
    public SlaStage build() {
      if (slas.isEmpty() && inactivity.isEmpty()) {
        throw new IllegalStateException("an SLA stage needs at least one sla(...) or inactivity(...)");
      }
      for (SlaPolicy policy : slas.values()) {
        if (!policy.reassignPolicy().isEmpty()
            && (router == null || router.policy(policy.reassignPolicy()).isEmpty())) {
          throw new IllegalStateException(
              "SLA '" + policy.name() + "' reassigns with routing policy '" + policy.reassignPolicy()
                  + "', so router(...) must have it, but "
                  + (router == null ? "no router was set" : "it has " + router.policyNames()));
        }
      }
      return new SlaStage(this);
    }
  }
}
