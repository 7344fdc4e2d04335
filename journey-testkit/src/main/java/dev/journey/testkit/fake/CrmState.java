package dev.journey.testkit.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;


/**
 * The fake's in-memory CRM: records by object type with their properties, the action id property
 * (unique or plain), static lists, owners, sequence enrollments, associations and deal pipelines.
 * Every access holds {@link #lock}.
 */
final class CrmState {
  final Object lock = new Object();
  final Map<String, Map<String, Map<String, String>>> objects = new TreeMap<>();
  final Map<String, Set<String>> uniqueProperties = new TreeMap<>();
  final Map<String, Set<String>> plainProperties = new TreeMap<>();
  final Map<String, Instant> createdAt = new java.util.HashMap<>();
  /** type.property -> unique value -> object id, so that an upsert finds its record in O(1). */
  final Map<String, Map<String, String>> uniqueIndex = new java.util.HashMap<>();
  final Map<String, List<String>> pipelines = new TreeMap<>();
  final Map<String, Set<String>> lists = new TreeMap<>();
  final Map<String, Owner> owners = new TreeMap<>();
  final List<FakeHubSpot.Enrollment> enrollments = new ArrayList<>();
  final Set<FakeHubSpot.AssociationRecord> associations = new LinkedHashSet<>();
  final AtomicLong nextId = new AtomicLong(90_000_000_000L);

  /** An owner whose user can send sequences. */
  record Owner(String id, long userId, String email) {}

  CrmState(String actionIdProperty, boolean unique) {
    for (String type : List.of("contacts", "companies", "0-3", "tasks", "notes")) {
      objects.put(type, new LinkedHashMap<>());
      uniqueProperties.put(type, new LinkedHashSet<>());
      plainProperties.put(type, new LinkedHashSet<>());
    }
    uniqueProperties.get("contacts").add("email"); // contacts are upserted by email
    if (actionIdProperty != null) {
      (unique ? uniqueProperties : plainProperties).get("tasks").add(actionIdProperty);
      (unique ? uniqueProperties : plainProperties).get("notes").add(actionIdProperty);
    }
  }

  void put(String type, String id, Map<String, String> properties) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      objects.get(type).put(id, new LinkedHashMap<>(properties));
      for (String unique : uniqueProperties.get(type)) {
        String value = properties.get(unique);
        if (value != null) {
          uniqueIndex.computeIfAbsent(type + "." + unique, k -> new java.util.HashMap<>()).put(value, id);
        }
      }
    }
  }

  Optional<Map<String, String>> object(String type, String id) {
    synchronized (lock) {
      Map<String, String> o = objects.get(type).get(id);
      return o == null ? Optional.empty() : Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(o)));
    }
  }

  Map<String, Map<String, String>> all(String type) {
    synchronized (lock) {
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      objects.get(type).forEach((k, v) -> out.put(k, Map.copyOf(v)));
      return Collections.unmodifiableMap(out);
    }
  }

}
