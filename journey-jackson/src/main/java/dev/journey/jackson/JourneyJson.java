package dev.journey.jackson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
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
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.EvaluatorOutput;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import java.util.Map;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.spi.TimerChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;

/**
 * Jackson support for journey-core's values: signals, snapshots, actions (with a {@code kind}
 * discriminator), decisions, timer commands, outbox entries, dead letters and audit records.
 * Subjects are written as {@code "contact:123"} and instants as ISO-8601 strings, so the JSON is
 * readable and stable.
 *
 * <pre>{@code
 * ObjectMapper mapper = JourneyJson.mapper();
 * String line = mapper.writeValueAsString(signal);
 * Signal back = mapper.readValue(line, Signal.class);
 * }</pre>
 *
 * <p>Mappers are thread-safe once configured; {@link #mapper()} returns a new one each call.
 */
public final class JourneyJson {
  /** The longest JSON string value accepted when reading: 1 MiB. */
  public static final int MAX_STRING_LENGTH = 1 << 20;
  /** The deepest JSON nesting accepted when reading. */
  public static final int MAX_NESTING_DEPTH = 64;

  private JourneyJson() {}

  /** A new mapper configured for journey values. */
  public static ObjectMapper mapper() {
    return configured(module());
  }

  /**
   * A new mapper that writes and reads journey values with databind's reflective bean
   * serializers alone, without the streaming serializers of {@link #mapper()}: the same JSON byte
   * for byte, more slowly. It is the reference the fast path is checked and measured against; use
   * {@link #mapper()}.
   */
  public static ObjectMapper reflectiveMapper() {
    return configured(reflectiveModule());
  }

  private static ObjectMapper configured(SimpleModule journeyModule) {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(journeyModule)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
    return mapper;
  }

  /**
   * The Jackson module alone, for adding to a mapper of your own. Besides the mix-ins it holds
   * streaming serializers for the documents every durable commit writes (snapshot, timer, outbox
   * entry, action, signal, decision, audit record): the JSON of {@link #reflectiveMapper()} byte
   * for byte, at about half its CPU time and allocation; and a reader of instants in their
   * canonical form that leaves every other form to {@code JavaTimeModule}.
   */
  public static SimpleModule module() {
    SimpleModule module = reflectiveModule();
    StreamingSerializers.register(module);
    module.addDeserializer(Instant.class, new InstantReader());
    return module;
  }

  /** The module of {@link #reflectiveMapper()}: mix-ins and the few custom (de)serializers. */
  static SimpleModule reflectiveModule() {
    SimpleModule module =
        new SimpleModule("journey") {
          private static final long serialVersionUID = 1L;

          @Override
          public void setupModule(SetupContext context) {
            super.setupModule(context);
            // a snapshot without features writes no "features" field: documents stay as before
            context
                .configOverride(FeatureSnapshot.class)
                .setInclude(
                    JsonInclude.Value.construct(
                        JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS));
          }
        };
    module.setMixInAnnotation(SubjectRef.class, SubjectRefMixin.class);
    module.addKeyDeserializer(SubjectRef.class, new SubjectKeyDeserializer());
    module.setMixInAnnotation(Action.class, ActionMixin.class);
    module.setMixInAnnotation(TimerCommand.class, TimerCommandMixin.class);
    module.setMixInAnnotation(TimerChange.class, TimerChangeMixin.class);
    module.setMixInAnnotation(Signal.class, SignalMixin.class);
    module.addSerializer(Signal.class, new SignalSerializer());
    module.setMixInAnnotation(Decision.class, DecisionMixin.class);
    module.setMixInAnnotation(JourneySnapshot.class, SnapshotMixin.class);
    module.setMixInAnnotation(AuditRecord.class, AuditRecordMixin.class);
    module.setMixInAnnotation(StageInputs.class, StageInputsMixin.class);
    module.setMixInAnnotation(EvaluatorOutput.class, EvaluatorOutputMixin.class);
    module.setMixInAnnotation(CreateTask.class, CreateTaskMixin.class);
    module.setMixInAnnotation(EnrollSequence.class, EnrollSequenceMixin.class);
    module.setMixInAnnotation(OutboxEntry.class, OutboxEntryMixin.class);
    module.setMixInAnnotation(RuleSetRef.class, RuleSetRefMixin.class);
    module.setMixInAnnotation(JourneyState.class, JourneyStateMixin.class);
    module.setMixInAnnotation(FeatureSnapshot.class, FeatureSnapshotMixin.class);
    return module;
  }

  /**
   * Writes a value as one line of JSON.
   *
   * @throws UncheckedIOException when Jackson cannot serialize it
   */
  public static String toJson(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  abstract static class SubjectRefMixin {
    @JsonCreator
    static SubjectRef parse(String text) {
      return SubjectRef.parse(text);
    }

    @Override
    @JsonValue
    public abstract String toString();
  }

  static final class SubjectKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, com.fasterxml.jackson.databind.DeserializationContext ctx) {
      return SubjectRef.parse(key);
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = AssignOwner.class, name = "ASSIGN_OWNER"),
    @JsonSubTypes.Type(value = CreateTask.class, name = "CREATE_TASK"),
    @JsonSubTypes.Type(value = EnrollSequence.class, name = "ENROLL_SEQUENCE"),
    @JsonSubTypes.Type(value = UnenrollSequence.class, name = "UNENROLL_SEQUENCE"),
    @JsonSubTypes.Type(value = SetProperty.class, name = "SET_PROPERTY"),
    @JsonSubTypes.Type(value = UpdateDealStage.class, name = "UPDATE_DEAL_STAGE"),
    @JsonSubTypes.Type(value = Notify.class, name = "NOTIFY"),
    @JsonSubTypes.Type(value = SuppressOutreach.class, name = "SUPPRESS_OUTREACH"),
    @JsonSubTypes.Type(value = ResumeOutreach.class, name = "RESUME_OUTREACH"),
    @JsonSubTypes.Type(value = Escalate.class, name = "ESCALATE"),
    @JsonSubTypes.Type(value = Recycle.class, name = "RECYCLE")
  })
  @JsonIgnoreProperties(value = {"kind"}, allowGetters = false)
  interface ActionMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = TimerCommand.Schedule.class, name = "schedule"),
    @JsonSubTypes.Type(value = TimerCommand.Cancel.class, name = "cancel")
  })
  interface TimerCommandMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = TimerChange.Scheduled.class, name = "scheduled"),
    @JsonSubTypes.Type(value = TimerChange.Cancelled.class, name = "cancelled"),
    @JsonSubTypes.Type(value = TimerChange.Completed.class, name = "completed")
  })
  @JsonIgnoreProperties(value = {"name", "generation"}, allowGetters = true)
  interface TimerChangeMixin {}

  /**
   * A signal is written with its firing in the attributes ({@link Signal#wireAttributes()}), the
   * readable form logs have always had, and read through the constructor that lifts it back out.
   */
  @JsonIgnoreProperties(value = {"timer", "firing"})
  abstract static class SignalMixin {
    @JsonCreator
    SignalMixin(
        @JsonProperty("id") String id,
        @JsonProperty("subject") SubjectRef subject,
        @JsonProperty("type") String type,
        @JsonProperty("occurredAt") Instant occurredAt,
        @JsonProperty("source") String source,
        @JsonProperty("attributes") Map<String, Object> attributes) {}
  }

  /** Writes a signal's fields in record order, the firing inside the attributes. */
  static final class SignalSerializer extends StdSerializer<Signal> {
    private static final long serialVersionUID = 1L;

    SignalSerializer() {
      super(Signal.class);
    }

    @Override
    public void serialize(Signal signal, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStringField("id", signal.id());
      provider.defaultSerializeField("subject", signal.subject(), gen);
      gen.writeStringField("type", signal.type());
      provider.defaultSerializeField("occurredAt", signal.occurredAt(), gen);
      gen.writeStringField("source", signal.source());
      provider.defaultSerializeField("attributes", signal.wireAttributes(), gen);
      gen.writeEndObject();
    }
  }

  @JsonIgnoreProperties(value = {"empty"})
  interface DecisionMixin {
    /**
     * Written only when the ordinals are not simply 0, 1, 2... (the usual case, which documents
     * leave out, as they did before decisions kept ordinals); a document without them reads as
     * empty, and the decision derives them from the action ids.
     */
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = InOrder.class)
    java.util.List<Integer> actionOrdinals();
  }

  /** Jackson value filter: {@code true} (leave out) for ordinals 0, 1, 2... in order. */
  static final class InOrder {
    @Override
    public boolean equals(Object value) {
      if (!(value instanceof java.util.List<?> list)) {
        return false;
      }
      for (int i = 0; i < list.size(); i++) {
        if (!Integer.valueOf(i).equals(list.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /**
   * A single-journey snapshot is written as before several journeys per subject (no {@code
   * journeys} member), and one written before reads with no further journeys.
   */
  abstract static class SnapshotMixin {
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    abstract Map<String, JourneyState> journeys();

    /** The deciding rule set as the string it always was: {@code ""} when none has decided. */
    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = SnapshotRuleSet.class)
    abstract Optional<String> ruleSet();
  }

  /**
   * An audit record that names no journey is written and read as before journeys were named (no
   * {@code journey} member); its error is the string it always was.
   */
  abstract static class AuditRecordMixin {
    @JsonInclude(value = JsonInclude.Include.NON_EMPTY)
    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = JourneyName.class)
    abstract Optional<String> journey();

    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = AuditError.class)
    abstract Optional<String> error();
  }

  /**
   * Stage inputs without the evaluator's decision (the stages did not change it) are written and
   * read as before it was recorded: no {@code evaluated} member.
   */
  abstract static class StageInputsMixin {
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonSerialize(using = EvaluatedSerializer.class)
    @JsonDeserialize(using = EvaluatedDeserializer.class)
    abstract Optional<EvaluatorOutput> evaluated();
  }

  /** The evaluator's output leaves out the parts that did not change (empty values). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  abstract static class EvaluatorOutputMixin {}

  /** The evaluator's output, when kept, as its document; left out when empty. */
  static final class EvaluatedSerializer extends StdSerializer<Optional<EvaluatorOutput>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    EvaluatedSerializer() {
      super((Class<Optional<EvaluatorOutput>>) (Class<?>) Optional.class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Optional<EvaluatorOutput> value) {
      return value == null || value.isEmpty();
    }

    @Override
    public void serialize(Optional<EvaluatorOutput> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.isPresent()) {
        provider.defaultSerializeValue(value.get(), gen);
      } else {
        gen.writeNull();
      }
    }
  }

  /** The evaluator's output from its document; {@code null} or missing read as empty. */
  static final class EvaluatedDeserializer extends StdDeserializer<Optional<EvaluatorOutput>> {
    private static final long serialVersionUID = 1L;

    EvaluatedDeserializer() {
      super(Optional.class);
    }

    @Override
    public Optional<EvaluatorOutput> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Optional.of(ctxt.readValue(p, EvaluatorOutput.class));
    }

    @Override
    public Optional<EvaluatorOutput> getNullValue(DeserializationContext ctxt) {
      return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return Optional.empty();
    }
  }

  /** An audit record's error as the string it always was: {@code ""} when there is none. */
  /** A task's owner as the string it always was: {@code ""} for the subject's owner. */
  abstract static class CreateTaskMixin {
    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = TaskOwner.class)
    abstract Optional<String> ownerId();
  }

  /** An enrollment's sender as the string it always was: {@code ""} for the subject's owner. */
  abstract static class EnrollSequenceMixin {
    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = Sender.class)
    abstract Optional<String> senderOwnerId();
  }

  /** A further journey's deciding rule set as the string it always was: {@code ""} when none has. */
  abstract static class JourneyStateMixin {
    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = JourneyRuleSet.class)
    abstract Optional<String> ruleSet();
  }

  /** A rule-set reference's hash as the string it always was: {@code ""} when unknown. */
  abstract static class RuleSetRefMixin {
    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = RuleSetHash.class)
    abstract Optional<String> hash();
  }

  /** An outbox entry's last error as the string it always was: {@code ""} when none. */
  abstract static class OutboxEntryMixin {
    @JsonSerialize(using = TextOrEmpty.class)
    @JsonDeserialize(using = LastError.class)
    abstract Optional<String> lastError();
  }

  /**
   * An optional text written as the string it was before it was optional: its value, or {@code ""}
   * when absent (and "empty" for {@link JsonInclude.Include#NON_EMPTY}).
   */
  static final class TextOrEmpty extends StdSerializer<Optional<String>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    TextOrEmpty() {
      super((Class<Optional<String>>) (Class<?>) Optional.class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Optional<String> value) {
      return value == null || value.isEmpty();
    }

    @Override
    public void serialize(Optional<String> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.orElse(""));
    }
  }

  /**
   * An optional text read from the string it was before it was optional: {@code ""}, {@code null}
   * or a missing member read as absent; anything but a string is rejected, naming {@link #what}.
   */
  abstract static class OptionalText extends StdDeserializer<Optional<String>> {
    private static final long serialVersionUID = 1L;
    private final String what;

    OptionalText(String what) {
      super(Optional.class);
      this.what = what;
    }

    @Override
    public Optional<String> deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
        return ctxt.reportInputMismatch(
            this, "%s must be a string, not %s", what, p.currentToken());
      }
      String text = p.getText();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    @Override
    public Optional<String> getNullValue(DeserializationContext ctxt) {
      return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return Optional.empty();
    }
  }

  /** An audit record's error. */
  static final class AuditError extends OptionalText {
    private static final long serialVersionUID = 1L;

    AuditError() {
      super("an audit record's error");
    }
  }

  /** An audit record's journey name. */
  static final class JourneyName extends OptionalText {
    private static final long serialVersionUID = 1L;

    JourneyName() {
      super("an audit record's journey");
    }
  }

  /** A task's owner. */
  static final class TaskOwner extends OptionalText {
    private static final long serialVersionUID = 1L;

    TaskOwner() {
      super("a CREATE_TASK action's ownerId");
    }
  }

  /** An enrollment's sender. */
  static final class Sender extends OptionalText {
    private static final long serialVersionUID = 1L;

    Sender() {
      super("an ENROLL_SEQUENCE action's senderOwnerId");
    }
  }

  /** A rule-set reference's hash. */
  static final class RuleSetHash extends OptionalText {
    private static final long serialVersionUID = 1L;

    RuleSetHash() {
      super("a rule set's hash");
    }
  }

  /** A further journey's deciding rule set. */
  static final class JourneyRuleSet extends OptionalText {
    private static final long serialVersionUID = 1L;

    JourneyRuleSet() {
      super("a journey state's ruleSet");
    }
  }

  /** A snapshot's deciding rule set. */
  static final class SnapshotRuleSet extends OptionalText {
    private static final long serialVersionUID = 1L;

    SnapshotRuleSet() {
      super("a snapshot's ruleSet");
    }
  }

  /** An outbox entry's last error. */
  static final class LastError extends OptionalText {
    private static final long serialVersionUID = 1L;

    LastError() {
      super("an outbox entry's lastError");
    }
  }

  /** Features as the one line of {@link FeatureSnapshot#encode()}. */
  abstract static class FeatureSnapshotMixin {
    @JsonCreator
    static FeatureSnapshot decode(String text) {
      return FeatureSnapshot.decode(text);
    }

    @JsonValue
    abstract String encode();
  }
}
