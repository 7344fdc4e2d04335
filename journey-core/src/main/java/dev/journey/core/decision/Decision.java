package dev.journey.core.decision;

import dev.journey.core.internal.Redact;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.ActionIds;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Notify;
import dev.journey.core.action.Recycle;
import dev.journey.core.action.ResumeOutreach;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.internal.Checks;
import dev.journey.core.internal.OneEntryMap;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an evaluator decided for one signal: the rules that fired, the state before and after, the
 * actions, timer commands and capability requests, counter changes, the actions guardrails
 * dropped, and a trace of why.
 *
 * <p>Immutable and thread-safe. Evaluators build decisions with {@link #builder(JourneySnapshot,
 * Signal, Instant, RuleSetRef)}; engine stages derive changed copies with the {@code with...}
 * methods.
 *
 * <pre>{@code
 * Decision.Builder decision = Decision.builder(snapshot, signal, now, RuleSetRef.of("handoff", "1"));
 * decision.fired("demo request qualifies")
 *     .transitionTo(JourneyModel.SALES_ENGAGED)
 *     .route("inbound")
 *     .createTask("Call back: demo request", "Context...", now.plus(Duration.ofHours(2)));
 * return decision.build();
 * }</pre>
 *
 * @param subject the subject
 * @param signalId the signal decided on
 * @param signalType its type
 * @param ruleSet the deciding rule set
 * @param evaluatedAt the engine's "now" for the evaluation
 * @param stateBefore the state before
 * @param stateAfter the state after (equal to before when unchanged)
 * @param rulesFired labels of the rules that fired, in firing order
 * @param actions the actions, in order
 * @param timerCommands timer commands, in order
 * @param requests capability requests (routing, SLAs), in order
 * @param counterDeltas counter increments
 * @param dropped actions removed by guardrails, with reasons
 * @param trace human-readable lines explaining the decision
 * @param annotations extra facts for the audit (shadow differences, routing details...)
 * @param actionOrdinals the ordinal of each action, parallel to {@code actions}: the ordinal its
 *     id was derived from ({@link #actionId(int)}), kept so that stages can place the actions they
 *     add in rule order without re-deriving ids. When empty for a decision with actions (a
 *     document written before decisions kept them), they are derived from the ids once.
 */
public record Decision(
    SubjectRef subject,
    String signalId,
    String signalType,
    RuleSetRef ruleSet,
    Instant evaluatedAt,
    String stateBefore,
    String stateAfter,
    List<String> rulesFired,
    List<Action> actions,
    List<TimerCommand> timerCommands,
    List<CapabilityRequest> requests,
    Map<String, Long> counterDeltas,
    List<DroppedAction> dropped,
    List<String> trace,
    Map<String, String> annotations,
    List<Integer> actionOrdinals) {

  /** Validates and copies. */
  public Decision {
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(signalId, "signalId");
    Checks.notBlank(signalType, "signalType");
    Objects.requireNonNull(ruleSet, "ruleSet");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    Checks.notBlank(stateBefore, "stateBefore");
    Checks.notBlank(stateAfter, "stateAfter");
    rulesFired = List.copyOf(rulesFired);
    actions = List.copyOf(actions);
    timerCommands = List.copyOf(timerCommands);
    requests = List.copyOf(requests);
    counterDeltas = sortedCopy(counterDeltas);
    dropped = List.copyOf(dropped);
    Objects.requireNonNull(actionOrdinals, "actionOrdinals");
    if (actionOrdinals.isEmpty() && !actions.isEmpty()) {
      actionOrdinals = deriveOrdinals(subject, signalId, ruleSet, actions, requests.size() + dropped.size());
    } else {
      actionOrdinals = List.copyOf(actionOrdinals);
      if (actionOrdinals.size() != actions.size()) {
        throw new IllegalArgumentException(
            "actionOrdinals must have one ordinal per action (" + actions.size() + "), but had "
                + actionOrdinals.size());
      }
      for (int o : actionOrdinals) {
        if (o < 0) {
          throw new IllegalArgumentException("actionOrdinals must be >= 0, but had " + o);
        }
      }
    }
    trace = List.copyOf(trace);
    annotations =
        annotations.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** Starts building the decision of {@code ruleSet} for {@code signal} on {@code snapshot}. */
  public static Builder builder(
      JourneySnapshot snapshot, Signal signal, Instant now, RuleSetRef ruleSet) {
    return new Builder(snapshot, signal, now, ruleSet);
  }

  /** A decision that changes nothing, with a trace line saying why. */
  public static Decision noop(
      JourneySnapshot snapshot, Signal signal, Instant now, RuleSetRef ruleSet, String why) {
    return builder(snapshot, signal, now, ruleSet).trace(why).build();
  }

  /** Returns {@code true} when the state changes. */
  public boolean changesState() {
    return !stateBefore.equals(stateAfter);
  }

  /** Returns {@code true} when nothing at all happens: no transition, action, timer or counter. */
  public boolean isEmpty() {
    return !changesState()
        && actions.isEmpty()
        && timerCommands.isEmpty()
        && requests.isEmpty()
        && counterDeltas.isEmpty();
  }

  /**
   * A copy with other actions, each keeping the ordinal of the action with its id in this
   * decision (a stage that replaces, reorders or removes actions).
   *
   * @throws IllegalArgumentException when an action's id is not one of this decision's actions:
   *     give its ordinal with {@link #withActions(List, List)}
   */
  public Decision withActions(List<Action> newActions) {
    Map<String, Integer> byId = new java.util.HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      byId.put(actions.get(i).id(), actionOrdinals.get(i));
    }
    List<Integer> ordinals = new ArrayList<>(newActions.size());
    for (Action action : newActions) {
      Integer ordinal = byId.get(action.id());
      if (ordinal == null) {
        throw new IllegalArgumentException(
            "action " + action.id() + " is not part of the decision: give its ordinal with"
                + " withActions(actions, ordinals)");
      }
      ordinals.add(ordinal);
    }
    return withActions(newActions, ordinals);
  }

  /**
   * A copy with other actions and their ordinals (parallel lists; see {@link #actionOrdinals()}).
   *
   * @throws IllegalArgumentException when the lists differ in size or an ordinal is negative
   */
  public Decision withActions(List<Action> newActions, List<Integer> ordinals) {
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, stateAfter, rulesFired,
        newActions, timerCommands, requests, counterDeltas, dropped, trace, annotations,
        Objects.requireNonNull(ordinals, "ordinals"));
  }

  /** A copy with other timer commands. */
  public Decision withTimerCommands(List<TimerCommand> commands) {
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, stateAfter, rulesFired,
        actions, commands, requests, counterDeltas, dropped, trace, annotations, actionOrdinals);
  }

  /** A copy with other capability requests. */
  public Decision withRequests(List<CapabilityRequest> newRequests) {
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, stateAfter, rulesFired,
        actions, timerCommands, newRequests, counterDeltas, dropped, trace, annotations, actionOrdinals);
  }

  /** A copy with another target state. */
  public Decision withStateAfter(String state) {
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, state, rulesFired,
        actions, timerCommands, requests, counterDeltas, dropped, trace, annotations, actionOrdinals);
  }

  /** A copy with other counter deltas. */
  public Decision withCounterDeltas(Map<String, Long> deltas) {
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, stateAfter, rulesFired,
        actions, timerCommands, requests, deltas, dropped, trace, annotations, actionOrdinals);
  }

  /** A copy with {@code line} appended to the trace. */
  public Decision withTrace(String line) {
    List<String> lines = new ArrayList<>(trace);
    lines.add(line);
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, stateAfter, rulesFired,
        actions, timerCommands, requests, counterDeltas, dropped, lines, annotations, actionOrdinals);
  }

  /** A copy with an annotation added (or replaced). */
  public Decision withAnnotation(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(annotations);
    copy.put(key, value);
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, stateAfter, rulesFired,
        actions, timerCommands, requests, counterDeltas, dropped, trace, copy, actionOrdinals);
  }

  /**
   * A copy without {@code action}, recording it as dropped by {@code guardrail} for {@code
   * reason}.
   *
   * @throws IllegalArgumentException when the action is not part of this decision
   */
  public Decision dropping(Action action, String guardrail, String reason) {
    int index = actions.indexOf(action);
    if (index < 0) {
      throw new IllegalArgumentException("action " + action.id() + " is not part of the decision");
    }
    List<Action> kept = new ArrayList<>(actions);
    kept.remove(index);
    List<Integer> keptOrdinals = new ArrayList<>(actionOrdinals);
    keptOrdinals.remove(index);
    List<DroppedAction> drops = new ArrayList<>(dropped);
    drops.add(new DroppedAction(action, guardrail, reason));
    return new Decision(
        subject, signalId, signalType, ruleSet, evaluatedAt, stateBefore, stateAfter, rulesFired,
        kept, timerCommands, requests, counterDeltas, drops, trace, annotations, keptOrdinals);
  }

  /**
   * The id of the action at {@code ordinal} of this decision (see {@link ActionIds#derive}); used
   * by stages that resolve a request into an action.
   */
  public String actionId(int ordinal) {
    return ActionIds.derive(subject, signalId, ruleSet.key(), ordinal);
  }

  /**
   * The ordinals of {@code actions} recovered from their ids, for a document written before
   * decisions kept them: each id is compared with the ids of the first ordinals (as many as the
   * decision has actions, requests and dropped actions, and 64 more). An id that none matches
   * (an action not made by a builder) is ordered after all of them.
   */
  /**
   * An unmodifiable sorted copy; one entry, the common case, as a {@link OneEntryMap} (no tree,
   * and a walk of it allocates nothing).
   */
  private static Map<String, Long> sortedCopy(Map<String, Long> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    if (map instanceof OneEntryMap) {
      return map; // immutable already, as the builder makes one counter
    }
    if (map.size() == 1) {
      Map.Entry<String, Long> only = map.entrySet().iterator().next();
      if (only.getKey() != null && only.getValue() != null) {
        return OneEntryMap.of(only.getKey(), only.getValue());
      }
    }
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  private static List<Integer> deriveOrdinals(
      SubjectRef subject, String signalId, RuleSetRef ruleSet, List<Action> actions, int others) {
    if (actions.isEmpty()) {
      return List.of();
    }
    int limit = actions.size() + others + 64;
    Map<String, Integer> byId = new java.util.HashMap<>();
    String key = ruleSet.key();
    for (int i = 0; i < limit; i++) {
      byId.put(ActionIds.derive(subject, signalId, key, i), i);
    }
    List<Integer> ordinals = new ArrayList<>(actions.size());
    for (int i = 0; i < actions.size(); i++) {
      ordinals.add(byId.getOrDefault(actions.get(i).id(), limit + i));
    }
    return List.copyOf(ordinals);
  }

  /**
   * Builds a {@link Decision}. The builder hands out action ids in call order, so the same calls
   * produce the same ids. Not thread-safe: one builder per evaluation.
   */
  public static final class Builder {
    private final JourneySnapshot snapshot;
    private final Signal signal;
    private final Instant now;
    private final RuleSetRef ruleSet;
    private String ruleSetKey; // ruleSet.key(), made on the first action
    private String stateAfter;
    private int ordinal;
    // made on first use: most evaluations of most rule sets fire little or nothing
    private List<String> rulesFired;
    private List<Action> actions;
    private List<Integer> actionOrdinals;
    private List<TimerCommand> timers;
    private List<CapabilityRequest> requests;
    private Map<String, Long> counters;
    private List<String> trace;
    private Map<String, String> annotations;

    Builder(JourneySnapshot snapshot, Signal signal, Instant now, RuleSetRef ruleSet) {
      this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
      this.signal = Objects.requireNonNull(signal, "signal");
      this.now = Objects.requireNonNull(now, "now");
      this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet");
      if (!snapshot.subject().equals(signal.subject())) {
        throw new IllegalArgumentException(
            "signal subject " + signal.subject() + " differs from snapshot " + snapshot.subject());
      }
      this.stateAfter = snapshot.state();
    }

    /** The snapshot being decided on. */
    public JourneySnapshot snapshot() {
      return snapshot;
    }

    /** The signal being decided on. */
    public Signal signal() {
      return signal;
    }

    /** The engine's "now". */
    public Instant now() {
      return now;
    }

    /** The state the decision currently leads to. */
    public String stateAfter() {
      return stateAfter;
    }

    /** Records that the rule labelled {@code label} fired. */
    public Builder fired(String label) {
      rulesFired = added(rulesFired, Checks.notBlank(label, "label"));
      return this;
    }

    /** Moves the subject to {@code state}; the engine checks the transition table. */
    public Builder transitionTo(String state) {
      this.stateAfter = Checks.notBlank(state, "state");
      return this;
    }

    private String nextId() {
      if (ruleSetKey == null) {
        ruleSetKey = ruleSet.key(); // once per decision, not once per action
      }
      return ActionIds.derive(snapshot.subject(), signal.id(), ruleSetKey, ordinal++);
    }

    /** Adds an action built from the next id. */
    public Builder action(java.util.function.Function<String, Action> factory) {
      int at = ordinal;
      Action action = factory.apply(nextId());
      if (!action.subject().equals(snapshot.subject())) {
        throw new IllegalArgumentException(
            "action subject " + action.subject() + " differs from " + snapshot.subject());
      }
      actions = added(actions, action);
      actionOrdinals = added(actionOrdinals, at);
      return this;
    }

    /** Assigns an owner directly (routing policies are usually better: see {@link #route}). */
    public Builder assignOwner(String ownerId, String reason) {
      return action(id -> new AssignOwner(id, snapshot.subject(), ownerId, reason));
    }

    /** Asks the routing capability to assign an owner with the named policy. */
    public Builder route(String policy) {
      return request("route", policy, Map.of());
    }

    /** Asks a capability for something; reserves an action ordinal for what it may produce. */
    public Builder request(String capability, String name, Map<String, String> params) {
      CapabilityRequest request = new CapabilityRequest(capability, name, ordinal++, params);
      requests = added(requests, request);
      return this;
    }

    /** Creates a task for the subject's owner (after this decision), medium priority. */
    public Builder createTask(String title, String body, Instant dueAt) {
      return createTask(title, body, dueAt, "MEDIUM", "TODO", Map.of());
    }

    /** Creates a task for the subject's owner after this decision. */
    public Builder createTask(
        String title,
        String body,
        Instant dueAt,
        String priority,
        String taskType,
        Map<String, String> context) {
      return action(
          id ->
              new CreateTask(
                  id, snapshot.subject(), title, body, dueAt, priority, taskType, context));
    }

    /**
     * Creates a task for the owner {@code ownerId}; a blank {@code ownerId} (as rules written
     * before the task's owner was optional pass) means the subject's owner after this decision.
     */
    public Builder createTask(
        String title,
        String body,
        String ownerId,
        Instant dueAt,
        String priority,
        String taskType,
        Map<String, String> context) {
      Objects.requireNonNull(ownerId, "ownerId");
      if (ownerId.isBlank()) {
        return createTask(title, body, dueAt, priority, taskType, context);
      }
      return action(
          id ->
              new CreateTask(
                  id, snapshot.subject(), title, body, ownerId, dueAt, priority, taskType,
                  context));
    }

    /**
     * Enrolls the subject in a sequence on a channel, sent by the subject's owner (after this
     * decision). A subject without an owner has no sender: use {@link #enrollSequence(String,
     * String, String)} for a nurture sequence sent by a fixed sender.
     */
    public Builder enrollSequence(String sequenceId, String channel) {
      return action(id -> new EnrollSequence(id, snapshot.subject(), sequenceId, channel));
    }

    /**
     * Enrolls the subject in a sequence on a channel, sent by the owner {@code senderOwnerId}
     * (for HubSpot, the owner whose user sends the sequence's emails); a blank {@code
     * senderOwnerId} means the subject's owner, as {@link #enrollSequence(String, String)}.
     */
    public Builder enrollSequence(String sequenceId, String channel, String senderOwnerId) {
      Objects.requireNonNull(senderOwnerId, "senderOwnerId");
      if (senderOwnerId.isBlank()) {
        return enrollSequence(sequenceId, channel);
      }
      return action(
          id -> new EnrollSequence(id, snapshot.subject(), sequenceId, senderOwnerId, channel));
    }

    /** Unenrolls the subject from a sequence. */
    public Builder unenrollSequence(String sequenceId, String reason) {
      return action(id -> new UnenrollSequence(id, snapshot.subject(), sequenceId, reason));
    }

    /** Sets a property. */
    public Builder setProperty(String name, String value) {
      return action(id -> new SetProperty(id, snapshot.subject(), name, value));
    }

    /** Moves a deal to a stage. */
    public Builder updateDealStage(String pipelineId, String stageId) {
      return action(id -> new UpdateDealStage(id, snapshot.subject(), pipelineId, stageId));
    }

    /** Notifies a person. */
    public Builder notify(String recipientId, String message) {
      return action(id -> new Notify(id, snapshot.subject(), recipientId, message));
    }

    /** Suppresses a channel until resumed. */
    public Builder suppress(String channel, String reason) {
      return suppress(channel, reason, dev.journey.core.state.Suppression.UNTIL_RESUMED);
    }

    /** Suppresses a channel until {@code until}. */
    public Builder suppress(String channel, String reason, Instant until) {
      return action(id -> new SuppressOutreach(id, snapshot.subject(), channel, reason, until));
    }

    /** Resumes a suppressed channel. */
    public Builder resume(String channel) {
      return action(id -> new ResumeOutreach(id, snapshot.subject(), channel));
    }

    /** Escalates to a manager. */
    public Builder escalate(String toOwnerId, int level, String reason) {
      return action(id -> new Escalate(id, snapshot.subject(), toOwnerId, level, reason));
    }

    /** Recycles with a reason code. */
    public Builder recycle(String reasonCode) {
      return action(id -> new Recycle(id, snapshot.subject(), reasonCode));
    }

    /** Schedules (or reschedules) a timer. */
    public Builder startTimer(String name, Instant dueAt) {
      return startTimer(name, dueAt, Map.of());
    }

    /** Schedules (or reschedules) a timer with attributes for its firing signal. */
    public Builder startTimer(String name, Instant dueAt, Map<String, String> attributes) {
      timers = added(timers, new TimerCommand.Schedule(name, dueAt, attributes));
      return this;
    }

    /** Cancels a timer if pending. */
    public Builder cancelTimer(String name) {
      timers = added(timers, new TimerCommand.Cancel(name));
      return this;
    }

    /** Starts an SLA policy (resolved by the SLA capability). */
    public Builder startSla(String policy) {
      return request("sla.start", policy, Map.of());
    }

    /**
     * Stops a running SLA (its timer is cancelled; nothing is counted as met or breached), for
     * example when the subject leaves the state the SLA watched.
     */
    public Builder stopSla(String policy) {
      return request("sla.stop", policy, Map.of());
    }

    /** Adds to a counter. */
    public Builder increment(String counter, long delta) {
      String checked = Checks.notBlank(counter, "counter");
      if (counters == null) {
        counters = OneEntryMap.of(checked, delta); // the common case: one counter, kept as it is
      } else if (counters.size() == 1 && counters.containsKey(checked)) {
        counters = OneEntryMap.of(checked, counters.get(checked) + delta);
      } else {
        if (!(counters instanceof TreeMap)) {
          counters = new TreeMap<>(counters); // sorted already: the decision's copy is cheap
        }
        counters.merge(checked, delta, Long::sum);
      }
      return this;
    }

    /** Adds a trace line. */
    public Builder trace(String line) {
      trace = added(trace, Objects.requireNonNull(line, "line"));
      return this;
    }

    /** Adds an annotation for the audit. */
    public Builder annotate(String key, String value) {
      String checked = Checks.notBlank(key, "key");
      Objects.requireNonNull(value, "value");
      if (annotations == null) {
        annotations = new LinkedHashMap<>();
      }
      annotations.put(checked, value);
      return this;
    }

    /**
     * {@code list} with {@code element} appended: one element as {@code List.of(element)}, which
     * the decision keeps as it is (no builder list, array or copy for the common case of one rule,
     * action or timer), more in a list of the builder's own.
     */
    private static <T> List<T> added(List<T> list, T element) {
      if (list == null) {
        return List.of(element);
      }
      if (list instanceof ArrayList<T> own) {
        own.add(element);
        return own;
      }
      List<T> own = new ArrayList<>(4);
      own.addAll(list);
      own.add(element);
      return own;
    }

    /** Builds the decision. */
    public Decision build() {
      return new Decision(
          snapshot.subject(), signal.id(), signal.type(), ruleSet, now, snapshot.state(),
          stateAfter, orEmpty(rulesFired), orEmpty(actions), orEmpty(timers), orEmpty(requests),
          counters == null ? Map.of() : counters, List.of(), orEmpty(trace),
          annotations == null ? Map.of() : annotations, orEmpty(actionOrdinals));
    }

    private static <T> List<T> orEmpty(List<T> list) {
      return list == null ? List.of() : list;
    }
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "Decision[subject=" + subject + ", signalId=" + signalId + ", signalType=" + signalType
        + ", ruleSet=" + ruleSet + ", evaluatedAt=" + evaluatedAt + ", stateBefore=" + stateBefore
        + ", stateAfter=" + stateAfter + ", rulesFired=" + rulesFired + ", actions=" + actions
        + ", timerCommands=" + timerCommands + ", requests=" + requests + ", counterDeltas="
        + counterDeltas + ", dropped=" + dropped + ", trace=" + Redact.lines(trace)
        + ", annotations=" + Redact.keys(annotations) + ", actionOrdinals=" + actionOrdinals + "]";
  }
}
