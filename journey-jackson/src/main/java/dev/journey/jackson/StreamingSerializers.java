package dev.journey.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.journey.core.Signal;
import dev.journey.core.action.Action;
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
import dev.journey.core.decision.CapabilityRequest;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-written serializers on Jackson's streaming API for the documents every durable commit
 * writes (snapshot, timer, outbox entry with its action, audit record with its signal, snapshot
 * and decision): the fields in the order and form the reflective bean serializers of {@link
 * JourneyJson#reflectiveMapper()} write them, byte for byte (checked by a property against that
 * mapper), without the per-property reflection, the boxed values and the per-instant formatter of
 * the bean path. Parts that are rare or large and free-form (an evaluator output kept in stage
 * inputs, a signal's free-form attributes) go through the provider as before. Only
 * writing is here: documents are still read by databind, so limits and error messages for bad
 * input are those of {@link JourneyJson#reflectiveMapper()}.
 */
final class StreamingSerializers {
  private StreamingSerializers() {}

  /** Adds the serializers to {@code module} (replacing the reflective signal serializer). */
  static void register(SimpleModule module) {
    module.addSerializer(Signal.class, new SignalWriter());
    module.addSerializer(JourneySnapshot.class, new SnapshotWriter());
    module.addSerializer(PendingTimer.class, new TimerWriter());
    module.addSerializer(Decision.class, new DecisionWriter());
    module.addSerializer(AuditRecord.class, new AuditWriter());
    module.addSerializer(OutboxEntry.class, new OutboxWriter());
    module.addSerializer(AssignOwner.class, new ActionWriter<>(AssignOwner.class));
    module.addSerializer(CreateTask.class, new ActionWriter<>(CreateTask.class));
    module.addSerializer(EnrollSequence.class, new ActionWriter<>(EnrollSequence.class));
    module.addSerializer(UnenrollSequence.class, new ActionWriter<>(UnenrollSequence.class));
    module.addSerializer(SetProperty.class, new ActionWriter<>(SetProperty.class));
    module.addSerializer(UpdateDealStage.class, new ActionWriter<>(UpdateDealStage.class));
    module.addSerializer(Notify.class, new ActionWriter<>(Notify.class));
    module.addSerializer(SuppressOutreach.class, new ActionWriter<>(SuppressOutreach.class));
    module.addSerializer(ResumeOutreach.class, new ActionWriter<>(ResumeOutreach.class));
    module.addSerializer(Escalate.class, new ActionWriter<>(Escalate.class));
    module.addSerializer(Recycle.class, new ActionWriter<>(Recycle.class));
  }

  // field names, encoded once
  private static final SerializedString ID = name("id");
  private static final SerializedString SUBJECT = name("subject");
  private static final SerializedString TYPE = name("type");
  private static final SerializedString KIND = name("kind");
  private static final SerializedString OCCURRED_AT = name("occurredAt");
  private static final SerializedString SOURCE = name("source");
  private static final SerializedString ATTRIBUTES = name("attributes");
  private static final SerializedString STATE = name("state");
  private static final SerializedString STATE_SINCE = name("stateSince");
  private static final SerializedString PROPERTIES = name("properties");
  private static final SerializedString TIMERS = name("timers");
  private static final SerializedString SUPPRESSIONS = name("suppressions");
  private static final SerializedString COUNTERS = name("counters");
  private static final SerializedString RULE_SET = name("ruleSet");
  private static final SerializedString VERSION = name("version");
  private static final SerializedString UPDATED_AT = name("updatedAt");
  private static final SerializedString FEATURES = name("features");
  private static final SerializedString JOURNEYS = name("journeys");
  private static final SerializedString SINCE = name("since");
  private static final SerializedString VALUE = name("value");
  private static final SerializedString WRITER = name("writer");
  private static final SerializedString WRITTEN_AT = name("writtenAt");
  private static final SerializedString CHANNEL = name("channel");
  private static final SerializedString REASON = name("reason");
  private static final SerializedString UNTIL = name("until");
  private static final SerializedString NAME = name("name");
  private static final SerializedString DUE_AT = name("dueAt");
  private static final SerializedString GENERATION = name("generation");
  private static final SerializedString SIGNAL_ID = name("signalId");
  private static final SerializedString SIGNAL_TYPE = name("signalType");
  private static final SerializedString HASH = name("hash");
  private static final SerializedString EVALUATED_AT = name("evaluatedAt");
  private static final SerializedString STATE_BEFORE = name("stateBefore");
  private static final SerializedString STATE_AFTER = name("stateAfter");
  private static final SerializedString RULES_FIRED = name("rulesFired");
  private static final SerializedString ACTIONS = name("actions");
  private static final SerializedString TIMER_COMMANDS = name("timerCommands");
  private static final SerializedString REQUESTS = name("requests");
  private static final SerializedString COUNTER_DELTAS = name("counterDeltas");
  private static final SerializedString DROPPED = name("dropped");
  private static final SerializedString TRACE = name("trace");
  private static final SerializedString ANNOTATIONS = name("annotations");
  private static final SerializedString ACTION_ORDINALS = name("actionOrdinals");
  private static final SerializedString CAPABILITY = name("capability");
  private static final SerializedString ORDINAL = name("ordinal");
  private static final SerializedString PARAMS = name("params");
  private static final SerializedString ACTION = name("action");
  private static final SerializedString GUARDRAIL = name("guardrail");
  private static final SerializedString SIGNAL = name("signal");
  private static final SerializedString BEFORE = name("before");
  private static final SerializedString DECISION = name("decision");
  private static final SerializedString OUTCOME = name("outcome");
  private static final SerializedString ERROR = name("error");
  private static final SerializedString RECORDED_AT = name("recordedAt");
  private static final SerializedString INPUTS = name("inputs");
  private static final SerializedString JOURNEY = name("journey");
  private static final SerializedString SHARED = name("shared");
  private static final SerializedString FACTS = name("facts");
  private static final SerializedString VALUES = name("values");
  private static final SerializedString SEQUENCE = name("sequence");
  private static final SerializedString CREATED_AT = name("createdAt");
  private static final SerializedString ATTEMPTS = name("attempts");
  private static final SerializedString NEXT_ATTEMPT_AT = name("nextAttemptAt");
  private static final SerializedString LAST_ERROR = name("lastError");
  private static final SerializedString OWNER_ID = name("ownerId");
  private static final SerializedString TITLE = name("title");
  private static final SerializedString BODY = name("body");
  private static final SerializedString PRIORITY = name("priority");
  private static final SerializedString TASK_TYPE = name("taskType");
  private static final SerializedString CONTEXT = name("context");
  private static final SerializedString SEQUENCE_ID = name("sequenceId");
  private static final SerializedString SENDER_OWNER_ID = name("senderOwnerId");
  private static final SerializedString PIPELINE_ID = name("pipelineId");
  private static final SerializedString STAGE_ID = name("stageId");
  private static final SerializedString RECIPIENT_ID = name("recipientId");
  private static final SerializedString MESSAGE = name("message");
  private static final SerializedString TO_OWNER_ID = name("toOwnerId");
  private static final SerializedString LEVEL = name("level");
  private static final SerializedString REASON_CODE = name("reasonCode");
  private static final SerializedString KEY = name("key");
  private static final String SCHEDULE = "schedule";
  private static final String CANCEL = "cancel";

  private static SerializedString name(String name) {
    return new SerializedString(name);
  }

  // --- values ---

  /** A string, or {@code null} as databind writes a null property, element or map value. */
  private static void text(JsonGenerator gen, SerializableString field, String value)
      throws IOException {
    gen.writeFieldName(field);
    if (value == null) {
      gen.writeNull();
    } else {
      gen.writeString(value);
    }
  }

  private static void text(JsonGenerator gen, String value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else {
      gen.writeString(value);
    }
  }

  /** An optional text as {@code TextOrEmpty} writes it: its value or {@code ""}. */
  private static void textOrEmpty(JsonGenerator gen, SerializableString field, Optional<String> value)
      throws IOException {
    gen.writeFieldName(field);
    gen.writeString(value.isPresent() ? value.get() : "");
  }

  private static void instant(JsonGenerator gen, SerializableString field, Instant value)
      throws IOException {
    gen.writeFieldName(field);
    Instants.write(gen, value);
  }

  private static void subject(JsonGenerator gen, Object subject) throws IOException {
    gen.writeFieldName(SUBJECT);
    if (subject == null) {
      gen.writeNull();
    } else {
      gen.writeString(subject.toString());
    }
  }

  private static void strings(JsonGenerator gen, SerializableString field, List<String> values)
      throws IOException {
    gen.writeFieldName(field);
    gen.writeStartArray();
    for (int i = 0, n = values.size(); i < n; i++) {
      text(gen, values.get(i));
    }
    gen.writeEndArray();
  }

  private static void stringMap(JsonGenerator gen, SerializableString field, Map<String, String> map)
      throws IOException {
    gen.writeFieldName(field);
    gen.writeStartObject();
    for (Map.Entry<String, String> e : map.entrySet()) {
      gen.writeFieldName(e.getKey());
      text(gen, e.getValue());
    }
    gen.writeEndObject();
  }

  private static void longMap(JsonGenerator gen, SerializableString field, Map<String, Long> map)
      throws IOException {
    gen.writeFieldName(field);
    gen.writeStartObject();
    for (Map.Entry<String, Long> e : map.entrySet()) {
      gen.writeFieldName(e.getKey());
      Long value = e.getValue();
      if (value == null) {
        gen.writeNull();
      } else {
        gen.writeNumber(value.longValue());
      }
    }
    gen.writeEndObject();
  }

  // --- signal ---

  static final class SignalWriter extends StdSerializer<Signal> {
    private static final long serialVersionUID = 1L;

    SignalWriter() {
      super(Signal.class);
    }

    @Override
    public void serialize(Signal signal, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      write(signal, gen, provider);
    }

    static void write(Signal signal, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      text(gen, ID, signal.id());
      subject(gen, signal.subject());
      text(gen, TYPE, signal.type());
      instant(gen, OCCURRED_AT, signal.occurredAt());
      text(gen, SOURCE, signal.source());
      // free-form values: databind's map serializer, as before (a hand-written walk measured slower)
      provider.defaultSerializeField("attributes", signal.wireAttributes(), gen);
      gen.writeEndObject();
    }
  }

  // --- snapshot ---

  static final class SnapshotWriter extends StdSerializer<JourneySnapshot> {
    private static final long serialVersionUID = 1L;

    SnapshotWriter() {
      super(JourneySnapshot.class);
    }

    @Override
    public void serialize(JourneySnapshot snapshot, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      write(snapshot, gen);
    }

    static void write(JourneySnapshot s, JsonGenerator gen) throws IOException {
      gen.writeStartObject();
      subject(gen, s.subject());
      text(gen, STATE, s.state());
      instant(gen, STATE_SINCE, s.stateSince());
      gen.writeFieldName(PROPERTIES);
      gen.writeStartObject();
      for (Map.Entry<String, PropertyValue> e : s.properties().entrySet()) {
        gen.writeFieldName(e.getKey());
        PropertyValue p = e.getValue();
        gen.writeStartObject();
        text(gen, VALUE, p.value());
        text(gen, WRITER, p.writer());
        instant(gen, WRITTEN_AT, p.writtenAt());
        gen.writeEndObject();
      }
      gen.writeEndObject();
      gen.writeFieldName(TIMERS);
      gen.writeStartObject();
      for (Map.Entry<String, PendingTimer> e : s.timers().entrySet()) {
        gen.writeFieldName(e.getKey());
        TimerWriter.write(e.getValue(), gen);
      }
      gen.writeEndObject();
      gen.writeFieldName(SUPPRESSIONS);
      gen.writeStartObject();
      for (Map.Entry<String, Suppression> e : s.suppressions().entrySet()) {
        gen.writeFieldName(e.getKey());
        Suppression p = e.getValue();
        gen.writeStartObject();
        text(gen, CHANNEL, p.channel());
        text(gen, REASON, p.reason());
        instant(gen, UNTIL, p.until());
        gen.writeEndObject();
      }
      gen.writeEndObject();
      longMap(gen, COUNTERS, s.counters());
      textOrEmpty(gen, RULE_SET, s.ruleSet());
      gen.writeFieldName(VERSION);
      gen.writeNumber(s.version());
      instant(gen, UPDATED_AT, s.updatedAt());
      // features and journeys are NON_EMPTY: left out when empty, as before they existed
      String features = s.features().encode();
      if (!features.isEmpty()) {
        gen.writeFieldName(FEATURES);
        gen.writeString(features);
      }
      if (!s.journeys().isEmpty()) {
        gen.writeFieldName(JOURNEYS);
        gen.writeStartObject();
        for (Map.Entry<String, JourneyState> e : s.journeys().entrySet()) {
          gen.writeFieldName(e.getKey());
          JourneyState j = e.getValue();
          gen.writeStartObject();
          text(gen, STATE, j.state());
          instant(gen, SINCE, j.since());
          textOrEmpty(gen, RULE_SET, j.ruleSet());
          gen.writeEndObject();
        }
        gen.writeEndObject();
      }
      gen.writeEndObject();
    }
  }

  static final class TimerWriter extends StdSerializer<PendingTimer> {
    private static final long serialVersionUID = 1L;

    TimerWriter() {
      super(PendingTimer.class);
    }

    @Override
    public void serialize(PendingTimer timer, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      write(timer, gen);
    }

    static void write(PendingTimer t, JsonGenerator gen) throws IOException {
      gen.writeStartObject();
      text(gen, NAME, t.name());
      instant(gen, DUE_AT, t.dueAt());
      gen.writeFieldName(GENERATION);
      gen.writeNumber(t.generation());
      stringMap(gen, ATTRIBUTES, t.attributes());
      gen.writeEndObject();
    }
  }

  // --- actions ---

  /**
   * One action kind. Written with its {@code kind} through the type serializer when Jackson asks
   * for it (every field or element of type {@link Action}, and a root value: the mix-in's type
   * info), and directly with it inside the documents written here.
   */
  static final class ActionWriter<A extends Action> extends StdSerializer<A> {
    private static final long serialVersionUID = 1L;

    ActionWriter(Class<A> type) {
      super(type);
    }

    @Override
    public void serialize(A action, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      fields(action, gen);
      gen.writeEndObject();
    }

    @Override
    public void serializeWithType(
        A action, JsonGenerator gen, SerializerProvider provider, TypeSerializer typeSer)
        throws IOException {
      WritableTypeId id = typeSer.writeTypePrefix(gen, typeSer.typeId(action, JsonToken.START_OBJECT));
      fields(action, gen);
      typeSer.writeTypeSuffix(gen, id);
    }
  }

  /** An action as an element or field of type {@link Action}: its kind, then its fields. */
  static void action(Action action, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeFieldName(KIND);
    gen.writeString(action.kind().name());
    fields(action, gen);
    gen.writeEndObject();
  }

  private static void fields(Action action, JsonGenerator gen) throws IOException {
    text(gen, ID, action.id());
    subject(gen, action.subject());
    if (action instanceof AssignOwner a) {
      text(gen, OWNER_ID, a.ownerId());
      text(gen, REASON, a.reason());
    } else if (action instanceof CreateTask a) {
      text(gen, TITLE, a.title());
      text(gen, BODY, a.body());
      textOrEmpty(gen, OWNER_ID, a.ownerId());
      instant(gen, DUE_AT, a.dueAt());
      text(gen, PRIORITY, a.priority());
      text(gen, TASK_TYPE, a.taskType());
      stringMap(gen, CONTEXT, a.context());
    } else if (action instanceof EnrollSequence a) {
      text(gen, SEQUENCE_ID, a.sequenceId());
      textOrEmpty(gen, SENDER_OWNER_ID, a.senderOwnerId());
      text(gen, CHANNEL, a.channel());
    } else if (action instanceof UnenrollSequence a) {
      text(gen, SEQUENCE_ID, a.sequenceId());
      text(gen, REASON, a.reason());
    } else if (action instanceof SetProperty a) {
      text(gen, NAME, a.name());
      text(gen, VALUE, a.value());
    } else if (action instanceof UpdateDealStage a) {
      text(gen, PIPELINE_ID, a.pipelineId());
      text(gen, STAGE_ID, a.stageId());
    } else if (action instanceof Notify a) {
      text(gen, RECIPIENT_ID, a.recipientId());
      text(gen, MESSAGE, a.message());
    } else if (action instanceof SuppressOutreach a) {
      text(gen, CHANNEL, a.channel());
      text(gen, REASON, a.reason());
      instant(gen, UNTIL, a.until());
    } else if (action instanceof ResumeOutreach a) {
      text(gen, CHANNEL, a.channel());
    } else if (action instanceof Escalate a) {
      text(gen, TO_OWNER_ID, a.toOwnerId());
      gen.writeFieldName(LEVEL);
      gen.writeNumber(a.level());
      text(gen, REASON, a.reason());
    } else if (action instanceof Recycle a) {
      text(gen, REASON_CODE, a.reasonCode());
    } else {
      throw new IllegalStateException("no JSON form for the action kind " + action.kind());
    }
  }

  // --- decision ---

  static final class DecisionWriter extends StdSerializer<Decision> {
    private static final long serialVersionUID = 1L;

    DecisionWriter() {
      super(Decision.class);
    }

    @Override
    public void serialize(Decision decision, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      write(decision, gen);
    }

    static void write(Decision d, JsonGenerator gen) throws IOException {
      gen.writeStartObject();
      subject(gen, d.subject());
      text(gen, SIGNAL_ID, d.signalId());
      text(gen, SIGNAL_TYPE, d.signalType());
      RuleSetRef ruleSet = d.ruleSet();
      gen.writeFieldName(RULE_SET);
      gen.writeStartObject();
      text(gen, NAME, ruleSet.name());
      text(gen, VERSION, ruleSet.version());
      textOrEmpty(gen, HASH, ruleSet.hash());
      gen.writeEndObject();
      instant(gen, EVALUATED_AT, d.evaluatedAt());
      text(gen, STATE_BEFORE, d.stateBefore());
      text(gen, STATE_AFTER, d.stateAfter());
      strings(gen, RULES_FIRED, d.rulesFired());
      gen.writeFieldName(ACTIONS);
      gen.writeStartArray();
      for (Action action : d.actions()) {
        action(action, gen);
      }
      gen.writeEndArray();
      gen.writeFieldName(TIMER_COMMANDS);
      gen.writeStartArray();
      for (TimerCommand command : d.timerCommands()) {
        gen.writeStartObject();
        gen.writeFieldName(TYPE);
        if (command instanceof TimerCommand.Schedule s) {
          gen.writeString(SCHEDULE);
          text(gen, NAME, s.name());
          instant(gen, DUE_AT, s.dueAt());
          stringMap(gen, ATTRIBUTES, s.attributes());
        } else {
          gen.writeString(CANCEL);
          text(gen, NAME, ((TimerCommand.Cancel) command).name());
        }
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeFieldName(REQUESTS);
      gen.writeStartArray();
      for (CapabilityRequest request : d.requests()) {
        gen.writeStartObject();
        text(gen, CAPABILITY, request.capability());
        text(gen, NAME, request.name());
        gen.writeFieldName(ORDINAL);
        gen.writeNumber(request.ordinal());
        stringMap(gen, PARAMS, request.params());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      longMap(gen, COUNTER_DELTAS, d.counterDeltas());
      gen.writeFieldName(DROPPED);
      gen.writeStartArray();
      for (DroppedAction dropped : d.dropped()) {
        gen.writeStartObject();
        gen.writeFieldName(ACTION);
        action(dropped.action(), gen);
        text(gen, GUARDRAIL, dropped.guardrail());
        text(gen, REASON, dropped.reason());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      strings(gen, TRACE, d.trace());
      stringMap(gen, ANNOTATIONS, d.annotations());
      // left out when 0, 1, 2... (DecisionMixin's InOrder filter)
      List<Integer> ordinals = d.actionOrdinals();
      if (!inOrder(ordinals)) {
        gen.writeFieldName(ACTION_ORDINALS);
        gen.writeStartArray();
        for (int i = 0, n = ordinals.size(); i < n; i++) {
          gen.writeNumber(ordinals.get(i).intValue());
        }
        gen.writeEndArray();
      }
      gen.writeEndObject();
    }

    private static boolean inOrder(List<Integer> ordinals) {
      for (int i = 0, n = ordinals.size(); i < n; i++) {
        if (ordinals.get(i) != i) {
          return false;
        }
      }
      return true;
    }
  }

  // --- audit record ---

  static final class AuditWriter extends StdSerializer<AuditRecord> {
    private static final long serialVersionUID = 1L;

    AuditWriter() {
      super(AuditRecord.class);
    }

    @Override
    public void serialize(AuditRecord audit, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeFieldName(SIGNAL);
      SignalWriter.write(audit.signal(), gen, provider);
      gen.writeFieldName(BEFORE);
      SnapshotWriter.write(audit.before(), gen);
      gen.writeFieldName(DECISION);
      DecisionWriter.write(audit.decision(), gen);
      gen.writeFieldName(OUTCOME);
      gen.writeString(audit.outcome().name());
      textOrEmpty(gen, ERROR, audit.error());
      instant(gen, RECORDED_AT, audit.recordedAt());
      StageInputs inputs = audit.inputs();
      gen.writeFieldName(INPUTS);
      gen.writeStartObject();
      gen.writeFieldName(SHARED);
      gen.writeStartArray();
      for (SharedState shared : inputs.shared()) {
        gen.writeStartObject();
        text(gen, KEY, shared.key());
        gen.writeFieldName(VERSION);
        gen.writeNumber(shared.version());
        longMap(gen, VALUES, shared.values());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      stringMap(gen, FACTS, inputs.facts());
      if (inputs.evaluated().isPresent()) {
        // rare (a stage changed the evaluator's output) and large: databind writes it, as before
        provider.defaultSerializeField("evaluated", inputs.evaluated().get(), gen);
      }
      gen.writeEndObject();
      if (audit.journey().isPresent()) {
        gen.writeFieldName(JOURNEY);
        gen.writeString(audit.journey().get());
      }
      gen.writeEndObject();
    }
  }

  // --- outbox entry ---

  static final class OutboxWriter extends StdSerializer<OutboxEntry> {
    private static final long serialVersionUID = 1L;

    OutboxWriter() {
      super(OutboxEntry.class);
    }

    @Override
    public void serialize(OutboxEntry entry, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeFieldName(ACTION);
      action(entry.action(), gen);
      gen.writeFieldName(SEQUENCE);
      gen.writeNumber(entry.sequence());
      instant(gen, CREATED_AT, entry.createdAt());
      gen.writeFieldName(ATTEMPTS);
      gen.writeNumber(entry.attempts());
      instant(gen, NEXT_ATTEMPT_AT, entry.nextAttemptAt());
      textOrEmpty(gen, LAST_ERROR, entry.lastError());
      gen.writeEndObject();
    }
  }
}
