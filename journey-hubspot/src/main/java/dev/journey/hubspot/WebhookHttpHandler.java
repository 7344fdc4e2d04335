package dev.journey.hubspot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A tiny adapter from the JDK's {@code com.sun.net.httpserver} to a {@link WebhookReceiver}, for
 * examples and small deployments. It reads at most the receiver's body cap plus one byte, rebuilds
 * the public URL from {@code publicBaseUrl} plus the request path and raw query, and writes the
 * receiver's answer: 204, or 200 with a summary line when events were quarantined, or the
 * rejection's status.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * server.createContext("/hubspot", WebhookHttpHandler.of(receiver, "https://hooks.example.com"));
 * server.start();
 * }</pre>
 */
public final class WebhookHttpHandler implements HttpHandler {
  private final WebhookReceiver receiver;
  private final String publicBaseUrl;
  private final int readCap;

  private WebhookHttpHandler(WebhookReceiver receiver, String publicBaseUrl, int readCap) {
    this.receiver = receiver;
    this.publicBaseUrl = publicBaseUrl;
    this.readCap = readCap;
  }

  /**
   * Creates the handler.
   *
   * @param receiver the receiver
   * @param publicBaseUrl scheme and host HubSpot calls, e.g. {@code https://hooks.example.com}
   *     (no trailing slash)
   * @return the handler
   * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL without a
   *     path
   */
  public static WebhookHttpHandler of(WebhookReceiver receiver, String publicBaseUrl) {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    URI base;
    try {
      base = URI.create(publicBaseUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "publicBaseUrl must be an absolute http(s) URL, but was '" + publicBaseUrl + "'", e);
    }
    if (base.getScheme() == null
        || !base.getScheme().startsWith("http")
        || base.getHost() == null
        || !(base.getRawPath() == null || base.getRawPath().isEmpty())) {
      throw new IllegalArgumentException(
          "publicBaseUrl must be an absolute http(s) URL without a path, but was '"
              + publicBaseUrl
              + "'");
    }
    return new WebhookHttpHandler(receiver, publicBaseUrl, receiver.maxBodyBytes());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(readCap + 1);
      }
      URI uri = exchange.getRequestURI();
      String full =
          publicBaseUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      WebhookResponse answer =
          receiver.handle(
              WebhookRequest.of(exchange.getRequestMethod(), full, exchange.getRequestHeaders(), body));
      byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      answer
          .retryAfter()
          .ifPresent(
              wait ->
                  exchange
                      .getResponseHeaders()
                      .set("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
      if (out.length == 0) {
        exchange.sendResponseHeaders(answer.status(), -1);
      } else {
        exchange.sendResponseHeaders(answer.status(), out.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }
}
