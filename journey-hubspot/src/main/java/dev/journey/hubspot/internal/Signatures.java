package dev.journey.hubspot.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot request signatures, versions 1, 2 and 3, computed exactly as HubSpot's request
 * validation guide specifies. Not API.
 */
public final class Signatures {
  private static final String[][] DECODED = {
    {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"},
    {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}
  };

  private Signatures() {}

  /** v1: lower-case hex of SHA-256(secret + body). */
  public static String v1(String clientSecret, byte[] body) {
    MessageDigest sha = sha256();
    sha.update(clientSecret.getBytes(StandardCharsets.UTF_8));
    sha.update(body);
    return HexFormat.of().formatHex(sha.digest());
  }

  /** v2: lower-case hex of SHA-256(secret + method + uri + body); the URI is used as given. */
  public static String v2(String clientSecret, String method, String uri, byte[] body) {
    MessageDigest sha = sha256();
    sha.update(clientSecret.getBytes(StandardCharsets.UTF_8));
    sha.update(method.getBytes(StandardCharsets.UTF_8));
    sha.update(uri.getBytes(StandardCharsets.UTF_8));
    sha.update(body);
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * v3: base64 of HMAC-SHA256(secret, method + decodedUri + body + timestamp), where the URI has
   * the twelve listed percent-encodings decoded (either hex case).
   */
  public static String v3(
      String clientSecret, String method, String uri, byte[] body, String timestamp) {
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
    mac.update(method.getBytes(StandardCharsets.UTF_8));
    mac.update(decodeUri(uri).getBytes(StandardCharsets.UTF_8));
    mac.update(body);
    mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(mac.doFinal());
  }

  /** Decodes only the percent-encodings HubSpot lists for v3, in upper or lower case hex. */
  public static String decodeUri(String uri) {
    if (uri.indexOf('%') < 0) {
      return uri;
    }
    StringBuilder out = new StringBuilder(uri.length());
    int i = 0;
    while (i < uri.length()) {
      char c = uri.charAt(i);
      if (c == '%' && i + 2 < uri.length()) {
        String code = uri.substring(i, Math.min(i + 3, uri.length())).toUpperCase(Locale.ROOT);
        String replacement = null;
        for (String[] pair : DECODED) {
          if (pair[0].equals(code)) {
            replacement = pair[1];
            break;
          }
        }
        if (replacement != null) {
          out.append(replacement);
          i += 3;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** Compares in time independent of where the strings differ. */
  public static boolean constantTimeEquals(String expected, String actual) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
