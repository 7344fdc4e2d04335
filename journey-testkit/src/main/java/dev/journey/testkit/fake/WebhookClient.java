package dev.journey.testkit.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;


/** The fake's webhook side: HubSpot-shaped events and v3-signed deliveries to a receiver. */
final class WebhookClient {
  private WebhookClient() {}

  /** POSTs a v3-signed batch of events to {@code target}, timestamped by {@code clock}. */
  static int send(ObjectMapper json, Clock clock, URI target, String clientSecret, List<Map<String, Object>> events)
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
  static String signV3(String secret, String method, String uri, byte[] body, String timestamp) {
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
  static Map<String, Object> creationEvent(String objectType, long eventId, long objectId, Instant at) {
    Map<String, Object> e = baseEvent(objectType + ".creation", eventId, objectId, at);
    e.put("changeFlag", "NEW");
    return e;
  }

  /** A property-change event in HubSpot's webhook shape. */
  static Map<String, Object> propertyChangeEvent(
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
    e.put("portalId", FakeHubSpot.PORTAL_ID);
    e.put("appId", 54321);
    e.put("occurredAt", at.toEpochMilli());
    e.put("subscriptionType", type);
    e.put("attemptNumber", 0);
    e.put("objectId", objectId);
    e.put("changeSource", "CRM");
    return e;
  }
}
