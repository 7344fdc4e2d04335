package dev.journey.hubspot;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The configuration of a {@link HubSpotExecutor} for one HubSpot account (portal). Built with
 * {@link #builder(TokenProvider)}; immutable and thread-safe once built.
 *
 * <pre>{@code
 * HubSpotConfig config = HubSpotConfig.builder(TokenProvider.ofStatic(token))
 *     .tier(RateLimitTier.PROFESSIONAL)
 *     .accountZone(ZoneId.of("Europe/Berlin"))
 *     .suppressionList("nurture", "123")
 *     .build();
 * }</pre>
 */
public final class HubSpotConfig {
  /** Default API base: {@code https://api.hubapi.com}. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.hubapi.com");
  /** Default unique custom property holding the Journey action id: {@code journey_action_id}. */
  public static final String DEFAULT_ACTION_ID_PROPERTY = "journey_action_id";
  /** Default property a Recycle writes its reason code to: {@code journey_recycle_reason}. */
  public static final String DEFAULT_RECYCLE_PROPERTY = "journey_recycle_reason";
  /** Default request timeout: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Default inputs per batch request: 100, HubSpot's maximum. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 100;
  /** Default wait after the portal was stopped by a repeated 401: 15 minutes. */
  public static final Duration DEFAULT_AUTH_FAILURE_DELAY = Duration.ofMinutes(15);

  /** What a {@link dev.journey.core.action.Notify} becomes in HubSpot. */
  public enum NotifyAs {
    /** A to-do task owned by the recipient, due now (shows in the recipient's task queue). */
    TASK,
    /** A note on the record's timeline, owned by the recipient. */
    NOTE
  }

  private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9_]{0,99}");
  private static final Pattern ID = Pattern.compile("[0-9]{1,19}");

  final TokenProvider tokenProvider;
  final URI baseUri;
  final int perTenSeconds;
  final long perDay;
  final ZoneId accountZone;
  final Clock clock;
  final Duration requestTimeout;
  final String actionIdProperty;
  final String recycleProperty;
  final Optional<String> unenrollMarkerProperty;
  final Map<String, String> suppressionLists;
  final NotifyAs notifyAs;
  final int maxBatchSize;
  final Duration authFailureDelay;
  final Optional<HttpClient> httpClient;
  final Consumer<HubSpotApiException> onFailure;
  final List<HubSpotRequestListener> requestListeners;
  final LongSupplier nanoTime;
  final int maxInFlight;
  final Duration batchRetryBackoff;
  final Duration taskReminderBefore;
  final Idempotency idempotency;
  final Duration searchIndexDelay;

  private HubSpotConfig(Builder b) {
    this.maxInFlight = b.maxInFlight;
    this.batchRetryBackoff = b.batchRetryBackoff;
    this.taskReminderBefore = b.taskReminderBefore;
    this.idempotency = b.idempotency;
    this.searchIndexDelay = b.searchIndexDelay;
    this.tokenProvider = b.tokenProvider;
    this.baseUri = b.baseUri;
    this.perTenSeconds = b.perTenSeconds;
    this.perDay = b.perDay;
    this.accountZone = b.accountZone;
    this.clock = b.clock;
    this.requestTimeout = b.requestTimeout;
    this.actionIdProperty = b.actionIdProperty;
    this.recycleProperty = b.recycleProperty;
    this.unenrollMarkerProperty = b.unenrollMarkerProperty;
    this.suppressionLists = Map.copyOf(b.suppressionLists);
    this.notifyAs = b.notifyAs;
    this.maxBatchSize = b.maxBatchSize;
    this.authFailureDelay = b.authFailureDelay;
    this.httpClient = b.httpClient;
    this.onFailure = b.onFailure;
    this.requestListeners = List.copyOf(b.requestListeners);
    this.nanoTime = b.nanoTime;
  }

  /**
   * Starts a builder.
   *
   * @param tokenProvider where the bearer token comes from
   * @return the builder
   */
  public static Builder builder(TokenProvider tokenProvider) {
    return new Builder(tokenProvider);
  }

  /** The API base URI. */
  public URI baseUri() {
    return baseUri;
  }

  /** Requests allowed per rolling 10 seconds. */
  public int perTenSeconds() {
    return perTenSeconds;
  }

  /** Requests allowed per account-local day (0 = no cap). */
  public long perDay() {
    return perDay;
  }

  /** The unique custom property holding the Journey action id on tasks and notes. */
  public String actionIdProperty() {
    return actionIdProperty;
  }

  /** Prints the settings; never the token. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "HubSpotConfig[baseUri=%s, limit=%d/10s, %d/day, zone=%s, actionIdProperty=%s, lists=%s, notifyAs=%s, token=%s]",
        baseUri, perTenSeconds, perDay, accountZone, actionIdProperty,
        new TreeMap<>(suppressionLists), notifyAs, tokenProvider);
  }

  /** Requests sent at once to this portal (pipelining), within the rate window. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** How creates of tasks and notes are kept from duplicating when an answer is lost. */
  public Idempotency idempotency() {
    return idempotency;
  }

  /**
   * How tasks and notes are created exactly once although an answer may be lost (see {@code
   * docs/hubspot.md}).
   */
  public enum Idempotency {
    /**
     * Batch upsert keyed on the unique {@link HubSpotConfig#actionIdProperty()} ({@code
     * hasUniqueValue}); {@link HubSpotExecutor#start} verifies the property on every object type
     * used and refuses to start without it. The default.
     */
    UNIQUE_PROPERTY,
    /**
     * For portals that cannot have a unique property: a plain batch create that writes the action
     * id into an ordinary property, and, before any retry, a CRM search on that property (waiting
     * out the search index delay) so that a create whose answer was lost is found, not repeated.
     */
    SEARCH_BEFORE_RETRY
  }

  /** Default requests in flight per portal: 4. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;
  /** Default first wait after a whole batch failed with 5xx: 2 seconds, doubling per attempt. */
  public static final Duration DEFAULT_BATCH_RETRY_BACKOFF = Duration.ofSeconds(2);
  /** Default wait for CRM search to index a new object before searching for it: 10 seconds. */
  public static final Duration DEFAULT_SEARCH_INDEX_DELAY = Duration.ofSeconds(10);

  /** Builds a {@link HubSpotConfig}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Duration batchRetryBackoff = DEFAULT_BATCH_RETRY_BACKOFF;
    private Duration taskReminderBefore = Duration.ZERO;
    private Idempotency idempotency = Idempotency.UNIQUE_PROPERTY;
    private Duration searchIndexDelay = DEFAULT_SEARCH_INDEX_DELAY;
    private final TokenProvider tokenProvider;
    private URI baseUri = DEFAULT_BASE_URI;
    private int perTenSeconds = RateLimitTier.FREE_STARTER.perTenSeconds();
    private long perDay = RateLimitTier.FREE_STARTER.perDay();
    private ZoneId accountZone = ZoneId.of("UTC");
    private Clock clock = Clock.systemUTC();
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private String actionIdProperty = DEFAULT_ACTION_ID_PROPERTY;
    private String recycleProperty = DEFAULT_RECYCLE_PROPERTY;
    private Optional<String> unenrollMarkerProperty = Optional.empty();
    private final Map<String, String> suppressionLists = new TreeMap<>();
    private NotifyAs notifyAs = NotifyAs.TASK;
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private Duration authFailureDelay = DEFAULT_AUTH_FAILURE_DELAY;
    private Optional<HttpClient> httpClient = Optional.empty();
    private Consumer<HubSpotApiException> onFailure = e -> {};
    private final List<HubSpotRequestListener> requestListeners = new ArrayList<>();
    private LongSupplier nanoTime = System::nanoTime;

    Builder(TokenProvider tokenProvider) {
      this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider");
    }

    /**
     * The API base, e.g. a fake's loopback address in tests; default {@link #DEFAULT_BASE_URI}.
     *
     * @throws IllegalArgumentException when not an absolute http(s) URI without a path
     */
    public Builder baseUri(URI uri) {
      Objects.requireNonNull(uri, "uri");
      String path = uri.getRawPath();
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null
          || !(path == null || path.isEmpty() || path.equals("/"))
          || uri.getRawQuery() != null) {
        throw new IllegalArgumentException(
            "baseUri must be an absolute http(s) URI without a path, but was " + uri);
      }
      this.baseUri = "/".equals(path) ? URI.create(uri.toString().substring(0, uri.toString().length() - 1)) : uri;
      return this;
    }

    /** The limits of a tier; default {@link RateLimitTier#FREE_STARTER}. */
    public Builder tier(RateLimitTier tier) {
      Objects.requireNonNull(tier, "tier");
      this.perTenSeconds = tier.perTenSeconds();
      this.perDay = tier.perDay();
      return this;
    }

    /**
     * Explicit limits, overriding the tier.
     *
     * @param perTenSeconds requests per rolling 10 seconds, 1 to 1000
     * @param perDay requests per account-local day, 0 for no cap
     * @throws IllegalArgumentException when out of range
     */
    public Builder rateLimit(int perTenSeconds, long perDay) {
      if (perTenSeconds < 1 || perTenSeconds > 1000) {
        throw new IllegalArgumentException(
            "perTenSeconds must be within [1, 1000], but was " + perTenSeconds);
      }
      if (perDay < 0) {
        throw new IllegalArgumentException("perDay must be >= 0, but was " + perDay);
      }
      this.perTenSeconds = perTenSeconds;
      this.perDay = perDay;
      return this;
    }

    /** The account's time zone, where the daily limit resets at midnight; default UTC. */
    public Builder accountZone(ZoneId zone) {
      this.accountZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The clock for rate windows and due dates; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long to wait for a response; a timeout is reported as ambiguous. Default {@link
     * #DEFAULT_REQUEST_TIMEOUT}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be > 0, but was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * The unique custom property (on tasks and notes) holding the Journey action id; default
     * {@link #DEFAULT_ACTION_ID_PROPERTY}.
     *
     * @throws IllegalArgumentException when not a HubSpot internal property name
     */
    public Builder actionIdProperty(String name) {
      this.actionIdProperty = property(name, "actionIdProperty");
      return this;
    }

    /**
     * The property a Recycle writes its reason code to; default {@link #DEFAULT_RECYCLE_PROPERTY}.
     *
     * @throws IllegalArgumentException when not a HubSpot internal property name
     */
    public Builder recycleProperty(String name) {
      this.recycleProperty = property(name, "recycleProperty");
      return this;
    }

    /**
     * Turns UnenrollSequence into a write of the sequence id to this contact property, for a
     * HubSpot workflow to act on ("Unenroll from sequence"). Without it UnenrollSequence is a
     * permanent "unsupported" failure, since HubSpot has no unenroll API.
     *
     * @throws IllegalArgumentException when not a HubSpot internal property name
     */
    public Builder unenrollMarkerProperty(String name) {
      this.unenrollMarkerProperty = Optional.of(property(name, "unenrollMarkerProperty"));
      return this;
    }

    /**
     * The static (MANUAL or SNAPSHOT) list that holds the records suppressed on a channel.
     *
     * @param channel the Journey outreach channel, e.g. {@code nurture}
     * @param listId the list's ILS id
     * @throws IllegalArgumentException when the channel is blank or the id not numeric
     * @throws IllegalStateException when the channel already has another list
     */
    public Builder suppressionList(String channel, String listId) {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(listId, "listId");
      if (channel.isBlank()) {
        throw new IllegalArgumentException("channel must not be blank, but was blank");
      }
      if (!ID.matcher(listId).matches()) {
        throw new IllegalArgumentException("listId must be 1 to 19 digits, but was '" + listId + "'");
      }
      String earlier = suppressionLists.get(channel);
      if (earlier != null && !earlier.equals(listId)) {
        throw new IllegalStateException(
            "channel '" + channel + "' already has suppression list " + earlier + ", not " + listId);
      }
      suppressionLists.put(channel, listId);
      return this;
    }

    /** What Notify becomes; default {@link NotifyAs#TASK}. */
    public Builder notifyAs(NotifyAs mode) {
      this.notifyAs = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Inputs per batch request; default {@link #DEFAULT_MAX_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException when outside [1, 100]
     */
    public Builder maxBatchSize(int size) {
      if (size < 1 || size > 100) {
        throw new IllegalArgumentException("maxBatchSize must be within [1, 100], but was " + size);
      }
      this.maxBatchSize = size;
      return this;
    }

    /**
     * How long actions are deferred while the portal is stopped by a repeated 401; default {@link
     * #DEFAULT_AUTH_FAILURE_DELAY}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder authFailureDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("authFailureDelay must be > 0, but was " + delay);
      }
      this.authFailureDelay = delay;
      return this;
    }

    /** The HTTP client to use; default a new JDK client with a 5-second connect timeout. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Optional.of(Objects.requireNonNull(client, "client"));
      return this;
    }

    /**
     * Called with every typed failure (rate limits, auth, validation...); exceptions it throws
     * are logged and ignored.
     */
    public Builder onFailure(Consumer<HubSpotApiException> listener) {
      this.onFailure = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Adds a listener told of every request (endpoint, status, latency, retry), e.g. {@code
     * journey-micrometer}'s {@code HubSpotMeters}; exceptions it throws are logged and ignored.
     */
    public Builder requestListener(HubSpotRequestListener listener) {
      requestListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The source of nanoseconds for request latencies reported to {@link #requestListener}s;
     * default {@link System#nanoTime}.
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * Requests sent at once to the portal; default {@link #DEFAULT_MAX_IN_FLIGHT}. With HubSpot's
     * 100-300 ms latency one request at a time cannot use the rate limit; the rate window still
     * bounds what is sent.
     *
     * @throws IllegalArgumentException when outside [1, 32]
     */
    public Builder maxInFlight(int requests) {
      if (requests < 1 || requests > 32) {
        throw new IllegalArgumentException("maxInFlight must be within [1, 32], but was " + requests);
      }
      this.maxInFlight = requests;
      return this;
    }

    /**
     * The first wait after a whole batch failed with a 5xx, doubled per attempt (at most 5
     * minutes); default {@link #DEFAULT_BATCH_RETRY_BACKOFF}. Every input of the batch gets the
     * same wait so that the relay retries them together as one batch; keep it above the relay's
     * initial backoff times (1 + jitter).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder batchRetryBackoff(Duration first) {
      Objects.requireNonNull(first, "first");
      if (first.isNegative() || first.isZero()) {
        throw new IllegalArgumentException("batchRetryBackoff must be > 0, but was " + first);
      }
      this.batchRetryBackoff = first;
      return this;
    }

    /**
     * When a task's reminder ({@code hs_task_reminders}) fires, before its due time; default
     * zero (at the due time). Notifications and escalations are due, and remind, when created.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder taskReminderBefore(Duration before) {
      Objects.requireNonNull(before, "before");
      if (before.isNegative()) {
        throw new IllegalArgumentException("taskReminderBefore must be >= 0, but was " + before);
      }
      this.taskReminderBefore = before;
      return this;
    }

    /** How creates are made idempotent; default {@link Idempotency#UNIQUE_PROPERTY}. */
    public Builder idempotency(Idempotency mode) {
      this.idempotency = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * With {@link Idempotency#SEARCH_BEFORE_RETRY}: how long after an ambiguous create the
     * search waits for HubSpot's index; default {@link #DEFAULT_SEARCH_INDEX_DELAY}.
     *
     * @throws IllegalArgumentException when negative or above 10 minutes
     */
    public Builder searchIndexDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("searchIndexDelay must be within [PT0S, PT10M], but was " + delay);
      }
      this.searchIndexDelay = delay;
      return this;
    }

    /** Builds the configuration. */
    public HubSpotConfig build() {
      return new HubSpotConfig(this);
    }

    private static String property(String name, String what) {
      Objects.requireNonNull(name, what);
      if (!PROPERTY.matcher(name).matches()) {
        throw new IllegalArgumentException(
            what + " must be a HubSpot internal property name ([a-z][a-z0-9_]*), but was '" + name + "'");
      }
      return name;
    }
  }
}
