package dev.journey.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The bounded in-memory {@link WebhookQuarantine}. Thread-safe. */
final class InMemoryWebhookQuarantine implements WebhookQuarantine {
  private final int capacity;
  private final Map<String, QuarantinedWebhookEvent> events = new LinkedHashMap<>();

  InMemoryWebhookQuarantine(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void put(QuarantinedWebhookEvent event) {
    Objects.requireNonNull(event, "event");
    if (!events.containsKey(event.id()) && events.size() >= capacity) {
      throw new WebhookQuarantineFullException(capacity, event.id());
    }
    events.put(event.id(), event);
  }

  @Override
  public synchronized List<QuarantinedWebhookEvent> list(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
    }
    List<QuarantinedWebhookEvent> out = new ArrayList<>();
    for (QuarantinedWebhookEvent e : events.values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized Optional<QuarantinedWebhookEvent> get(String id) {
    return Optional.ofNullable(events.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public synchronized boolean remove(String id) {
    return events.remove(Objects.requireNonNull(id, "id")) != null;
  }

  @Override
  public synchronized int size() {
    return events.size();
  }

  @Override
  public String toString() {
    return "InMemoryWebhookQuarantine[capacity=" + capacity + ", size=" + size() + "]";
  }
}
