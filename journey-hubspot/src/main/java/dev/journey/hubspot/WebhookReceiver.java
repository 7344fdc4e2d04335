package dev.journey.hubspot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.hubspot.WebhookResponse.Reason;
import dev.journey.hubspot.WebhookResponse.Rejection;
import dev.journey.hubspot.internal.Signatures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns HubSpot webhook requests into journey {@link Signal signals}: checks the body size,
 * validates the signature (v3 by default; v1/v2 only when enabled), parses the batch under strict
 * read limits, maps each event through a {@link WebhookMapping}, hands the signals to a {@link
 * SignalSink} and says what to answer. Usable from any HTTP framework; {@link
 * WebhookHttpHandler} adapts it to the JDK HTTP server.
 *
 * <p>A malformed body is rejected as a whole. Inside a valid batch an invalid event is quarantined
 * with its reason while the others are accepted; events the mapping does not cover are counted
 * and ignored. The answer is 2xx only after the sink accepted every signal, so a failure makes
 * HubSpot redeliver and the sink deduplicates by the stable signal id {@code
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

  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  private final String clientSecret;
  private final SignalSink sink;
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

  private WebhookReceiver(Builder b) {
    this.clientSecret = b.clientSecret;
    this.sink = b.sink;
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
    List<Signal> signals = new ArrayList<>();
    List<QuarantinedEvent> quarantined = new ArrayList<>();
    int ignored = 0;
    for (int i = 0; i < root.size(); i++) {
      EventMapping outcome = mapEvent(root.get(i));
      if (outcome.signal != null) {
        signals.add(outcome.signal);
      } else if (outcome.problem != null) {
        quarantined.add(new QuarantinedEvent(i, outcome.problem));
        LOG.debug("webhook event {} quarantined: {}", i, outcome.problem);
      } else {
        ignored++;
      }
    }
    ignoredTotal.addAndGet(ignored);
    for (Signal signal : signals) {
      try {
        sink.accept(signal);
      } catch (RuntimeException e) {
        LOG.warn("signal sink failed for {}; answering 503 so that HubSpot redelivers", signal.id(), e);
        return new WebhookResponse(
            503,
            "signal sink failed; retry",
            List.of(),
            quarantined,
            ignored,
            Optional.of(
                new Rejection(
                    Reason.SINK_FAILED, e.getClass().getSimpleName() + " for " + signal.id())));
      }
    }
    return new WebhookResponse(204, "", signals, quarantined, ignored, Optional.empty());
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
    String[] names = {"portalId", "subscriptionId", "eventId", "objectId", "occurredAt"};
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
      return new EventMapping(null, "objectId must be > 0, but was " + objectId);
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
      signalType = mapping.forPropertyChange(object, propertyName);
    } else {
      signalType = Optional.empty();
    }
    if (signalType.isEmpty()) {
      return new EventMapping(null, null);
    }
    ObjectType objectType = ObjectType.parse(object);
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
        b.attribute("propertyValue", value == null || value.isNull() ? "" : value.asText());
      }
      copyText(event, "changeSource", b);
      copyText(event, "sourceId", b);
      return new EventMapping(b.build(), null);
    } catch (RuntimeException e) {
      return new EventMapping(null, e.getMessage());
    }
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
