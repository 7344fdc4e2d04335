package dev.journey.hubspot;

import dev.journey.core.spi.Quarantine;
import dev.journey.core.spi.QuarantinedInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link WebhookQuarantine} backed by a store's {@link Quarantine} area: each event is kept as
 * a {@link QuarantinedInput.Kind#EXTERNAL_EVENT} whose reason starts with the event's kind (and
 * {@code [truncated]} when its text was cut). Thread-safe when the store is.
 */
final class StoreWebhookQuarantine implements WebhookQuarantine {
  private static final String TRUNCATED = "[truncated] ";

  private final Quarantine store;

  StoreWebhookQuarantine(Quarantine store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void put(QuarantinedWebhookEvent event) {
    Objects.requireNonNull(event, "event");
    int attempts = store.inspect(QuarantinedInput.Kind.EXTERNAL_EVENT, event.id())
        .map(q -> q.attempts() + 1).orElse(1);
    store.quarantine(new QuarantinedInput(QuarantinedInput.Kind.EXTERNAL_EVENT, event.id(), Optional.empty(),
        (event.truncated() ? TRUNCATED : "") + event.kind() + ": " + event.reason(), event.event(), attempts,
        event.receivedAt()));
  }

  @Override
  public List<QuarantinedWebhookEvent> list(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
    }
    List<QuarantinedWebhookEvent> out = new ArrayList<>();
    for (QuarantinedInput input : store.quarantined()) {
      if (out.size() >= limit) {
        break;
      }
      toEvent(input).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  @Override
  public Optional<QuarantinedWebhookEvent> get(String id) {
    return store.inspect(QuarantinedInput.Kind.EXTERNAL_EVENT, Objects.requireNonNull(id, "id"))
        .flatMap(StoreWebhookQuarantine::toEvent);
  }

  @Override
  public boolean remove(String id) {
    return store.discard(QuarantinedInput.Kind.EXTERNAL_EVENT, Objects.requireNonNull(id, "id"));
  }

  @Override
  public int size() {
    int n = 0;
    for (QuarantinedInput input : store.quarantined()) {
      if (toEvent(input).isPresent()) {
        n++;
      }
    }
    return n;
  }

  /** Only this adapter's entries: external events whose reason starts with a webhook kind. */
  private static Optional<QuarantinedWebhookEvent> toEvent(QuarantinedInput input) {
    if (input.kind() != QuarantinedInput.Kind.EXTERNAL_EVENT) {
      return Optional.empty();
    }
    String reason = input.reason();
    boolean truncated = reason.startsWith(TRUNCATED);
    if (truncated) {
      reason = reason.substring(TRUNCATED.length());
    }
    for (QuarantinedWebhookEvent.Kind kind : QuarantinedWebhookEvent.Kind.values()) {
      String prefix = kind + ": ";
      if (reason.startsWith(prefix)) {
        return Optional.of(new QuarantinedWebhookEvent(input.id(), kind, reason.substring(prefix.length()),
            input.content(), truncated, input.quarantinedAt()));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "StoreWebhookQuarantine[" + store.getClass().getSimpleName() + "]";
  }
}
