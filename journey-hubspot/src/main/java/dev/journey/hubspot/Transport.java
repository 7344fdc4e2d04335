package dev.journey.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.hubspot.internal.RateWindow;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HubSpot request: rate budget, bearer token (re-read once after a 401), timeouts, and
 * the classification of every failure into an {@link ExecutionResult}. Never sleeps: waiting is a
 * returned delay. Thread-safe.
 */
final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

  private final HubSpotConfig config;
  private final HttpClient http;
  private final ObjectMapper json;
  private final RateWindow window;
  private final AtomicReference<HubSpotAuthenticationException> stopped = new AtomicReference<>();

  Transport(HubSpotConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.http =
        config.httpClient.orElseGet(
            () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    this.window = new RateWindow(config.perTenSeconds, config.perDay, config.accountZone);
  }

  /**
   * A response that arrived with 2xx (incl. 207), or the failure as an execution result; {@code
   * status} is the HTTP status, 0 when no response arrived.
   */
  static final class Reply {
    final int status;
    final JsonNode body;
    final ExecutionResult failure;

    private Reply(int status, JsonNode body, ExecutionResult failure) {
      this.status = status;
      this.body = body;
      this.failure = failure;
    }

    boolean ok() {
      return failure == null;
    }
  }

  /**
   * How long until the window has room for {@code requests} more requests; zero when it has now.
   * A hint (another thread may take the room first), never a reservation.
   */
  Duration waitForRoom(int requests) {
    Instant now = config.clock.instant();
    return window.waitForRoom(now, requests);
  }

    Optional<HubSpotAuthenticationException> stoppedBy() {
    return Optional.ofNullable(stopped.get());
  }

  void resume() {
    stopped.set(null);
  }

  /**
   * Sends a request.
   *
   * @param method GET, POST, PUT, PATCH
   * @param pathAndQuery e.g. {@code /crm/v3/objects/tasks/batch/upsert}
   * @param body the JSON body, or null for none
   */
  Reply send(String method, String pathAndQuery, Object body) {
    return send(method, pathAndQuery, body, false);
  }

  /**
   * Sends a request; {@code retry} tells the request listeners that it re-sends something sent
   * before (see {@link HubSpotRequestEvent#retry()}).
   */
  Reply send(String method, String pathAndQuery, Object body, boolean retry) {
    String operation = method + " " + stripQuery(pathAndQuery);
    String endpoint = HubSpotRequestEvent.endpointOf(pathAndQuery);
    HubSpotAuthenticationException stop = stopped.get();
    if (stop != null) {
      notSent(method, endpoint, retry);
      return failed(ExecutionResult.retryAfter(config.authFailureDelay, "portal stopped: " + stop.getMessage()));
    }
    byte[] payload;
    try {
      payload = body == null ? null : json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the request body of " + operation, e);
    }
    boolean reread = false;
    while (true) {
      Instant now = config.clock.instant();
      Optional<RateWindow.Refusal> refusal = window.tryAcquire(now);
      if (refusal.isPresent()) {
        notSent(method, endpoint, retry || reread);
        return refused(operation, refusal.get(), now, null);
      }
      HttpResponse<byte[]> response;
      boolean again = retry || reread;
      long sentAt = config.nanoTime.getAsLong();
      try {
        response = http.send(request(method, pathAndQuery, payload), HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpConnectTimeoutException | ConnectException e) {
        announce(method, endpoint, 0, sentAt, again, Optional.empty());
        window.settle(now, config.clock.instant());
        report(new HubSpotApiException("could not connect for " + operation, operation, 0, null, null));
        return failed(ExecutionResult.retryAfter(Duration.ZERO, "not sent: connect failed on " + operation));
      } catch (HttpTimeoutException e) {
        announce(method, endpoint, 0, sentAt, again, Optional.empty());
        window.settle(now, config.clock.instant());
        report(new HubSpotApiException("no response in time for " + operation, operation, 0, null, null));
        return failed(ExecutionResult.ambiguous("timeout after sending " + operation));
      } catch (IOException e) {
        announce(method, endpoint, 0, sentAt, again, Optional.empty());
        window.settle(now, config.clock.instant());
        report(new HubSpotApiException("connection lost during " + operation, operation, 0, null, null));
        return failed(
            ExecutionResult.ambiguous(
                "connection lost during " + operation + " (" + e.getClass().getSimpleName() + ")"));
      } catch (InterruptedException e) {
        announce(method, endpoint, 0, sentAt, again, Optional.empty());
        window.settle(now, config.clock.instant());
        Thread.currentThread().interrupt();
        return failed(ExecutionResult.ambiguous("interrupted during " + operation));
      }
      announce(
          method, endpoint, response.statusCode(), sentAt, again,
          longHeader(response.headers(), "X-HubSpot-RateLimit-Remaining"));
      Instant at = config.clock.instant();
      window.settle(now, at);
      HttpHeaders headers = response.headers();
      window.observe(
          now,
          longHeader(headers, "X-HubSpot-RateLimit-Max"),
          longHeader(headers, "X-HubSpot-RateLimit-Remaining"),
          longHeader(headers, "X-HubSpot-RateLimit-Interval-Milliseconds"),
          longHeader(headers, "X-HubSpot-RateLimit-Daily-Remaining"));
      int status = response.statusCode();
      JsonNode parsed = parse(response.body());
      if (status >= 200 && status < 300) {
        return new Reply(status, parsed, null);
      }
      ErrorBody error = ErrorBody.of(parsed);
      if (status == 401) {
        if (!reread) {
          reread = true;
          LOG.debug("401 on {}; re-reading the token once", operation);
          config.tokenProvider.invalidate();
          continue;
        }
        HubSpotAuthenticationException e =
            new HubSpotAuthenticationException(operation, error.category, error.correlationId);
        stopped.compareAndSet(null, e);
        LOG.warn("HubSpot portal stopped: {}", e.getMessage());
        report(e);
        return failed(ExecutionResult.retryAfter(config.authFailureDelay, e.getMessage()));
      }
      return new Reply(status, parsed, classify(operation, status, headers, error, at));
    }
  }

  private ExecutionResult classify(
      String operation, int status, HttpHeaders headers, ErrorBody error, Instant now) {
    Optional<Duration> retryAfter = retryAfter(headers);
    String reason = error.describe(operation, status);
    ErrorClassifier.Verdict verdict = ErrorClassifier.classify(status, error.category);
    if (verdict == ErrorClassifier.Verdict.RATE_LIMITED) {
      if ("DAILY".equalsIgnoreCase(error.policyName)) {
        Instant reset = window.blockDay(now);
        HubSpotDailyLimitException e = new HubSpotDailyLimitException(operation, reset, error.correlationId);
        report(e);
        return ExecutionResult.deferred(Duration.between(now, reset), e.getMessage());
      }
      Duration wait = retryAfter.orElse(
          Duration.ofMillis(longHeader(headers, "X-HubSpot-RateLimit-Interval-Milliseconds")
              .orElse(RateWindow.WINDOW.toMillis())));
      window.blockWindow(now.plus(wait));
      report(new HubSpotApiException(reason, operation, status, error.category, error.correlationId));
      return ExecutionResult.deferred(wait, reason);
    }
    report(new HubSpotApiException(reason, operation, status, error.category, error.correlationId));
    return ErrorClassifier.result(verdict, retryAfter, reason);
  }

  private Reply refused(String operation, RateWindow.Refusal refusal, Instant now, String correlationId) {
    Duration wait = Duration.between(now, refusal.until());
    if (refusal.denial() == RateWindow.Denial.DAILY) {
      HubSpotDailyLimitException e = new HubSpotDailyLimitException(operation, refusal.until(), correlationId);
      report(e);
      return failed(ExecutionResult.deferred(wait, e.getMessage()));
    }
    return failed(
        ExecutionResult.deferred(
            wait, "rate limit: " + config.perTenSeconds + " requests per 10 s used; not sent"));
  }

  private HttpRequest request(String method, String pathAndQuery, byte[] payload) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(config.baseUri + pathAndQuery))
            .timeout(config.requestTimeout)
            .header("Authorization", "Bearer " + config.tokenProvider.token())
            .header("Accept", "application/json");
    if (payload == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
    }
    return b.build();
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = json.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  private void notSent(String method, String endpoint, boolean retry) {
    tell(new HubSpotRequestEvent(
        method, endpoint, 0, HubSpotRequestEvent.Outcome.NOT_SENT, Duration.ZERO, retry, OptionalLong.empty()));
  }

  private void announce(
      String method, String endpoint, int status, long sentAt, boolean retry, Optional<Long> remaining) {
    if (config.requestListeners.isEmpty()) {
      return;
    }
    long nanos = Math.max(0, config.nanoTime.getAsLong() - sentAt);
    tell(new HubSpotRequestEvent(
        method, endpoint, status, HubSpotRequestEvent.outcomeOf(status), Duration.ofNanos(nanos), retry,
        remaining.map(OptionalLong::of).orElseGet(OptionalLong::empty)));
  }

  private void tell(HubSpotRequestEvent event) {
    for (HubSpotRequestListener listener : config.requestListeners) {
      try {
        listener.onRequest(event);
      } catch (RuntimeException listenerFailure) {
        LOG.warn("request listener threw; ignored", listenerFailure);
      }
    }
  }

  private void report(HubSpotApiException e) {
    try {
      config.onFailure.accept(e);
    } catch (RuntimeException listenerFailure) {
      LOG.warn("onFailure listener threw; ignored", listenerFailure);
    }
  }

  private static Reply failed(ExecutionResult result) {
    return new Reply(0, MissingNode.getInstance(), result);
  }

  private static String stripQuery(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }

  static Optional<Long> longHeader(HttpHeaders headers, String name) {
    Optional<String> v = headers.firstValue(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.get().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code Retry-After} in seconds (HTTP-date forms are ignored). */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    return longHeader(headers, "Retry-After").filter(s -> s >= 0).map(Duration::ofSeconds);
  }

  /** HubSpot's error body, every field optional. */
  static final class ErrorBody {
    final String category;
    final String correlationId;
    final String message;
    final String policyName;
    final String firstError;

    private ErrorBody(String category, String correlationId, String message, String policyName, String firstError) {
      this.category = category;
      this.correlationId = correlationId;
      this.message = message;
      this.policyName = policyName;
      this.firstError = firstError;
    }

    static ErrorBody of(JsonNode body) {
      String category = text(body, "category");
      if (category == null) {
        category = text(body, "errorType");
      }
      String firstError = null;
      JsonNode errors = body.path("errors");
      if (errors.isArray() && errors.size() > 0) {
        firstError = text(errors.get(0), "message");
      }
      return new ErrorBody(
          category, text(body, "correlationId"), text(body, "message"), text(body, "policyName"), firstError);
    }

    String describe(String operation, int status) {
      StringBuilder s = new StringBuilder();
      s.append("HubSpot ").append(status);
      if (category != null) {
        s.append(' ').append(category);
      }
      if (policyName != null) {
        s.append(" policy ").append(policyName);
      }
      s.append(" on ").append(operation);
      if (message != null) {
        s.append(": ").append(truncate(message));
      }
      if (firstError != null && !firstError.equals(message)) {
        s.append(" [").append(truncate(firstError)).append(']');
      }
      if (correlationId != null) {
        s.append(" (correlationId ").append(correlationId).append(')');
      }
      return s.toString();
    }

    private static String truncate(String text) {
      return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    static String text(JsonNode node, String field) {
      if (node == null) {
        return null;
      }
      JsonNode v = node.get(field);
      return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Transport[%s]", config.baseUri);
  }
}
