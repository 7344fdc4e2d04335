package dev.journey.hubspot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.runtime.SignalRefusedException;
import dev.journey.hubspot.WebhookResponse.Reason;
import dev.journey.hubspot.WebhookResponse.Rejection;
import dev.journey.hubspot.internal.Signatures;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns HubSpot webhook requests into journey {@link Signal signals}: checks the body size,
 * validates the signature (v3 by default; v1/v2 only when enabled), parses the batch under strict
 * read limits, maps each event through a {@link WebhookMapping}, hands the signals to a {@link
 * SignalSink} and says what to answer. Usable from any HTTP framework; {@link
 * WebhookHttpHandler} adapts it to the JDK HTTP server.
 *
 * <p>A malformed body is rejected as a whole. Inside a valid batch every event stands on its own:
 * it is handed to the sink, or, when it is invalid or the sink refuses it, kept in the {@link
 * WebhookQuarantine} (raw, size-capped, personal data redacted) with its reason, inspectable and
 * {@link #resubmit re-submittable}; events the mapping does not cover are counted and ignored. The
 * answer is 2xx only when every event was stored or quarantined (204, or 200 with a summary when
 * some were quarantined); when the quarantine fails too the answer is 503, HubSpot redelivers the
 * batch and the sink deduplicates by the stable signal id {@code
 * hubspot:<portalId>:<subscriptionId>:<eventId>:<objectId>:<occurredAt>}.
 *
 * <p>Immutable and thread-safe when the sink is.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder(clientSecret, engine::accept)
 *     .mapping(WebhookMapping.ofDefaults())
 *     .clock(clock)
 *     .build();
 * WebhookResponse answer = receiver.handle(WebhookRequest.of(method, publicUrl, headers, body));
 * }</pre>
 */
public final class WebhookReceiver {
  /** Default body cap: 1 MiB (HubSpot sends at most 100 events per request). */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  /** Default oldest timestamp accepted: 5 minutes, as HubSpot specifies. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
  /** Default furthest future timestamp accepted: 1 minute of clock skew. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(1);
  /** Default most events per request: 1000. */
  public static final int DEFAULT_MAX_EVENTS = 1000;

  static final String V3_HEADER = "X-HubSpot-Signature-v3";
  static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
  static final String LEGACY_HEADER = "X-HubSpot-Signature";
  static final String VERSION_HEADER = "X-HubSpot-Signature-Version";

  /** Default quarantine capacity when none is configured: 10,000 events in memory. */
  public static final int DEFAULT_QUARANTINE_CAPACITY = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final String HUBSPOT_REDACTED = "REDACTED";
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

  private final String clientSecret;
  private final SignalSink sink;
  private final WebhookQuarantine quarantine;
  private final WebhookMapping mapping;
  private final Clock clock;
  private final int maxBodyBytes;
  private final int maxEvents;
  private final Duration maxAge;
  private final Duration maxFutureSkew;
  private final boolean allowV1;
  private final boolean allowV2;
  private final ObjectMapper json;
  private final AtomicLong ignoredTotal = new AtomicLong();
  private final AtomicLong ownWritesTotal = new AtomicLong();
  private final AtomicLong driftTotal = new AtomicLong();

  private WebhookReceiver(Builder b) {
    this.clientSecret = b.clientSecret;
    this.sink = b.sink;
    this.quarantine = b.quarantine == null ? WebhookQuarantine.inMemory(DEFAULT_QUARANTINE_CAPACITY) : b.quarantine;
    this.mapping = b.mapping;
    this.clock = b.clock;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxEvents = b.maxEvents;
    this.maxAge = b.maxAge;
    this.maxFutureSkew = b.maxFutureSkew;
    this.allowV1 = b.allowV1;
    this.allowV2 = b.allowV2;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxNumberLength(32)
                    .maxStringLength(64 * 1024)
                    .maxNameLength(256)
                    .maxDocumentLength(b.maxBodyBytes)
                    .build())
            .build();
    this.json =
        new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Starts a builder.
   *
   * @param clientSecret the app's client secret (the HMAC key); never logged or printed
   * @param sink where accepted signals go, e.g. {@code engine::accept}
   * @return the builder
   * @throws IllegalArgumentException when the secret is blank
   */
  public static Builder builder(String clientSecret, SignalSink sink) {
    return new Builder(clientSecret, sink);
  }

  /** Where refused events are kept (the configured one, or the default in-memory one). */
  public WebhookQuarantine quarantine() {
    return quarantine;
  }

  /** The largest body accepted, in bytes; the HTTP adapter reads at most this plus one. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * How many events were this integration's own writes coming back ({@link
   * WebhookMapping.Builder#ownAppId}), ignored so that they do not loop; included in {@link
   * #ignoredTotal()}.
   */
  public long ownWritesTotal() {
    return ownWritesTotal.get();
  }

  /**
   * How many changes of owned properties by someone else were seen ({@link
   * WebhookMapping#OWNED_PROPERTY_DRIFTED} signals), redeliveries included.
   */
  public long driftTotal() {
    return driftTotal.get();
  }

  /** How many events were ignored since this receiver was built (unmapped types or properties). */
  public long ignoredTotal() {
    return ignoredTotal.get();
  }

  /**
   * Handles one request: validates, maps, hands signals to the sink, and returns the answer.
   * Never throws for bad input; the rejection is in the response.
   *
   * @param request the raw request
   * @return what to answer
   */
  public WebhookResponse handle(WebhookRequest request) {
    Objects.requireNonNull(request, "request");
    if (!"POST".equals(request.method())) {
      return reject(405, Reason.METHOD_NOT_ALLOWED, "method must be POST, but was " + request.method());
    }
    if (request.bodyLength() > maxBodyBytes) {
      return reject(
          413,
          Reason.BODY_TOO_LARGE,
          String.format(
              Locale.ROOT,
              "body must be at most %d bytes, but was %d",
              maxBodyBytes,
              request.bodyLength()));
    }
    Optional<Rejection> bad = checkSignature(request);
    if (bad.isPresent()) {
      Rejection r = bad.get();
      LOG.debug("webhook rejected: {} ({})", r.reason(), r.detail());
      return new WebhookResponse(401, "rejected: " + r.reason(), List.of(), List.of(), 0, bad);
    }
    JsonNode root;
    try {
      root = json.readTree(request.rawBody());
    } catch (JsonProcessingException e) {
      return reject(
          400,
          Reason.MALFORMED_BODY,
          "body must be a JSON array of events within the read limits, but was not: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      return reject(400, Reason.MALFORMED_BODY, "body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      return reject(
          400,
          Reason.MALFORMED_BODY,
          "body must be a JSON array of events, but was "
              + (root == null ? "empty" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    if (root.size() > maxEvents) {
      return reject(
          413,
          Reason.BODY_TOO_LARGE,
          "batch must have at most " + maxEvents + " events, but had " + root.size());
    }
    List<Signal> accepted = new ArrayList<>();
    List<QuarantinedEvent> quarantined = new ArrayList<>();
    List<SignalRefusedException> refusals = new ArrayList<>();
    int ignored = 0;
    int lost = 0;
    String firstLoss = null;
    for (int i = 0; i < root.size(); i++) {
      JsonNode event = root.get(i);
      Optional<QuarantinedWebhookEvent> refused = deliver(event, accepted, refusals);
      if (refused == null) {
        ignored++;
        continue;
      }
      if (refused.isEmpty()) {
        continue;
      }
      QuarantinedWebhookEvent q = refused.get();
      try {
        quarantine.put(q);
        quarantined.add(new QuarantinedEvent(i, q.reason()));
        LOG.debug("webhook event {} quarantined as {}: {}", i, q.id(), q.kind());
      } catch (RuntimeException e) {
        lost++;
        if (firstLoss == null) {
          firstLoss = q.id() + " (" + q.kind() + "; quarantine failed: " + e.getClass().getSimpleName() + ")";
        }
        LOG.warn("webhook event {} could be neither stored nor quarantined; answering 503", q.id(), e);
      }
    }
    ignoredTotal.addAndGet(ignored);
    if (!refusals.isEmpty()) {
      // backpressure: nothing of this batch is acknowledged; what was stored is deduplicated by
      // its signal id when HubSpot redelivers the batch after the retry time
      Duration retryAfter =
          refusals.stream().map(SignalRefusedException::retryAfter).max(Duration::compareTo).orElseThrow();
      LOG.debug("{} of {} webhook events refused by the intake; answering 503", refusals.size(), root.size());
      return new WebhookResponse(
          503,
          "busy: retry after " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s",
          accepted,
          quarantined,
          ignored,
          Optional.of(
              new Rejection(
                  Reason.BACKPRESSURE,
                  refusals.size() + " of " + root.size() + " events refused by the intake, first "
                      + refusals.get(0).signalId())),
          Optional.of(retryAfter));
    }
    if (lost > 0) {
      return new WebhookResponse(
          503,
          "signal sink and quarantine failed; retry",
          accepted,
          quarantined,
          ignored,
          Optional.of(
              new Rejection(
                  Reason.SINK_FAILED,
                  lost + " of " + root.size() + " events could be neither stored nor quarantined, first "
                      + firstLoss)));
    }
    if (quarantined.isEmpty()) {
      return new WebhookResponse(204, "", accepted, quarantined, ignored, Optional.empty());
    }
    return new WebhookResponse(
        200,
        String.format(Locale.ROOT, "accepted %d, quarantined %d, ignored %d",
            accepted.size(), quarantined.size(), ignored),
        accepted, quarantined, ignored, Optional.empty());
  }

  /**
   * Maps one event and hands its signal to the sink.
   *
   * @return {@code null} when the mapping ignores the event, empty when the sink stored it,
   *     otherwise the quarantine record to keep
   */
  private Optional<QuarantinedWebhookEvent> deliver(
      JsonNode event, List<Signal> accepted, List<SignalRefusedException> refusals) {
    EventMapping outcome = mapEvent(event);
    if (outcome.signal != null) {
      try {
        sink.accept(outcome.signal);
        accepted.add(outcome.signal);
        return Optional.empty();
      } catch (SignalRefusedException e) {
        // not poison: the intake is full or stopped; the batch is answered 503 and redelivered
        refusals.add(e);
        return Optional.empty();
      } catch (RuntimeException e) {
        LOG.debug("signal sink failed for {}; quarantining the event", outcome.signal.id(), e);
        return Optional.of(record(event, outcome.signal.id(), QuarantinedWebhookEvent.Kind.SINK_FAILED,
            "signal sink failed: " + describe(e)));
      }
    }
    if (outcome.problem != null) {
      return Optional.of(record(event, invalidId(event), QuarantinedWebhookEvent.Kind.INVALID_EVENT,
          outcome.problem));
    }
    return null;
  }

  /**
   * Hands a quarantined event to the mapping and the sink again, e.g. after the sink or the
   * mapping was fixed. On success (or when the mapping now ignores it) the event leaves the
   * quarantine; otherwise it stays with the new reason. The signature is not checked again: it
   * was checked when the event arrived. Redacted values stay redacted: the signal carries {@code
   * propertyValueRedacted=true} instead of the value.
   *
   * @param id the quarantine id
   * @return 204 with the accepted signal (or one ignored event), or 200 with the event
   *     quarantined again, or 503 when the quarantine itself failed
   * @throws WebhookResubmitException when no event has that id or its text was truncated
   */
  public WebhookResponse resubmit(String id) {
    Objects.requireNonNull(id, "id");
    QuarantinedWebhookEvent kept =
        quarantine.get(id).orElseThrow(() -> new WebhookResubmitException(id, "no quarantined event has this id"));
    if (kept.truncated()) {
      throw new WebhookResubmitException(
          id, "its text was cut to " + QuarantinedWebhookEvent.MAX_EVENT_CHARS + " characters");
    }
    JsonNode event;
    try {
      event = json.readTree(kept.event());
    } catch (IOException e) {
      throw new WebhookResubmitException(id, "its text is not JSON within the read limits");
    }
    List<Signal> accepted = new ArrayList<>();
    List<SignalRefusedException> refusals = new ArrayList<>();
    Optional<QuarantinedWebhookEvent> refused = deliver(event, accepted, refusals);
    if (!refusals.isEmpty()) {
      // the intake is busy: the event stays in the quarantine, to be resubmitted later
      return new WebhookResponse(503, "busy: the event stays quarantined", List.of(), List.of(), 0,
          Optional.of(new Rejection(Reason.BACKPRESSURE, "the intake refused " + refusals.get(0).signalId())),
          Optional.of(refusals.get(0).retryAfter()));
    }
    if (refused == null || refused.isEmpty()) {
      quarantine.remove(id);
      return new WebhookResponse(204, "", accepted, List.of(), refused == null ? 1 : 0, Optional.empty());
    }
    QuarantinedWebhookEvent again = refused.get();
    QuarantinedWebhookEvent replaced =
        new QuarantinedWebhookEvent(id, again.kind(), again.reason(), again.event(), false, again.receivedAt());
    try {
      quarantine.put(replaced);
    } catch (RuntimeException e) {
      return new WebhookResponse(503, "quarantine failed; retry", List.of(), List.of(), 0,
          Optional.of(new Rejection(Reason.SINK_FAILED, "quarantine failed: " + e.getClass().getSimpleName())));
    }
    return new WebhookResponse(200, "quarantined 1", List.of(),
        List.of(new QuarantinedEvent(0, again.reason())), 0, Optional.empty());
  }

  private static String describe(RuntimeException e) {
    // domain exceptions promise messages without personal data; others may not, so only their type
    return e instanceof dev.journey.core.JourneyException && e.getMessage() != null
        ? e.getClass().getSimpleName() + ": " + truncate(e.getMessage(), 300)
        : e.getClass().getSimpleName();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  private QuarantinedWebhookEvent record(
      JsonNode event, String id, QuarantinedWebhookEvent.Kind kind, String reason) {
    String text;
    try {
      text = json.writeValueAsString(redact(event));
    } catch (JsonProcessingException e) {
      text = "";
    }
    boolean truncated = text.length() > QuarantinedWebhookEvent.MAX_EVENT_CHARS;
    if (truncated) {
      text = text.substring(0, QuarantinedWebhookEvent.MAX_EVENT_CHARS);
    }
    return new QuarantinedWebhookEvent(id, kind, reason, text, truncated, clock.instant());
  }

  /**
   * A copy without personal data: a {@code propertyValue} survives only for a property the
   * mapping lists, and any string shaped like an email address is replaced.
   */
  private JsonNode redact(JsonNode event) {
    if (event == null) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    JsonNode copy = event.deepCopy();
    redactEmails(copy);
    if (copy.isObject() && copy.has("propertyValue")) {
      ObjectNode o = (ObjectNode) copy;
      JsonNode type = o.path("subscriptionType");
      JsonNode name = o.path("propertyName");
      String object = type.isTextual() && type.asText().indexOf('.') > 0
          ? type.asText().substring(0, type.asText().indexOf('.')) : "";
      boolean safe = name.isTextual() && mapping.forPropertyChange(object, name.asText()).isPresent();
      if (!safe && !o.get("propertyValue").isNull()) {
        o.put("propertyValue", QuarantinedWebhookEvent.REDACTED);
      }
    }
    return copy;
  }

  private static void redactEmails(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode v = o.get(name);
        if (v.isTextual() && EMAIL.matcher(v.asText()).find()) {
          o.put(name, QuarantinedWebhookEvent.REDACTED);
        } else {
          redactEmails(v);
        }
      }
    } else if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        if (v.isTextual() && EMAIL.matcher(v.asText()).find()) {
          a.set(i, a.textNode(QuarantinedWebhookEvent.REDACTED));
        } else {
          redactEmails(v);
        }
      }
    }
  }

  private String invalidId(JsonNode event) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(event));
      StringBuilder s = new StringBuilder("hubspot-invalid:");
      for (int i = 0; i < 16; i++) {
        s.append(String.format(Locale.ROOT, "%02x", digest[i]));
      }
      return s.toString();
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint a webhook event", e);
    }
  }

  private static WebhookResponse reject(int status, Reason reason, String detail) {
    LOG.debug("webhook rejected: {} ({})", reason, detail);
    return new WebhookResponse(
        status, "rejected: " + reason, List.of(), List.of(), 0,
        Optional.of(new Rejection(reason, detail)));
  }

  private Optional<Rejection> checkSignature(WebhookRequest request) {
    Optional<String> v3 = request.header(V3_HEADER);
    if (v3.isPresent()) {
      Optional<String> ts = request.header(TIMESTAMP_HEADER);
      if (ts.isEmpty()) {
        return Optional.of(
            new Rejection(Reason.INVALID_TIMESTAMP, TIMESTAMP_HEADER + " must be present, but was missing"));
      }
      long millis;
      try {
        millis = Long.parseLong(ts.get().trim());
      } catch (NumberFormatException e) {
        return Optional.of(
            new Rejection(
                Reason.INVALID_TIMESTAMP,
                TIMESTAMP_HEADER + " must be epoch milliseconds, but was not a whole number"));
      }
      Instant sent = Instant.ofEpochMilli(millis);
      Instant now = clock.instant();
      if (sent.isBefore(now.minus(maxAge))) {
        return Optional.of(
            new Rejection(
                Reason.STALE_TIMESTAMP,
                "timestamp must be at most " + maxAge + " old, but was " + Duration.between(sent, now)));
      }
      if (sent.isAfter(now.plus(maxFutureSkew))) {
        return Optional.of(
            new Rejection(
                Reason.FUTURE_TIMESTAMP,
                "timestamp must be at most "
                    + maxFutureSkew
                    + " ahead, but was "
                    + Duration.between(now, sent)));
      }
      String expected =
          Signatures.v3(clientSecret, request.method(), request.uri(), request.rawBody(), ts.get());
      return Signatures.constantTimeEquals(expected, v3.get().trim())
          ? Optional.empty()
          : Optional.of(new Rejection(Reason.BAD_SIGNATURE, "v3 signature does not match"));
    }
    Optional<String> legacy = request.header(LEGACY_HEADER);
    String version = request.header(VERSION_HEADER).orElse("v1").trim().toLowerCase(Locale.ROOT);
    if (legacy.isPresent() && ("v1".equals(version) && allowV1 || "v2".equals(version) && allowV2)) {
      String expected =
          "v1".equals(version)
              ? Signatures.v1(clientSecret, request.rawBody())
              : Signatures.v2(clientSecret, request.method(), request.uri(), request.rawBody());
      return Signatures.constantTimeEquals(expected, legacy.get().trim().toLowerCase(Locale.ROOT))
          ? Optional.empty()
          : Optional.of(new Rejection(Reason.BAD_SIGNATURE, version + " signature does not match"));
    }
    String enabled = "v3" + (allowV1 ? ", v1" : "") + (allowV2 ? ", v2" : "");
    String found =
        legacy.isPresent() ? "a " + version + " signature, which is not enabled" : "none";
    return Optional.of(
        new Rejection(
            Reason.MISSING_SIGNATURE,
            "signature must be one of " + enabled + ", but was " + found));
  }

  private static final class EventMapping {
    final Signal signal;
    final String problem;

    EventMapping(Signal signal, String problem) {
      this.signal = signal;
      this.problem = problem;
    }
  }

  private EventMapping mapEvent(JsonNode event) {
    if (event == null || !event.isObject()) {
      return new EventMapping(null, "event must be a JSON object, but was " + kind(event));
    }
    JsonNode typeNode = event.hasNonNull("subscriptionType") ? event.get("subscriptionType") : event.get("eventType");
    if (typeNode == null || !typeNode.isTextual()) {
      return new EventMapping(null, "subscriptionType must be a string, but was " + kind(typeNode));
    }
    String type = typeNode.asText();
    int dot = type.indexOf('.');
    String object = dot > 0 ? type.substring(0, dot) : "";
    String what = dot > 0 ? type.substring(dot + 1) : "";
    String problem = null;
    String subjectField = "objectId";
    if ("associationChange".equals(what)) {
      subjectField = "fromObjectId";
    } else if ("merge".equals(what) && event.has("primaryObjectId")) {
      subjectField = "primaryObjectId";
    }
    String[] names = {"portalId", "subscriptionId", "eventId", subjectField, "occurredAt"};
    long[] values = new long[names.length];
    for (int k = 0; k < names.length && problem == null; k++) {
      JsonNode n = event.get(names[k]);
      Optional<Long> v = wholeNumber(n);
      if (v.isPresent()) {
        values[k] = v.get();
      } else {
        problem = names[k] + " must be a whole number, but was " + kind(n);
      }
    }
    if (problem != null) {
      return new EventMapping(null, problem);
    }
    long portalId = values[0];
    long subscriptionId = values[1];
    long eventId = values[2];
    long objectId = values[3];
    long occurredAt = values[4];
    if (objectId <= 0) {
      return new EventMapping(null, subjectField + " must be > 0, but was " + objectId);
    }
    if (isOwnWrite(event)) {
      ownWritesTotal.incrementAndGet();
      return new EventMapping(null, null);
    }
    Optional<String> signalType;
    String propertyName = null;
    if ("creation".equals(what)) {
      signalType = mapping.forCreation(object);
    } else if ("propertyChange".equals(what)) {
      JsonNode p = event.get("propertyName");
      if (p == null || !p.isTextual()) {
        return new EventMapping(null, "propertyName must be a string, but was " + kind(p));
      }
      propertyName = p.asText();
      if (mapping.owns(object, propertyName)) {
        driftTotal.incrementAndGet();
        signalType = Optional.of(WebhookMapping.OWNED_PROPERTY_DRIFTED);
      } else {
        signalType = mapping.forPropertyChange(object, propertyName);
      }
    } else if (WebhookMapping.LIFECYCLE.contains(what)) {
      signalType = mapping.forLifecycle(object, what);
    } else {
      signalType = Optional.empty();
    }
    if (signalType.isEmpty()) {
      return new EventMapping(null, null);
    }
    ObjectType objectType;
    try {
      objectType = ObjectType.parse(object);
    } catch (RuntimeException e) {
      return new EventMapping(null, "subscriptionType must start with contact, company or deal, but was " + type);
    }
    try {
      Signal.Builder b =
          Signal.builder()
              .id(String.format(
                  Locale.ROOT, "hubspot:%d:%d:%d:%d:%d",
                  portalId, subscriptionId, eventId, objectId, occurredAt))
              .subject(new SubjectRef(objectType, Long.toString(objectId)))
              .type(signalType.get())
              .occurredAt(Instant.ofEpochMilli(occurredAt))
              .source("hubspot")
              .attribute("portalId", portalId)
              .attribute("subscriptionType", type)
              .attribute("subscriptionId", subscriptionId)
              .attribute("eventId", eventId);
      if (propertyName != null) {
        b.attribute("propertyName", propertyName);
        JsonNode value = event.get("propertyValue");
        if (value != null && value.isTextual()
            && (HUBSPOT_REDACTED.equals(value.asText()) || QuarantinedWebhookEvent.REDACTED.equals(value.asText()))) {
          // a sensitive property (or a value redacted in quarantine): never pass a placeholder as a value
          b.attribute("propertyValueRedacted", true);
        } else {
          b.attribute("propertyValue", value == null || value.isNull() ? "" : value.asText());
        }
      }
      if ("merge".equals(what)) {
        List<String> merged = new ArrayList<>();
        for (JsonNode m : event.path("mergedObjectIds")) {
          wholeNumber(m).ifPresent(id -> merged.add(Long.toString(id)));
        }
        if (merged.isEmpty()) {
          return new EventMapping(null, "mergedObjectIds must be a non-empty array of ids, but was "
              + kind(event.get("mergedObjectIds")));
        }
        b.attribute("mergedObjectIds", String.join(",", merged));
        wholeNumber(event.get("newObjectId")).ifPresent(id -> b.attribute("newObjectId", Long.toString(id)));
      }
      if ("associationChange".equals(what)) {
        Optional<Long> to = wholeNumber(event.get("toObjectId"));
        if (to.isEmpty()) {
          return new EventMapping(null, "toObjectId must be a whole number, but was " + kind(event.get("toObjectId")));
        }
        b.attribute("toObjectId", Long.toString(to.get()));
        copyText(event, "associationType", b);
        b.attribute("associationRemoved", event.path("associationRemoved").asBoolean(false));
      }
      if ("privacyDeletion".equals(what)) {
        b.attribute("erase", true);
      }
      copyText(event, "changeSource", b);
      copyText(event, "sourceId", b);
      return new EventMapping(b.build(), null);
    } catch (RuntimeException e) {
      return new EventMapping(null, e.getMessage());
    }
  }

  /** The integration's own write coming back: {@code sourceId} names the configured app. */
  private boolean isOwnWrite(JsonNode event) {
    Optional<String> app = mapping.ownAppId();
    JsonNode source = event.get("sourceId");
    if (app.isEmpty() || source == null || source.isNull() || !source.isValueNode()) {
      return false;
    }
    String id = source.asText();
    return id.equals(app.get()) || id.endsWith(":" + app.get());
  }

  private static Optional<Long> wholeNumber(JsonNode n) {
    if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
      return Optional.of(n.asLong());
    }
    if (n != null && n.isTextual()) {
      try {
        return Optional.of(Long.parseLong(n.asText()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static void copyText(JsonNode event, String field, Signal.Builder b) {
    JsonNode n = event.get(field);
    if (n != null && n.isTextual()) {
      b.attribute(field, n.asText());
    }
  }

  private static String kind(JsonNode n) {
    return n == null ? "missing" : n.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** Prints the configuration, never the secret. */
  @Override
  public String toString() {
    return "WebhookReceiver[v1=" + allowV1 + ", v2=" + allowV2 + ", maxBodyBytes=" + maxBodyBytes + "]";
  }

  /** Configures a {@link WebhookReceiver}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final String clientSecret;
    private final SignalSink sink;
    private WebhookQuarantine quarantine;
    private WebhookMapping mapping = WebhookMapping.ofDefaults();
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxEvents = DEFAULT_MAX_EVENTS;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;
    private boolean allowV1;
    private boolean allowV2;

    Builder(String clientSecret, SignalSink sink) {
      Objects.requireNonNull(clientSecret, "clientSecret");
      if (clientSecret.isBlank()) {
        throw new IllegalArgumentException("clientSecret must not be blank, but was blank");
      }
      this.clientSecret = clientSecret;
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Where events that the mapping or the sink refuses are kept; default an in-memory
     * quarantine of {@link #DEFAULT_QUARANTINE_CAPACITY} events (lost on restart: give a durable
     * one in production).
     */
    public Builder quarantine(WebhookQuarantine quarantine) {
      this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
      return this;
    }

    /** The event mapping; default {@link WebhookMapping#ofDefaults()}. */
    public Builder mapping(WebhookMapping mapping) {
      this.mapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /** The clock timestamps are checked against; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The largest body accepted; default {@link #DEFAULT_MAX_BODY_BYTES}.
     *
     * @throws IllegalArgumentException when below 2
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 2) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 2, but was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * The most events per request; default {@link #DEFAULT_MAX_EVENTS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxEvents(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("maxEvents must be >= 1, but was " + events);
      }
      this.maxEvents = events;
      return this;
    }

    /**
     * The oldest timestamp accepted; default {@link #DEFAULT_MAX_AGE}.
     *
     * @throws IllegalArgumentException when not positive or above 5 minutes
     */
    public Builder maxAge(Duration age) {
      Objects.requireNonNull(age, "age");
      if (age.isNegative() || age.isZero() || age.compareTo(DEFAULT_MAX_AGE) > 0) {
        throw new IllegalArgumentException("maxAge must be > 0 and <= PT5M, but was " + age);
      }
      this.maxAge = age;
      return this;
    }

    /**
     * How far ahead a timestamp may be; default {@link #DEFAULT_MAX_FUTURE_SKEW}.
     *
     * @throws IllegalArgumentException when negative or above 5 minutes
     */
    public Builder maxFutureSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(DEFAULT_MAX_AGE) > 0) {
        throw new IllegalArgumentException("maxFutureSkew must be >= 0 and <= PT5M, but was " + skew);
      }
      this.maxFutureSkew = skew;
      return this;
    }

    /**
     * Also accepts legacy v1 signatures (no timestamp, so no replay protection); default off.
     */
    public Builder allowV1(boolean allow) {
      this.allowV1 = allow;
      return this;
    }

    /**
     * Also accepts legacy v2 signatures (no timestamp, so no replay protection); default off.
     */
    public Builder allowV2(boolean allow) {
      this.allowV2 = allow;
      return this;
    }

    /** Builds the receiver. */
    public WebhookReceiver build() {
      return new WebhookReceiver(this);
    }
  }
}
