package dev.journey.hubspot;

import java.util.List;
import java.util.Optional;

/**
 * Where a {@link WebhookReceiver} keeps the webhook events it could not turn into stored signals,
 * so that no event of an acknowledged batch is lost: an event is either handed to the sink or put
 * here, and the receiver answers 2xx only when every event of the batch is one or the other.
 *
 * <p>A small SPI: {@link #of} backs it by a store's quarantine area, {@link #inMemory(int)} is a
 * bounded in-process implementation. Implementations must be thread-safe, and {@link #put}
 * must be idempotent on {@link QuarantinedWebhookEvent#id()} (a redelivered batch quarantines the
 * same event again).
 */
public interface WebhookQuarantine {

  /**
   * Keeps an event, replacing one with the same id.
   *
   * @param event the event
   * @throws RuntimeException when it cannot be kept (then the receiver answers 503 and HubSpot
   *     redelivers the batch); {@link WebhookQuarantineFullException} for a full in-memory area
   */
  void put(QuarantinedWebhookEvent event);

  /**
   * The oldest events first.
   *
   * @param limit at most this many, at least 1
   * @return the events
   */
  List<QuarantinedWebhookEvent> list(int limit);

  /** The event with this id, if kept. */
  Optional<QuarantinedWebhookEvent> get(String id);

  /**
   * Discards an event (after it was re-submitted, or on purpose).
   *
   * @return whether it was there
   */
  boolean remove(String id);

  /** How many events are kept. */
  int size();

  /**
   * A bounded in-memory quarantine: events are kept in arrival order, and a put beyond {@code
   * capacity} fails with {@link WebhookQuarantineFullException} instead of dropping anything.
   *
   * @param capacity most events kept, at least 1
   * @return the quarantine
   * @throws IllegalArgumentException when {@code capacity < 1}
   */
  static WebhookQuarantine inMemory(int capacity) {
    return new InMemoryWebhookQuarantine(capacity);
  }

  /**
   * A quarantine kept in a store's quarantine area ({@link dev.journey.core.spi.Quarantine}, e.g.
   * the in-memory store; durable stores follow), as {@code EXTERNAL_EVENT} inputs: inspectable
   * and discardable with the store's own tools too.
   *
   * @param store the store's quarantine
   * @return the quarantine
   */
  static WebhookQuarantine of(dev.journey.core.spi.Quarantine store) {
    return new StoreWebhookQuarantine(store);
  }
}
