package dev.journey.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An in-process HubSpot on {@code 127.0.0.1} (ephemeral port) for tests. It implements the
 * endpoints {@code journey-hubspot} calls with HubSpot's request and response shapes, validating
 * what the public specs require, over in-memory CRM state (contacts, companies, deals, tasks, notes, static
 * lists, sequence enrollments, owners, associations). It sends {@code X-HubSpot-RateLimit-*}
 * headers and 429 bodies when its 10-second window or daily cap is exceeded, injects faults (any
 * status, 5xx bursts, 423, "apply then drop the connection", "apply then hold the answer"),
 * records every request, and can send signed (v3) webhook batches.
 *
 * <p>This class is the server and the public face; the CRM data lives in {@code CrmState}, the
 * endpoints in {@code CrmRoutes}, the injected faults in {@code Faults} and the webhook side in
 * {@code WebhookClient} (package-private).
 *
 * <p>Thread-safe. Time comes from the clock given to {@link Builder#clock}; nothing sleeps except
 * a held response, which waits for {@link HeldResponses#release()} (at most 30 seconds), and the
 * real-time {@link Builder#latency} a hand-run harness may set. Loading
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
  private final Duration latency;

  private final CrmState crm;
  private final CrmRoutes routes;
  private final Faults faults = new Faults();
  private final Object lock = new Object(); // guards the rate window
  private final Deque<Instant> window = new ArrayDeque<>();
  private long usedToday;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Object arrivals = new Object();
  private final AtomicLong rateLimited = new AtomicLong();

  private FakeHubSpot(Builder b) throws IOException {
    this.clock = b.clock;
    this.windowLimit = b.windowLimit;
    this.dailyLimit = b.dailyLimit;
    this.token = b.token;
    this.latency = b.latency;
    this.crm = new CrmState(b.uniqueProperty, b.unique);
    this.routes = new CrmRoutes(crm, clock, json, b.searchIndexDelay, requests::size);
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

  /** The clock the fake stamps its records and webhooks with (an executor talking to it should use the same). */
  public Clock clock() {
    return clock;
  }

  /** The base URI to configure the client with, e.g. {@code http://127.0.0.1:51234}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  // ------------------------------------------------------------------ state

  /** Adds a contact with the given id and properties. */
  public void addContact(String id, Map<String, String> properties) {
    crm.put("contacts", id, properties);
  }

  /** Adds a contact with no properties. */
  public void addContact(String id) {
    addContact(id, Map.of());
  }

  /** Adds a deal. */
  public void addDeal(String id, Map<String, String> properties) {
    crm.put("0-3", id, properties);
  }

  /** Adds a company. */
  public void addCompany(String id, Map<String, String> properties) {
    crm.put("companies", id, properties);
  }

  /** A company's properties, if it exists. */
  public Optional<Map<String, String>> company(String id) {
    return crm.object("companies", id);
  }

  /** Adds a deal pipeline with its stage ids. */
  public void addPipeline(String pipelineId, List<String> stageIds) {
    synchronized (crm.lock) {
      crm.pipelines.put(pipelineId, List.copyOf(stageIds));
    }
  }

  /** Adds an owner whose user can send sequences. */
  public void addOwner(String ownerId, long userId, String email) {
    synchronized (crm.lock) {
      crm.owners.put(ownerId, new CrmState.Owner(ownerId, userId, email));
    }
  }

  /** Adds an empty static (MANUAL) list. */
  public void addList(String listId) {
    synchronized (crm.lock) {
      crm.lists.put(listId, new LinkedHashSet<>());
    }
  }

  /** A contact's properties, if it exists. */
  public Optional<Map<String, String>> contact(String id) {
    return crm.object("contacts", id);
  }

  /** All contacts, id to properties. */
  public Map<String, Map<String, String>> contacts() {
    return crm.all("contacts");
  }

  /** A deal's properties, if it exists. */
  public Optional<Map<String, String>> deal(String id) {
    return crm.object("0-3", id);
  }

  /** All tasks, id to properties. */
  public Map<String, Map<String, String>> tasks() {
    return crm.all("tasks");
  }

  /** All notes, id to properties. */
  public Map<String, Map<String, String>> notes() {
    return crm.all("notes");
  }

  /** The members of a list. */
  public Set<String> listMembers(String listId) {
    synchronized (crm.lock) {
      Set<String> members = crm.lists.get(listId);
      return members == null ? Set.of() : Set.copyOf(members);
    }
  }

  /** All enrollments, in order. */
  public List<Enrollment> enrollments() {
    synchronized (crm.lock) {
      return List.copyOf(crm.enrollments);
    }
  }

  /** All associations created. */
  public Set<AssociationRecord> associations() {
    synchronized (crm.lock) {
      return Set.copyOf(crm.associations);
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
    for (int i = 0; i < count; i++) {
      faults.add(new Faults.Fault(Faults.FaultKind.STATUS, status, null, headers, which));
    }
  }

  /** Answers the next request with a 429 of the given policy ({@code TEN_SECONDLY_ROLLING} or {@code DAILY}). */
  public void rateLimitNext(String policyName, Map<String, String> headers) {
    faults.add(new Faults.Fault(Faults.FaultKind.STATUS, 429, policyName, headers, r -> true));
  }

  /** Applies the next request matching {@code which}, then closes the connection without an answer. */
  public void dropAfterApplyNext(Predicate<RecordedRequest> which) {
    faults.add(new Faults.Fault(Faults.FaultKind.DROP_AFTER_APPLY, 0, null, Map.of(), which));
  }

  /**
   * Applies the next request matching {@code which} but holds its answer until {@link
   * HeldResponses#release()}: with a short client timeout this is the deterministic "timeout
   * after the write happened" case.
   */
  public HeldResponses holdNext(Predicate<RecordedRequest> which) {
    return faults.hold(which);
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
    return WebhookClient.send(json, clock, target, clientSecret, events);
  }

  /**
   * Computes an {@code X-HubSpot-Signature-v3} value: the URI with HubSpot's twelve listed
   * percent-encodings decoded (either hex case), as HubSpot signs it. {@code journey-hubspot}'s
   * tests check that this agrees with the adapter's own verification for any URI.
   */
  public static String signV3(String secret, String method, String uri, byte[] body, String timestamp) {
    return WebhookClient.signV3(secret, method, uri, body, timestamp);
  }

  /** A creation event in HubSpot's webhook shape. */
  public static Map<String, Object> creationEvent(String objectType, long eventId, long objectId, Instant at) {
    return WebhookClient.creationEvent(objectType, eventId, objectId, at);
  }

  /** A property-change event in HubSpot's webhook shape. */
  public static Map<String, Object> propertyChangeEvent(
      String objectType, long eventId, long objectId, Instant at, String property, String value) {
    return WebhookClient.propertyChangeEvent(objectType, eventId, objectId, at, property, value);
  }

  @Override
  public void close() {
    faults.releaseAll();
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

  // ------------------------------------------------------------------ serving

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
        respond(exchange, 401, routes.error("INVALID_AUTHENTICATION", "Authentication credentials not found."), Map.of());
        return;
      }
      Faults.Fault fault = faults.take(request);
      if (fault != null && fault.kind == Faults.FaultKind.STATUS) {
        JsonNode body = fault.status == 429
            ? routes.rateLimitBody(fault.policy == null ? "TEN_SECONDLY_ROLLING" : fault.policy)
            : routes.error(fault.status == 423 ? "LOCKED" : fault.status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR",
                "injected fault " + fault.status);
        respond(exchange, fault.status, body, fault.headers);
        return;
      }
      Map<String, String> limitHeaders = new LinkedHashMap<>();
      if (!admit(request.at(), limitHeaders)) {
        rateLimited.incrementAndGet();
        respond(exchange, 429, routes.rateLimitBody(usedToday > dailyLimit && dailyLimit > 0 ? "DAILY" : "TEN_SECONDLY_ROLLING"),
            limitHeaders);
        return;
      }
      CrmRoutes.Answer answer;
      try {
        answer = routes.route(request, raw, uri);
      } catch (CrmRoutes.BadRequest e) {
        answer = new CrmRoutes.Answer(e.status, routes.error(e.category, e.getMessage()));
      }
      if (fault != null && fault.kind == Faults.FaultKind.DROP_AFTER_APPLY) {
        exchange.close(); // no headers sent: the connection is closed without an answer
        return;
      }
      if (fault != null && fault.kind == Faults.FaultKind.HOLD) {
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
      respond(exchange, 500, routes.error("INTERNAL_ERROR", "fake failed: " + e), Map.of());
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

  private void respond(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
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
