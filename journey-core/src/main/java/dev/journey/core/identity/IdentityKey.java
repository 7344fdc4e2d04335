package dev.journey.core.identity;

import dev.journey.core.Alias;
import dev.journey.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key that turns personal identifiers into aliases: an email is normalized (trimmed,
 * lower-cased) and stored as its HMAC-SHA256 under this key, so that the store, its backups and
 * the logs never hold it in clear, and the hash cannot be recomputed by someone who does not hold
 * the key.
 *
 * <p>Keep the key in your secret store and pass the same key to every instance; a new key makes
 * every stored email alias unrecognisable. {@link #toString()} never prints it. Thread-safe.
 *
 * <pre>{@code
 * IdentityKey key = IdentityKey.of(secretBytes);          // at least 16 bytes
 * Alias email = key.email("  Ada@Example.com ");          // email:<64 hex digits>
 * }</pre>
 */
public final class IdentityKey {
  /** The shortest key accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 16;
  private static final String HMAC = "HmacSHA256";
  private static final int MAX_EMAIL_LENGTH = 320;

  private final SecretKeySpec key;

  private IdentityKey(byte[] key) {
    this.key = new SecretKeySpec(key, HMAC);
  }

  /**
   * A key from secret bytes (copied).
   *
   * @throws InvalidValueException when shorter than {@link #MIN_KEY_BYTES} bytes
   */
  public static IdentityKey of(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_KEY_BYTES) {
      throw new InvalidValueException(
          "identity key", "at least " + MIN_KEY_BYTES + " bytes", secret.length + " bytes");
    }
    return new IdentityKey(Arrays.copyOf(secret, secret.length));
  }

  /**
   * The alias of an email: type {@link Alias#EMAIL}, value the hex HMAC of the normalized email.
   *
   * @throws InvalidValueException when the text is not an email ({@code local@domain}); the
   *     message does not repeat it
   */
  public Alias email(String email) {
    return Alias.of(Alias.EMAIL, hash(normalize(email)));
  }

  /**
   * The domain of an email, lower-cased ({@code ada@Example.com} → {@code example.com}), for
   * matching a contact to its company.
   *
   * @throws InvalidValueException when the text is not an email
   */
  public static String domainOf(String email) {
    String normalized = normalize(email);
    return normalized.substring(normalized.lastIndexOf('@') + 1);
  }

  /** The domain of an email, or empty when the text is not an email. */
  static Optional<String> domainIfEmail(String email) {
    try {
      return Optional.of(domainOf(email));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }

  /** Trimmed and lower-cased; validated as {@code local@domain} without white space. */
  static String normalize(String email) {
    Objects.requireNonNull(email, "email");
    String n = email.trim().toLowerCase(Locale.ROOT);
    int at = n.lastIndexOf('@');
    boolean spaces = n.chars().anyMatch(Character::isWhitespace);
    if (n.length() > MAX_EMAIL_LENGTH || at <= 0 || at == n.length() - 1 || spaces) {
      throw new InvalidValueException(
          "email", "local@domain, at most " + MAX_EMAIL_LENGTH + " characters without white space",
          "a value of " + n.length() + " characters");
    }
    return n;
  }

  private String hash(String normalized) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "IdentityKey[HmacSHA256, key redacted]";
  }
}
