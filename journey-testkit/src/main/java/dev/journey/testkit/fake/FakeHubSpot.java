package dev.journey.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-process HubSpot on {@code 127.0.0.1} (ephemeral port) for tests. It implements the
 * endpoints {@code journey-hubspot} calls with HubSpot's request and response shapes, validating
 * what the public specs require, over in-memory CRM state (contacts, companies, deals, tasks, notes, static
 * lists, sequence enrollments, owners, associations). It sends {@code X-HubSpot-RateLimit-*}
 * headers and 429 bodies when its 10-second window or daily cap is exceeded, injects faults (any
 * status, 5xx bursts, 423, "apply then drop the connection", "apply then hold the answer"),
 * records every request, and can send signed (v3) webhook batches.
 *
 * <p>Thread-safe. Time comes from the clock given to {@link Builder#clock}; nothing sleeps except
 * a held response, which waits for {@link HeldResponses#release()} (at most 30 seconds). Loading
 * the class sets {@code sun.net.httpserver.nodelay=true} unless already set, so that loopback
 * answers do not wait for delayed ACKs.
 *
 * <pre>{@code
 * try (FakeHubSpot hubspot = FakeHubSpot.builder().clock(clock).start()) {
 *   hubspot.addContact("101");
 *   hubspot.failNext(3, 503);
 *   HubSpotConfig config = HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
 *       .baseUri(hubspot.baseUri()).clock(clock).build();
 *   ...
 *   assertThat(hubspot.tasks()).hasSize(1);
 * }
 * }</pre>
 */
public final class FakeHubSpot implements AutoCloseable {
  /** The token the fake accepts unless {@link Builder#token} says otherwise. */
  public static final String TOKEN = "fake-hubspot-token";
  /** The portal id the fake reports in webhooks. */
  public static final long PORTAL_ID = 62515;

  private static final Pattern BATCH =
      Pattern.compile("/crm/v3/objects/(contacts|companies|0-3|tasks|notes)/batch/(update|upsert|create)");
  private static final Pattern SEARCH = Pattern.compile("/crm/v3/objects/(contacts|companies|0-3|tasks|notes)/search");
  private static final Pattern OBJECT = Pattern.compile("/crm/v3/objects/(contacts|companies|0-3)/([^/]+)");
  private static final Pattern PROPERTY = Pattern.compile("/crm/v3/properties/([a-z0-9-]+)/([^/]+)");
  private static final Pattern LIST_GET = Pattern.compile("/crm/v3/lists/([0-9]+)");
  private static final Pattern PIPELINE = Pattern.compile("/crm/v3/pipelines/deals/([^/]+)");
  private static final Pattern ASSOC = Pattern.compile("/crm/v4/associations/([a-z0-9-]+)/([a-z0-9-]+)/batch/create");
  private static final Pattern LIST = Pattern.compile("/crm/v3/lists/([0-9]+)/memberships/(add|remove)");
  private static final Pattern OWNER = Pattern.compile("/crm/v3/owners/([^/]+)");
  private static final Pattern ENROLL_GET = Pattern.compile("/automation/v4/sequences/enrollments/contact/([^/]+)");

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits
    // ~40 ms for a delayed ACK on loopback. Only takes effect if no JDK HttpServer started before.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final int windowLimit;
  private final long dailyLimit;
  private volatile String token;

  private final Object lock = new Object();
  private final Map<String, Map<String, Map<String, String>>> objects = new TreeMap<>();
  private final Map<String, Set<String>> uniqueProperties = new TreeMap<>();
  private final Map<String, Set<String>> plainProperties = new TreeMap<>();
  private final Map<String, Instant> createdAt = new java.util.HashMap<>();
  /** type.property -> unique value -> object id, so that an upsert finds its record in O(1). */
  private final Map<String, Map<String, String>> uniqueIndex = new java.util.HashMap<>();
  private final Map<String, List<String>> pipelines = new TreeMap<>();
  private final Duration latency;
  private final Duration searchIndexDelay;
  private final Map<String, Set<String>> lists = new TreeMap<>();
  private final Map<String, Owner> owners = new TreeMap<>();
  private final List<Enrollment> enrollments = new ArrayList<>();
  private final Set<AssociationRecord> associations = new LinkedHashSet<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Deque<Instant> window = new ArrayDeque<>();
  private long usedToday;
  private final AtomicLong nextId = new AtomicLong(90_000_000_000L);
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Object arrivals = new Object();
  private final AtomicLong rateLimited = new AtomicLong();
  private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();

  private FakeHubSpot(Builder b) throws IOException {
    this.clock = b.clock;
    this.windowLimit = b.windowLimit;
    this.dailyLimit = b.dailyLimit;
    this.token = b.token;
    this.latency = b.latency;
    this.searchIndexDelay = b.searchIndexDelay;
    for (String type : List.of("contacts", "companies", "0-3", "tasks", "notes")) {
      objects.put(type, new LinkedHashMap<>());
      uniqueProperties.put(type, new LinkedHashSet<>());
      plainProperties.put(type, new LinkedHashSet<>());
    }
    if (b.uniqueProperty != null) {
      (b.unique ? uniqueProperties : plainProperties).get("tasks").add(b.uniqueProperty);
      (b.unique ? uniqueProperties : plainProperties).get("notes").add(b.uniqueProperty);
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-hubspot");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URI to configure the client with, e.g. {@code http://127.0.0.1:51234}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  // ------------------------------------------------------------------ state

  /** Adds a contact with the given id and properties. */
  public void addContact(String id, Map<String, String> properties) {
    put("contacts", id, properties);
  }

  /** Adds a contact with no properties. */
  public void addContact(String id) {
    addContact(id, Map.of());
  }

  /** Adds a deal. */
  public void addDeal(String id, Map<String, String> properties) {
    put("0-3", id, properties);
  }

  /** Adds a company. */
  public void addCompany(String id, Map<String, String> properties) {
    put("companies", id, properties);
  }

  /** A company's properties, if it exists. */
  public Optional<Map<String, String>> company(String id) {
    return object("companies", id);
  }

  /** Adds a deal pipeline with its stage ids. */
  public void addPipeline(String pipelineId, List<String> stageIds) {
    synchronized (lock) {
      pipelines.put(pipelineId, List.copyOf(stageIds));
    }
  }

  /** Adds an owner whose user can send sequences. */
  public void addOwner(String ownerId, long userId, String email) {
    synchronized (lock) {
      owners.put(ownerId, new Owner(ownerId, userId, email));
    }
  }

  /** Adds an empty static (MANUAL) list. */
  public void addList(String listId) {
    synchronized (lock) {
      lists.put(listId, new LinkedHashSet<>());
    }
  }

  /** A contact's properties, if it exists. */
  public Optional<Map<String, String>> contact(String id) {
    return object("contacts", id);
  }

  /** A deal's properties, if it exists. */
  public Optional<Map<String, String>> deal(String id) {
    return object("0-3", id);
  }

  /** All tasks, id to properties. */
  public Map<String, Map<String, String>> tasks() {
    return all("tasks");
  }

  /** All notes, id to properties. */
  public Map<String, Map<String, String>> notes() {
    return all("notes");
  }

  /** The members of a list. */
  public Set<String> listMembers(String listId) {
    synchronized (lock) {
      Set<String> members = lists.get(listId);
      return members == null ? Set.of() : Set.copyOf(members);
    }
  }

  /** All enrollments, in order. */
  public List<Enrollment> enrollments() {
    synchronized (lock) {
      return List.copyOf(enrollments);
    }
  }

  /** All associations created. */
  public Set<AssociationRecord> associations() {
    synchronized (lock) {
      return Set.copyOf(associations);
    }
  }

  /** Every request received, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Waits (in real time, at most {@code timeout}) until at least {@code count} requests have
   * arrived, e.g. to see that a client has several requests in flight while one is {@link
   * #holdNext held}.
   *
   * @return whether they arrived in time
   */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(arrivals, left);
      }
      return true;
    }
  }

  /** How many requests were answered 429 because the fake's own limits were exceeded. */
  public long rateLimitedCount() {
    return rateLimited.get();
  }

  /** Changes the accepted token (the old one gets 401 from now on). */
  public void acceptToken(String newToken) {
    this.token = Objects.requireNonNull(newToken, "newToken");
  }

  // ------------------------------------------------------------------ faults

  /** Answers the next {@code count} requests with {@code status} and a HubSpot error body, without applying them. */
  public void failNext(int count, int status) {
    failNext(count, status, Map.of(), r -> true);
  }

  /**
   * Answers the next {@code count} requests matching {@code which} with {@code status}, extra
   * headers and a HubSpot error body, without applying them.
   */
  public void failNext(int count, int status, Map<String, String> headers, Predicate<RecordedRequest> which) {
    synchronized (lock) {
      for (int i = 0; i < count; i++) {
        faults.add(new Fault(FaultKind.STATUS, status, null, headers, which));
      }
    }
  }

  /** Answers the next request with a 429 of the given policy ({@code TEN_SECONDLY_ROLLING} or {@code DAILY}). */
  public void rateLimitNext(String policyName, Map<String, String> headers) {
    synchronized (lock) {
      faults.add(new Fault(FaultKind.STATUS, 429, policyName, headers, r -> true));
    }
  }

  /** Applies the next request matching {@code which}, then closes the connection without an answer. */
  public void dropAfterApplyNext(Predicate<RecordedRequest> which) {
    synchronized (lock) {
      faults.add(new Fault(FaultKind.DROP_AFTER_APPLY, 0, null, Map.of(), which));
    }
  }

  /**
   * Applies the next request matching {@code which} but holds its answer until {@link
   * HeldResponses#release()}: with a short client timeout this is the deterministic "timeout
   * after the write happened" case.
   */
  public HeldResponses holdNext(Predicate<RecordedRequest> which) {
    CountDownLatch latch = new CountDownLatch(1);
    held.add(latch);
    synchronized (lock) {
      faults.add(new Fault(FaultKind.HOLD, 0, null, Map.of(), which, latch));
    }
    return latch::countDown;
  }

  /** Releases responses held by {@link #holdNext}. */
  @FunctionalInterface
  public interface HeldResponses {
    /** Lets the held answer go. */
    void release();
  }

  // ------------------------------------------------------------------ webhooks

  /**
   * POSTs a v3-signed batch of events to {@code target}, with the fake's clock as the timestamp.
   *
   * @param target the receiver's public URL (loopback in tests)
   * @param clientSecret the app secret to sign with
   * @param events the events, as JSON-compatible maps
   * @return the HTTP status the receiver answered
   */
  public int sendWebhook(URI target, String clientSecret, List<Map<String, Object>> events)
      throws IOException, InterruptedException {
    byte[] body = json.writeValueAsBytes(events);
    String timestamp = Long.toString(clock.millis());
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("X-HubSpot-Signature-v3", signV3(clientSecret, "POST", target.toString(), body, timestamp))
        .header("X-HubSpot-Request-Timestamp", timestamp)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static final String[][] V3_DECODED = {
    {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"},
    {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}
  };

  /**
   * Computes an {@code X-HubSpot-Signature-v3} value: the URI with HubSpot's twelve listed
   * percent-encodings decoded (either hex case), as HubSpot signs it. {@code journey-hubspot}'s
   * tests check that this agrees with the adapter's own verification for any URI.
   */
  public static String signV3(String secret, String method, String uri, byte[] body, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String decoded = decodeV3(uri);
      mac.update((method + decoded).getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String decodeV3(String uri) {
    StringBuilder out = new StringBuilder(uri.length());
    int i = 0;
    while (i < uri.length()) {
      char c = uri.charAt(i);
      String replacement = null;
      if (c == '%' && i + 2 < uri.length()) {
        String code = uri.substring(i, i + 3).toUpperCase(Locale.ROOT);
        for (String[] pair : V3_DECODED) {
          if (pair[0].equals(code)) {
            replacement = pair[1];
          }
        }
      }
      if (replacement != null) {
        out.append(replacement);
        i += 3;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** A creation event in HubSpot's webhook shape. */
  public static Map<String, Object> creationEvent(String objectType, long eventId, long objectId, Instant at) {
    Map<String, Object> e = baseEvent(objectType + ".creation", eventId, objectId, at);
    e.put("changeFlag", "NEW");
    return e;
  }

  /** A property-change event in HubSpot's webhook shape. */
  public static Map<String, Object> propertyChangeEvent(
      String objectType, long eventId, long objectId, Instant at, String property, String value) {
    Map<String, Object> e = baseEvent(objectType + ".propertyChange", eventId, objectId, at);
    e.put("propertyName", property);
    e.put("propertyValue", value);
    return e;
  }

  private static Map<String, Object> baseEvent(String type, long eventId, long objectId, Instant at) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("eventId", eventId);
    e.put("subscriptionId", 12345);
    e.put("portalId", PORTAL_ID);
    e.put("appId", 54321);
    e.put("occurredAt", at.toEpochMilli());
    e.put("subscriptionType", type);
    e.put("attemptNumber", 0);
    e.put("objectId", objectId);
    e.put("changeSource", "CRM");
    return e;
  }

  @Override
  public void close() {
    held.forEach(CountDownLatch::countDown);
    server.stop(0);
    threads.shutdownNow();
  }

  // ------------------------------------------------------------------ records

  /**
   * One request as received.
   *
   * @param method the HTTP method
   * @param path the path
   * @param query the raw query, empty if none
   * @param body the body as UTF-8 text
   * @param at when it arrived, by the fake's clock
   */
  public record RecordedRequest(String method, String path, String query, String body, Instant at) {
    /** {@code method + " " + path}, e.g. {@code POST /crm/v3/objects/tasks/batch/upsert}. */
    public String operation() {
      return method + " " + path;
    }
  }

  /**
   * A sequence enrollment.
   *
   * @param contactId the contact
   * @param sequenceId the sequence
   * @param userId the enrolling user ({@code userId} query parameter)
   * @param senderEmail the sender's email
   */
  public record Enrollment(String contactId, String sequenceId, String userId, String senderEmail) {}

  /**
   * An association.
   *
   * @param fromType e.g. {@code tasks}
   * @param fromId the from-object id
   * @param toType e.g. {@code contacts}
   * @param toId the to-object id
   * @param typeId the association type id, e.g. 204
   */
  public record AssociationRecord(String fromType, String fromId, String toType, String toId, int typeId) {}

  private record Owner(String id, long userId, String email) {}

  private enum FaultKind {
    STATUS,
    DROP_AFTER_APPLY,
    HOLD
  }

  private static final class Fault {
    final FaultKind kind;
    final int status;
    final String policy;
    final Map<String, String> headers;
    final Predicate<RecordedRequest> which;
    final CountDownLatch latch;

    Fault(FaultKind kind, int status, String policy, Map<String, String> headers, Predicate<RecordedRequest> which) {
      this(kind, status, policy, headers, which, null);
    }

    Fault(FaultKind kind, int status, String policy, Map<String, String> headers,
        Predicate<RecordedRequest> which, CountDownLatch latch) {
      this.kind = kind;
      this.status = status;
      this.policy = policy;
      this.headers = Map.copyOf(headers);
      this.which = which;
      this.latch = latch;
    }
  }

  /** The answer to a request: status, JSON body, extra headers. */
  private static final class Answer {
    final int status;
    final JsonNode body;

    Answer(int status, JsonNode body) {
      this.status = status;
      this.body = body;
    }
  }

  // ------------------------------------------------------------------ serving

  private void serve(HttpExchange exchange) throws IOException {
    try {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      URI uri = exchange.getRequestURI();
      RecordedRequest request = new RecordedRequest(
          exchange.getRequestMethod(), uri.getRawPath(),
          uri.getRawQuery() == null ? "" : uri.getRawQuery(),
          new String(raw, StandardCharsets.UTF_8), clock.instant());
      requests.add(request);
      synchronized (arrivals) {
        arrivals.notifyAll();
      }

      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.equals("Bearer " + token)) {
        respond(exchange, 401, error("INVALID_AUTHENTICATION", "Authentication credentials not found."), Map.of());
        return;
      }
      Fault fault = takeFault(request);
      if (fault != null && fault.kind == FaultKind.STATUS) {
        JsonNode body = fault.status == 429
            ? rateLimitBody(fault.policy == null ? "TEN_SECONDLY_ROLLING" : fault.policy)
            : error(fault.status == 423 ? "LOCKED" : fault.status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR",
                "injected fault " + fault.status);
        respond(exchange, fault.status, body, fault.headers);
        return;
      }
      Map<String, String> limitHeaders = new LinkedHashMap<>();
      if (!admit(request.at(), limitHeaders)) {
        rateLimited.incrementAndGet();
        respond(exchange, 429, rateLimitBody(usedToday > dailyLimit && dailyLimit > 0 ? "DAILY" : "TEN_SECONDLY_ROLLING"),
            limitHeaders);
        return;
      }
      Answer answer;
      try {
        answer = route(request, raw, uri);
      } catch (BadRequest e) {
        answer = new Answer(e.status, error(e.category, e.getMessage()));
      }
      if (fault != null && fault.kind == FaultKind.DROP_AFTER_APPLY) {
        exchange.close(); // no headers sent: the connection is closed without an answer
        return;
      }
      if (fault != null && fault.kind == FaultKind.HOLD) {
        try {
          fault.latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency.toMillis()); // real time by design: only hand-run harnesses set a latency
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      respond(exchange, answer.status, answer.body, limitHeaders);
    } catch (RuntimeException e) {
      respond(exchange, 500, error("INTERNAL_ERROR", "fake failed: " + e), Map.of());
    }
  }

  private Fault takeFault(RecordedRequest request) {
    synchronized (lock) {
      for (var it = faults.iterator(); it.hasNext(); ) {
        Fault f = it.next();
        if (f.which.test(request)) {
          it.remove();
          return f;
        }
      }
      return null;
    }
  }

  private boolean admit(Instant now, Map<String, String> headers) {
    synchronized (lock) {
      while (!window.isEmpty() && !window.peekFirst().isAfter(now.minusSeconds(10))) {
        window.pollFirst();
      }
      boolean ok = window.size() < windowLimit && (dailyLimit == 0 || usedToday < dailyLimit);
      if (ok) {
        window.addLast(now);
        usedToday++;
      } else if (dailyLimit > 0 && usedToday >= dailyLimit) {
        usedToday = dailyLimit + 1;
      }
      headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
      headers.put("X-HubSpot-RateLimit-Max", Integer.toString(windowLimit));
      headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, windowLimit - window.size())));
      if (dailyLimit > 0) {
        headers.put("X-HubSpot-RateLimit-Daily", Long.toString(dailyLimit));
        headers.put("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, dailyLimit - usedToday)));
      }
      return ok;
    }
  }

  private Answer route(RecordedRequest r, byte[] raw, URI uri) throws IOException {
    String m = r.method();
    String path = r.path();
    Matcher x;
    if (m.equals("POST") && (x = BATCH.matcher(path)).matches()) {
      switch (x.group(2)) {
        case "update":
          return batchUpdate(x.group(1), body(raw));
        case "create":
          return batchCreate(x.group(1), body(raw));
        default:
          return batchUpsert(x.group(1), body(raw));
      }
    }
    if (m.equals("POST") && (x = SEARCH.matcher(path)).matches()) {
      return search(x.group(1), body(raw));
    }
    if (m.equals("GET") && (x = PROPERTY.matcher(path)).matches()) {
      return property(normal(x.group(1)), x.group(2));
    }
    if (m.equals("GET") && (x = LIST_GET.matcher(path)).matches()) {
      return listOf(x.group(1));
    }
    if (m.equals("GET") && (x = PIPELINE.matcher(path)).matches()) {
      return pipeline(x.group(1));
    }
    if (m.equals("POST") && (x = ASSOC.matcher(path)).matches()) {
      return associate(x.group(1), x.group(2), body(raw));
    }
    if (m.equals("PUT") && (x = LIST.matcher(path)).matches()) {
      return membership(x.group(1), x.group(2).equals("add"), body(raw));
    }
    if (m.equals("POST") && path.equals("/automation/v4/sequences/enrollments")) {
      return enroll(query(uri).get("userId"), body(raw));
    }
    if (m.equals("GET") && (x = ENROLL_GET.matcher(path)).matches()) {
      return enrollmentOf(x.group(1));
    }
    if (m.equals("GET") && (x = OWNER.matcher(path)).matches()) {
      return owner(x.group(1));
    }
    if (m.equals("GET") && (x = OBJECT.matcher(path)).matches()) {
      return getObject(x.group(1), x.group(2));
    }
    throw new BadRequest(404, "OBJECT_NOT_FOUND", "no fake endpoint for " + m + " " + path);
  }

  private Answer batchUpdate(String type, JsonNode body) {
    ArrayNode inputs = inputs(body);
    synchronized (lock) {
      Map<String, Map<String, String>> store = objects.get(type);
      ArrayNode results = json.createArrayNode();
      ArrayNode errors = json.createArrayNode();
      Set<String> seen = new LinkedHashSet<>();
      for (JsonNode input : inputs) {
        String id = requiredText(input, "id");
        Map<String, String> props = properties(input);
        if (!seen.add(id)) {
          throw new BadRequest(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input: [" + id + "]");
        }
        Map<String, String> target = store.get(id);
        if (target == null) {
          ObjectNode e = error("OBJECT_NOT_FOUND", "Object not found. objectId are usually numeric.");
          e.put("status", "error");
          e.putObject("context").putArray("ids").add(id);
          errors.add(e);
          continue;
        }
        target.putAll(props);
        results.add(simpleObject(id, target, null, null));
      }
      return batchAnswer(results, errors);
    }
  }

  private Answer batchUpsert(String type, JsonNode body) {
    ArrayNode inputs = inputs(body);
    synchronized (lock) {
      Map<String, Map<String, String>> store = objects.get(type);
      ArrayNode results = json.createArrayNode();
      for (JsonNode input : inputs) {
        String id = requiredText(input, "id");
        String idProperty = input.hasNonNull("idProperty") ? input.get("idProperty").asText() : "hs_object_id";
        Map<String, String> props = properties(input);
        String trace = input.hasNonNull("objectWriteTraceId") ? input.get("objectWriteTraceId").asText() : null;
        if (!idProperty.equals("hs_object_id") && !uniqueProperties.get(type).contains(idProperty)) {
          throw new BadRequest(400, "VALIDATION_ERROR",
              "Property " + idProperty + " is not a unique identifier property of " + type);
        }
        String existing = idProperty.equals("hs_object_id")
            ? (store.containsKey(id) ? id : null)
            : uniqueIndex.computeIfAbsent(type + "." + idProperty, k -> new java.util.HashMap<>()).get(id);
        boolean created = existing == null;
        if (created) {
          if ((type.equals("tasks") || type.equals("notes")) && !props.containsKey("hs_timestamp")) {
            throw new BadRequest(400, "VALIDATION_ERROR", "hs_timestamp is required to create " + type);
          }
          existing = Long.toString(nextId.incrementAndGet());
          createdAt.put(type + "/" + existing, clock.instant());
          Map<String, String> fresh = new LinkedHashMap<>();
          if (!idProperty.equals("hs_object_id")) {
            fresh.put(idProperty, id);
          }
          store.put(existing, fresh);
        }
        store.get(existing).putAll(props);
        for (String unique : uniqueProperties.get(type)) {
          String value = store.get(existing).get(unique);
          if (value != null) {
            uniqueIndex.computeIfAbsent(type + "." + unique, k -> new java.util.HashMap<>()).put(value, existing);
          }
        }
        ObjectNode o = simpleObject(existing, store.get(existing), trace, created);
        results.add(o);
      }
      return batchAnswer(results, json.createArrayNode());
    }
  }

  private Answer batchCreate(String type, JsonNode body) {
    if (!type.equals("tasks") && !type.equals("notes")) {
      throw new BadRequest(400, "VALIDATION_ERROR", "this fake creates only tasks and notes");
    }
    ArrayNode inputs = inputs(body);
    synchronized (lock) {
      Map<String, Map<String, String>> store = objects.get(type);
      ArrayNode results = json.createArrayNode();
      for (JsonNode input : inputs) {
        Map<String, String> props = properties(input);
        if (!props.containsKey("hs_timestamp")) {
          throw new BadRequest(400, "VALIDATION_ERROR", "hs_timestamp is required to create " + type);
        }
        String trace = input.hasNonNull("objectWriteTraceId") ? input.get("objectWriteTraceId").asText() : null;
        String id = Long.toString(nextId.incrementAndGet());
        store.put(id, new LinkedHashMap<>(props));
        createdAt.put(type + "/" + id, clock.instant());
        results.add(simpleObject(id, store.get(id), trace, null));
      }
      ObjectNode out = (ObjectNode) batchAnswer(results, json.createArrayNode()).body;
      return new Answer(201, out);
    }
  }

  /** CRM search with one filter group of EQ/IN filters; objects are found only after the index delay. */
  private Answer search(String type, JsonNode body) {
    JsonNode groups = body.path("filterGroups");
    if (!groups.isArray() || groups.size() != 1) {
      throw new BadRequest(400, "VALIDATION_ERROR", "this fake supports exactly one filter group");
    }
    synchronized (lock) {
      Instant indexed = clock.instant().minus(searchIndexDelay);
      ArrayNode results = json.createArrayNode();
      for (Map.Entry<String, Map<String, String>> e : objects.get(type).entrySet()) {
        Instant made = createdAt.getOrDefault(type + "/" + e.getKey(), Instant.MIN);
        if (made.isAfter(indexed)) {
          continue;
        }
        boolean all = true;
        for (JsonNode f : groups.get(0).path("filters")) {
          String value = e.getValue().get(requiredText(f, "propertyName"));
          String op = requiredText(f, "operator");
          boolean match;
          if (op.equals("EQ")) {
            match = f.path("value").asText().equals(value);
          } else if (op.equals("IN")) {
            match = false;
            for (JsonNode v : f.path("values")) {
              match |= v.asText().equals(value);
            }
          } else {
            throw new BadRequest(400, "VALIDATION_ERROR", "this fake supports EQ and IN, not " + op);
          }
          all &= match;
        }
        if (all && results.size() < Math.max(1, Math.min(200, body.path("limit").asInt(10)))) {
          results.add(simpleObject(e.getKey(), e.getValue(), null, null));
        }
      }
      ObjectNode out = json.createObjectNode();
      out.put("total", results.size());
      out.set("results", results);
      return new Answer(200, out);
    }
  }

  private Answer property(String type, String name) {
    synchronized (lock) {
      boolean unique = uniqueProperties.getOrDefault(type, Set.of()).contains(name);
      boolean plain = plainProperties.getOrDefault(type, Set.of()).contains(name);
      if (!unique && !plain) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "Unable to find property " + name + " on " + type);
      }
      ObjectNode o = json.createObjectNode();
      o.put("name", name);
      o.put("label", name);
      o.put("type", "string");
      o.put("fieldType", "text");
      o.put("groupName", "journey");
      o.put("hasUniqueValue", unique);
      return new Answer(200, o);
    }
  }

  private Answer listOf(String listId) {
    synchronized (lock) {
      if (!lists.containsKey(listId)) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "List " + listId + " does not exist");
      }
      ObjectNode o = json.createObjectNode();
      ObjectNode list = o.putObject("list");
      list.put("listId", listId);
      list.put("processingType", "MANUAL");
      list.put("objectTypeId", "0-1");
      list.put("name", "list " + listId);
      return new Answer(200, o);
    }
  }

  private Answer pipeline(String pipelineId) {
    synchronized (lock) {
      List<String> stages = pipelines.get(pipelineId);
      if (stages == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "pipeline " + pipelineId + " does not exist");
      }
      ObjectNode o = json.createObjectNode();
      o.put("id", pipelineId);
      o.put("label", pipelineId);
      ArrayNode a = o.putArray("stages");
      for (String stage : stages) {
        a.addObject().put("id", stage).put("label", stage);
      }
      return new Answer(200, o);
    }
  }

  private Answer associate(String fromType, String toType, JsonNode body) {
    ArrayNode inputs = inputs(body);
    synchronized (lock) {
      ArrayNode results = json.createArrayNode();
      ArrayNode errors = json.createArrayNode();
      for (JsonNode input : inputs) {
        String from = requiredText(input.path("from"), "id");
        String to = requiredText(input.path("to"), "id");
        JsonNode types = input.get("types");
        if (types == null || !types.isArray() || types.isEmpty()) {
          throw new BadRequest(400, "VALIDATION_ERROR", "types is required");
        }
        Map<String, Map<String, String>> fromStore = objects.get(normal(fromType));
        Map<String, Map<String, String>> toStore = objects.get(normal(toType));
        if (fromStore == null || toStore == null) {
          throw new BadRequest(400, "VALIDATION_ERROR", "unknown object type " + fromType + " or " + toType);
        }
        if (!fromStore.containsKey(from) || !toStore.containsKey(to)) {
          ObjectNode e = error("OBJECT_NOT_FOUND", "No object with id " + (fromStore.containsKey(from) ? to : from));
          e.putObject("context").putArray("ids").add(fromStore.containsKey(from) ? to : from);
          errors.add(e);
          continue;
        }
        for (JsonNode t : types) {
          String category = requiredText(t, "associationCategory");
          if (!Set.of("HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK").contains(category)) {
            throw new BadRequest(400, "VALIDATION_ERROR", "bad associationCategory " + category);
          }
          if (!t.path("associationTypeId").isInt()) {
            throw new BadRequest(400, "VALIDATION_ERROR", "associationTypeId must be an integer");
          }
          associations.add(new AssociationRecord(normal(fromType), from, normal(toType), to, t.get("associationTypeId").asInt()));
        }
        ObjectNode o = json.createObjectNode();
        o.put("fromObjectTypeId", fromType);
        o.put("fromObjectId", from);
        o.put("toObjectTypeId", toType);
        o.put("toObjectId", to);
        o.putArray("labels");
        results.add(o);
      }
      Answer a = batchAnswer(results, errors);
      return a.status == 200 ? new Answer(201, a.body) : a;
    }
  }

  private Answer membership(String listId, boolean add, JsonNode body) {
    if (body == null || !body.isArray()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "body must be an array of record ids");
    }
    synchronized (lock) {
      Set<String> members = lists.get(listId);
      if (members == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "List " + listId + " does not exist");
      }
      ObjectNode out = json.createObjectNode();
      ArrayNode added = out.putArray("recordsIdsAdded");
      ArrayNode removed = out.putArray("recordIdsRemoved");
      ArrayNode missing = out.putArray("recordIdsMissing");
      for (JsonNode id : body) {
        if (!id.isTextual()) {
          throw new BadRequest(400, "VALIDATION_ERROR", "record ids must be strings");
        }
        String rid = id.asText();
        if (!objects.get("contacts").containsKey(rid)) {
          missing.add(rid);
        } else if (add && members.add(rid)) {
          added.add(rid);
        } else if (!add && members.remove(rid)) {
          removed.add(rid);
        }
      }
      return new Answer(200, out);
    }
  }

  private Answer enroll(String userId, JsonNode body) {
    if (userId == null || userId.isEmpty()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "userId query parameter is required");
    }
    String contactId = requiredText(body, "contactId");
    String sequenceId = requiredText(body, "sequenceId");
    String senderEmail = requiredText(body, "senderEmail");
    synchronized (lock) {
      if (!objects.get("contacts").containsKey(contactId)) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "contact " + contactId + " not found");
      }
      for (Enrollment e : enrollments) {
        if (e.contactId().equals(contactId)) {
          throw new BadRequest(400, "VALIDATION_ERROR", "contact is already enrolled in a sequence");
        }
      }
      enrollments.add(new Enrollment(contactId, sequenceId, userId, senderEmail));
      ObjectNode o = json.createObjectNode();
      o.put("id", Long.toString(nextId.incrementAndGet()));
      o.put("toEmail", objects.get("contacts").get(contactId).getOrDefault("email", ""));
      o.put("enrolledAt", clock.instant().toString());
      o.put("updatedAt", clock.instant().toString());
      return new Answer(200, o);
    }
  }

  private Answer enrollmentOf(String contactId) {
    synchronized (lock) {
      for (Enrollment e : enrollments) {
        if (e.contactId().equals(contactId)) {
          ObjectNode o = json.createObjectNode();
          o.put("id", "enr-" + contactId);
          o.put("sequenceId", e.sequenceId());
          o.put("sequenceName", "sequence " + e.sequenceId());
          o.put("enrolledBy", e.userId());
          o.put("enrolledByEmail", e.senderEmail());
          o.put("toEmail", "");
          o.put("enrolledAt", clock.instant().toString());
          o.put("updatedAt", clock.instant().toString());
          return new Answer(200, o);
        }
      }
      throw new BadRequest(404, "OBJECT_NOT_FOUND", "contact " + contactId + " is not enrolled");
    }
  }

  private Answer owner(String id) {
    synchronized (lock) {
      Owner o = owners.get(id);
      if (o == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "owner " + id + " not found");
      }
      ObjectNode n = json.createObjectNode();
      n.put("id", o.id());
      n.put("email", o.email());
      n.put("userId", o.userId());
      n.put("userIdIncludingInactive", o.userId());
      n.put("type", "PERSON");
      n.put("archived", false);
      n.putArray("teams");
      n.put("createdAt", clock.instant().toString());
      n.put("updatedAt", clock.instant().toString());
      return new Answer(200, n);
    }
  }

  private Answer getObject(String type, String id) {
    synchronized (lock) {
      Map<String, String> o = objects.get(type).get(id);
      if (o == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "Object not found");
      }
      return new Answer(200, simpleObject(id, o, null, null));
    }
  }

  // ------------------------------------------------------------------ helpers

  private ObjectNode simpleObject(String id, Map<String, String> props, String trace, Boolean created) {
    ObjectNode o = json.createObjectNode();
    o.put("id", id);
    ObjectNode p = o.putObject("properties");
    props.forEach(p::put);
    p.put("hs_object_id", id);
    o.put("createdAt", clock.instant().toString());
    o.put("updatedAt", clock.instant().toString());
    o.put("archived", false);
    if (created != null) {
      o.put("new", created.booleanValue());
    }
    if (trace != null) {
      o.put("objectWriteTraceId", trace);
    }
    return o;
  }

  private Answer batchAnswer(ArrayNode results, ArrayNode errors) {
    ObjectNode out = json.createObjectNode();
    out.put("status", "COMPLETE");
    out.set("results", results);
    out.put("startedAt", clock.instant().toString());
    out.put("completedAt", clock.instant().toString());
    if (errors.isEmpty()) {
      return new Answer(200, out);
    }
    out.set("errors", errors);
    out.put("numErrors", errors.size());
    return new Answer(207, out);
  }

  private ArrayNode inputs(JsonNode body) {
    JsonNode inputs = body == null ? null : body.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "inputs is required and must be an array");
    }
    if (inputs.size() > 100) {
      throw new BadRequest(400, "VALIDATION_ERROR", "at most 100 inputs, but got " + inputs.size());
    }
    return (ArrayNode) inputs;
  }

  private static Map<String, String> properties(JsonNode input) {
    JsonNode props = input.get("properties");
    if (props == null || !props.isObject()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "properties is required and must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : props.properties()) {
      if (!f.getValue().isTextual()) {
        throw new BadRequest(400, "VALIDATION_ERROR", "property " + f.getKey() + " must be a string");
      }
      out.put(f.getKey(), f.getValue().asText());
    }
    return out;
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new BadRequest(400, "VALIDATION_ERROR", field + " is required and must be a string");
    }
    return v.asText();
  }

  private JsonNode body(byte[] raw) throws IOException {
    if (raw.length == 0) {
      throw new BadRequest(400, "VALIDATION_ERROR", "a JSON body is required");
    }
    return json.readTree(raw);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String normal(String type) {
    switch (type) {
      case "deals":
      case "deal":
      case "0-3":
        return "0-3";
      case "contact":
      case "0-1":
        return "contacts";
      case "company":
      case "0-2":
        return "companies";
      case "task":
        return "tasks";
      case "note":
        return "notes";
      default:
        return type;
    }
  }

  private ObjectNode error(String category, String message) {
    ObjectNode e = json.createObjectNode();
    e.put("status", "error");
    e.put("message", message);
    e.put("correlationId", "00000000-0000-4000-8000-" + String.format(Locale.ROOT, "%012d", requests.size()));
    e.put("category", category);
    return e;
  }

  private ObjectNode rateLimitBody(String policy) {
    ObjectNode e = json.createObjectNode();
    e.put("status", "error");
    e.put("message", "You have reached your " + policy.toLowerCase(Locale.ROOT) + " limit.");
    e.put("errorType", "RATE_LIMIT");
    e.put("correlationId", "00000000-0000-4000-8000-000000000429");
    e.put("policyName", policy);
    e.put("requestId", "req-" + requests.size());
    return e;
  }

  private void respond(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void put(String type, String id, Map<String, String> properties) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      objects.get(type).put(id, new LinkedHashMap<>(properties));
    }
  }

  private Optional<Map<String, String>> object(String type, String id) {
    synchronized (lock) {
      Map<String, String> o = objects.get(type).get(id);
      return o == null ? Optional.empty() : Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(o)));
    }
  }

  private Map<String, Map<String, String>> all(String type) {
    synchronized (lock) {
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      objects.get(type).forEach((k, v) -> out.put(k, Map.copyOf(v)));
      return Collections.unmodifiableMap(out);
    }
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String category;

    BadRequest(int status, String category, String message) {
      super(message);
      this.status = status;
      this.category = category;
    }
  }

  /** Configures a {@link FakeHubSpot}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int windowLimit = 100;
    private long dailyLimit = 250_000;
    private String token = TOKEN;
    private String uniqueProperty = "journey_action_id";
    private boolean unique = true;
    private Duration latency = Duration.ZERO;
    private Duration searchIndexDelay = Duration.ZERO;

    Builder() {}

    /**
     * The action id property exists on tasks and notes but is not unique (a portal that cannot
     * have a unique property): upserts on it fail, plain creates and searches work.
     */
    public Builder plainActionIdProperty(String name) {
      this.uniqueProperty = Objects.requireNonNull(name, "name");
      this.unique = false;
      return this;
    }

    /** Tasks and notes have no action id property at all. */
    public Builder noActionIdProperty() {
      this.uniqueProperty = null;
      return this;
    }

    /**
     * Holds every answer this long in real time before sending it, like HubSpot's 100-300 ms;
     * default none. Only for hand-run harnesses: tests never wait in real time.
     *
     * @throws IllegalArgumentException when negative or above 5 seconds
     */
    public Builder latency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative() || latency.compareTo(Duration.ofSeconds(5)) > 0) {
        throw new IllegalArgumentException("latency must be within [PT0S, PT5S], but was " + latency);
      }
      this.latency = latency;
      return this;
    }

    /**
     * How long after its creation (by the fake's clock) a task or note becomes visible to CRM
     * search; default zero.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder searchIndexDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("searchIndexDelay must be >= 0, but was " + delay);
      }
      this.searchIndexDelay = delay;
      return this;
    }

    /** The clock for rate windows and timestamps; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The limits the fake enforces (and reports in headers); default 100 per 10 s, 250,000 per day.
     *
     * @throws IllegalArgumentException when {@code perTenSeconds < 1} or {@code perDay < 0}
     */
    public Builder rateLimit(int perTenSeconds, long perDay) {
      if (perTenSeconds < 1) {
        throw new IllegalArgumentException("perTenSeconds must be >= 1, but was " + perTenSeconds);
      }
      if (perDay < 0) {
        throw new IllegalArgumentException("perDay must be >= 0, but was " + perDay);
      }
      this.windowLimit = perTenSeconds;
      this.dailyLimit = perDay;
      return this;
    }

    /** The bearer token accepted; default {@link #TOKEN}. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** The unique custom property on tasks and notes; default {@code journey_action_id}. */
    public Builder uniqueProperty(String name) {
      this.uniqueProperty = Objects.requireNonNull(name, "name");
      this.unique = true;
      return this;
    }

    /**
     * Starts the server on an ephemeral loopback port.
     *
     * @throws IOException when the server cannot bind
     */
    public FakeHubSpot start() throws IOException {
      return new FakeHubSpot(this);
    }
  }
}
