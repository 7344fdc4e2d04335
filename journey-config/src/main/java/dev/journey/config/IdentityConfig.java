package dev.journey.config;

import dev.journey.core.Alias;
import dev.journey.core.InvalidValueException;
import dev.journey.core.Signal;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.identity.IdentityKey;
import dev.journey.core.identity.IdentityPolicy;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.state.JourneyModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The identity step a journey file declares (its {@code identity} section): which signal
 * attributes name the subject under another identifier (an email, a HubSpot id, a product user
 * id, a company's domain), the {@link IdentityPolicy} of merges, and the environment variable that
 * holds the key emails are hashed with (the file never holds the key).
 *
 * <pre>{@code
 * IdentityConfig identity = config.identity().orElseThrow();
 * IdentityKey key = identity.key(System.getenv());
 * IdentityResolver resolver = identity.resolver(store, config.model(), config.features(), clock);
 * engine.accept(signal, identity.aliasesOf(signal, key));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class IdentityConfig {
  /** The environment variable of the key when the file names none. */
  public static final String DEFAULT_KEY_ENVIRONMENT = "JOURNEY_IDENTITY_KEY";

  /**
   * One alias source: the signal attribute whose value is an identifier of type {@code type}. An
   * {@link Alias#EMAIL email} value is normalized and hashed under the key; a {@link Alias#DOMAIN
   * domain} value is a domain, or an email whose domain is taken; any other type is taken as is.
   *
   * @param attribute the signal attribute
   * @param type the alias type
   */
  public record AliasSource(String attribute, String type) {
    /** Validates. */
    public AliasSource {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(type, "type");
    }
  }

  private final List<AliasSource> aliases;
  private final IdentityPolicy policy;
  private final String keyEnvironment;

  IdentityConfig(List<AliasSource> aliases, IdentityPolicy policy, String keyEnvironment) {
    this.aliases = List.copyOf(aliases);
    this.policy = policy;
    this.keyEnvironment = keyEnvironment;
  }

  /** The alias sources, in the file's order. */
  public List<AliasSource> aliases() {
    return aliases;
  }

  /** The merge policy: unique types, limits, state precedence, free-mail domains. */
  public IdentityPolicy policy() {
    return policy;
  }

  /** The environment variable that holds the key ({@value #DEFAULT_KEY_ENVIRONMENT} by default). */
  public String keyEnvironment() {
    return keyEnvironment;
  }

  /** Whether a source hashes emails, so that a key is needed. */
  public boolean hashesEmails() {
    return aliases.stream().anyMatch(a -> a.type().equals(Alias.EMAIL));
  }

  /**
   * The key from the environment (its UTF-8 bytes).
   *
   * @throws InvalidValueException when the variable is not set or shorter than {@link
   *     IdentityKey#MIN_KEY_BYTES} bytes (the message names the variable, never the value)
   */
  public IdentityKey key(Map<String, String> environment) {
    String secret = environment.get(keyEnvironment);
    if (secret == null || secret.isEmpty()) {
      throw new InvalidValueException(
          "environment variable " + keyEnvironment,
          "the identity key (at least " + IdentityKey.MIN_KEY_BYTES + " bytes) the journey's identity section hashes"
              + " emails with",
          "not set");
    }
    return IdentityKey.of(secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The aliases {@code signal} carries by these sources, each once; a signal without the
   * attributes carries none.
   *
   * @param key the key for emails (see {@link #key}); may be empty when no source hashes emails
   * @throws InvalidValueException when an email attribute is not an email, or a value is not a
   *     valid alias (the message names the attribute, never the value)
   * @throws IllegalStateException when a source hashes emails and no key is given
   */
  public List<Alias> aliasesOf(Signal signal, Optional<IdentityKey> key) {
    Objects.requireNonNull(signal, "signal");
    Set<Alias> out = new LinkedHashSet<>();
    for (AliasSource source : aliases) {
      Optional<String> value =
          signal.attribute(source.attribute()).map(String::valueOf).map(String::trim).filter(v -> !v.isEmpty());
      if (value.isEmpty()) {
        continue;
      }
      try {
        out.add(alias(source, value.get(), key));
      } catch (InvalidValueException e) {
        throw new InvalidValueException(
            "signal " + signal.id() + " attribute " + source.attribute(),
            "a valid " + source.type() + " identifier (identity section of the journey file)",
            "a value of " + value.get().length() + " characters: " + e.getMessage());
      }
    }
    return new ArrayList<>(out);
  }

  private static Alias alias(AliasSource source, String value, Optional<IdentityKey> key) {
    switch (source.type()) {
      case Alias.EMAIL:
        return key.orElseThrow(() -> new IllegalStateException(
                "the identity section hashes attribute '" + source.attribute() + "' as an email, but no key was given"))
            .email(value);
      case Alias.DOMAIN:
        return Alias.domain(value.indexOf('@') >= 0 ? IdentityKey.domainOf(value) : value);
      default:
        return Alias.of(source.type(), value);
    }
  }

  /** A resolver on {@code store} with this policy, merging the journey's features. */
  public IdentityResolver resolver(JourneyStore store, JourneyModel model, FeatureSet features, Clock clock) {
    return IdentityResolver.builder()
        .store(store)
        .model(model)
        .features(features)
        .policy(policy)
        .clock(clock)
        .build();
  }

  @Override
  public String toString() {
    return "IdentityConfig[aliases=" + aliases + ", keyEnvironment=" + keyEnvironment + "]";
  }
}
