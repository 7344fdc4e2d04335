package dev.journey.hubspot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A raw webhook request as it reached your HTTP endpoint, before any parsing. Header names are
 * matched case-insensitively. The body must be the exact bytes received: a framework that parses
 * and re-serialises JSON breaks the signature.
 *
 * <pre>{@code
 * WebhookRequest request = WebhookRequest.of(
 *     "POST", "https://hooks.example.com/hubspot?tenant=7", headers, bodyBytes);
 * }</pre>
 */
public final class WebhookRequest {
  private final String method;
  private final String uri;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private WebhookRequest(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Creates a request.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param uri the full public URL HubSpot called (scheme, host, path and query exactly as
   *     configured in the app; behind a TLS-terminating proxy rebuild {@code https://} and the
   *     public host)
   * @param headers the request headers, any name case
   * @param body the raw body bytes (copied)
   * @return the request
   * @throws IllegalArgumentException when the method or URI is blank
   */
  public static WebhookRequest of(
      String method, String uri, Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method must not be blank, but was '" + method + "'");
    }
    if (uri.isBlank()) {
      throw new IllegalArgumentException("uri must not be blank, but was '" + uri + "'");
    }
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> {
      if (name != null) {
        copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
      }
    });
    return new WebhookRequest(method, uri, copy, body.clone());
  }

  /** The HTTP method as received (compared case-sensitively in signatures). */
  public String method() {
    return method;
  }

  /** The full public URL. */
  public String uri() {
    return uri;
  }

  /** The first value of a header, case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(Objects.requireNonNull(name, "name"));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A copy of the raw body. */
  public byte[] body() {
    return body.clone();
  }

  int bodyLength() {
    return body.length;
  }

  byte[] rawBody() {
    return body;
  }

  /** Prints the method, URI and body size; never header values (they carry signatures). */
  @Override
  public String toString() {
    return "WebhookRequest[" + method + " " + uri + ", " + body.length + " bytes]";
  }
}
