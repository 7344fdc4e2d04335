package dev.journey.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.hubspot.HubSpotCall.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Sends one chunk of planned calls of the same group as one batch request and attributes the
 * answer (200, or 207 multi-status) to each input. A create is done only when its associations
 * exist: if they fail, the created object's id is remembered and the next attempt only
 * associates. Thread-safe: chunks run concurrently.
 */
final class BatchRunner {
  /** The most created-but-not-yet-associated objects remembered; beyond it a retry re-upserts. */
  static final int MAX_REMEMBERED = 100_000;
  /** The longest wait after a whole batch failed with 5xx. */
  static final Duration MAX_BATCH_BACKOFF = Duration.ofMinutes(5);

  /** One planned call with the outbox entry it serves and its slot in the results. */
  record Item(int index, OutboxEntry entry, HubSpotCall call) {
    String actionId() {
      return entry.actionId();
    }

    String recordId() {
      if (call instanceof HubSpotCall.Update) {
        return ((HubSpotCall.Update) call).recordId();
      }
      if (call instanceof HubSpotCall.ListMembership) {
        return ((HubSpotCall.ListMembership) call).recordId();
      }
      return null;
    }
  }

  private final HubSpotConfig config;
  private final Transport transport;
  private final SequenceEnroller enroller;
  private final Map<String, String> awaitingAssociation = new ConcurrentHashMap<>();
  private final Map<String, Instant> ambiguousCreates = new ConcurrentHashMap<>();

  BatchRunner(HubSpotConfig config, Transport transport) {
    this.config = config;
    this.transport = transport;
    this.enroller = new SequenceEnroller(config, transport);
  }

  /** Runs one chunk (calls of one group, at most the batch size); fills {@code results}. */
  void run(List<Item> chunk, ExecutionResult[] results) {
    HubSpotCall first = chunk.get(0).call();
    if (first instanceof HubSpotCall.Update) {
      runUpdate(chunk, results);
    } else if (first instanceof HubSpotCall.Upsert) {
      runUpsert(chunk, results);
    } else if (first instanceof HubSpotCall.UpsertByEmail) {
      runUpsertByEmail(chunk, results);
    } else if (first instanceof HubSpotCall.ListMembership) {
      runList(chunk, results);
    } else if (first instanceof HubSpotCall.Enroll) {
      for (Item item : chunk) {
        results[item.index()] = enroller.enroll(item.entry(), (HubSpotCall.Enroll) item.call());
      }
    } else {
      throw new IllegalStateException("not a batchable call: " + first.getClass().getSimpleName());
    }
  }

  // ---------------------------------------------------------------- updates

  private void runUpdate(List<Item> chunk, ExecutionResult[] results) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Item item : chunk) {
      HubSpotCall.Update u = (HubSpotCall.Update) item.call();
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("id", u.recordId());
      input.put("objectWriteTraceId", item.actionId());
      input.put("properties", u.properties());
      inputs.add(input);
    }
    String path = "/crm/v3/objects/" + ((HubSpotCall.Update) chunk.get(0).call()).objectPath() + "/batch/update";
    Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs), retrying(chunk));
    if (wholeFailure(reply, chunk, results, this::runUpdate)) {
      return;
    }
    Set<String> doneIds = new HashSet<>();
    for (JsonNode r : reply.body.path("results")) {
      doneIds.add(r.path("id").asText());
    }
    Map<Item, ExecutionResult> errors = attributeErrors(reply.body, chunk);
    for (Item item : chunk) {
      ExecutionResult error = errors.get(item);
      if (error != null) {
        results[item.index()] = error;
      } else if (reply.status != 207 || doneIds.contains(item.recordId())) {
        results[item.index()] = ExecutionResult.done();
      } else {
        results[item.index()] = ExecutionResult.ambiguous("207 from " + path + " without an outcome for this input");
      }
    }
  }

  /** Contact create-or-update by email; each result is matched by trace id or by its email. */
  private void runUpsertByEmail(List<Item> chunk, ExecutionResult[] results) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Item item : chunk) {
      HubSpotCall.UpsertByEmail u = (HubSpotCall.UpsertByEmail) item.call();
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("idProperty", "email");
      input.put("id", u.email());
      input.put("objectWriteTraceId", item.actionId());
      input.put("properties", u.properties());
      inputs.add(input);
    }
    String path = "/crm/v3/objects/contacts/batch/upsert";
    Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs), retrying(chunk));
    if (wholeFailure(reply, chunk, results, this::runUpsertByEmail)) {
      return;
    }
    Set<String> done = new HashSet<>();
    for (JsonNode r : reply.body.path("results")) {
      String trace = Transport.ErrorBody.text(r, "objectWriteTraceId");
      if (trace != null) {
        done.add(trace);
      }
      String email = Transport.ErrorBody.text(r.path("properties"), "email");
      if (email != null) {
        done.add("email:" + email.toLowerCase(Locale.ROOT));
      }
    }
    Map<Item, ExecutionResult> errors = attributeErrors(reply.body, chunk);
    for (Item item : chunk) {
      String email = ((HubSpotCall.UpsertByEmail) item.call()).email();
      ExecutionResult error = errors.get(item);
      if (error != null) {
        results[item.index()] = error;
      } else if (done.contains(item.actionId()) || done.contains("email:" + email)) {
        results[item.index()] = ExecutionResult.done();
      } else {
        results[item.index()] = ExecutionResult.ambiguous(reply.status + " from " + path + " without a result for this input");
      }
    }
  }

  // ---------------------------------------------------------------- creates and associations

  private void runUpsert(List<Item> chunk, ExecutionResult[] results) {
    String type = ((HubSpotCall.Upsert) chunk.get(0).call()).objectPath();
    Map<Item, String> known = new LinkedHashMap<>();
    List<Item> toCreate = new ArrayList<>();
    for (Item item : chunk) {
      String objectId = awaitingAssociation.get(item.actionId());
      if (objectId != null) {
        known.put(item, objectId);
      } else {
        toCreate.add(item);
      }
    }
    Map<Item, String> toAssociate = new LinkedHashMap<>(known);
    if (!toCreate.isEmpty()) {
      Duration wait = transport.waitForRoom(2);
      if (!wait.isZero()) {
        // a create needs a second request for its associations: do not start what cannot finish now
        for (Item item : toCreate) {
          results[item.index()] = ExecutionResult.deferred(wait,
              "rate limit: no room for the create and its associations in the 10 s window; not sent");
        }
      } else if (config.idempotency == HubSpotConfig.Idempotency.UNIQUE_PROPERTY) {
        toAssociate.putAll(upsertKeyed(type, toCreate, results));
      } else {
        toAssociate.putAll(createSearched(type, toCreate, results));
      }
    }
    if (!toAssociate.isEmpty()) {
      associate(type, toAssociate, results);
    }
  }

  /** Upserts keyed on the action id; returns the items created (or found) with their object ids. */
  private Map<Item, String> upsertKeyed(String type, List<Item> chunk, ExecutionResult[] results) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Item item : chunk) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("idProperty", config.actionIdProperty);
      input.put("id", item.actionId());
      input.put("objectWriteTraceId", item.actionId());
      input.put("properties", ((HubSpotCall.Upsert) item.call()).properties());
      inputs.add(input);
    }
    String path = "/crm/v3/objects/" + type + "/batch/upsert";
    Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs), retrying(chunk));
    Map<Item, String> rerun = new LinkedHashMap<>();
    if (wholeFailure(reply, chunk, results, (c, r) -> rerun.putAll(upsertKeyed(type, c, r)))) {
      return rerun;
    }
    return created(reply, path, chunk, results);
  }

  /** Attributes a create/upsert answer: created items with their ids; others get their result. */
  private Map<Item, String> created(Transport.Reply reply, String path, List<Item> chunk, ExecutionResult[] results) {
    Map<String, String> objectIdByAction = new LinkedHashMap<>();
    for (JsonNode r : reply.body.path("results")) {
      String trace = Transport.ErrorBody.text(r, "objectWriteTraceId");
      if (trace == null) {
        trace = Transport.ErrorBody.text(r.path("properties"), config.actionIdProperty);
      }
      String id = Transport.ErrorBody.text(r, "id");
      if (trace != null && id != null) {
        objectIdByAction.put(trace, id);
      }
    }
    Map<Item, ExecutionResult> errors = attributeErrors(reply.body, chunk);
    Map<Item, String> created = new LinkedHashMap<>();
    for (Item item : chunk) {
      ExecutionResult error = errors.get(item);
      String objectId = objectIdByAction.get(item.actionId());
      if (error != null) {
        results[item.index()] = error;
      } else if (objectId == null) {
        results[item.index()] = ExecutionResult.ambiguous(
            reply.status + " from " + path + " without a result for this input");
        if (config.idempotency == HubSpotConfig.Idempotency.SEARCH_BEFORE_RETRY) {
          ambiguousCreates.put(item.actionId(), config.clock.instant());
        }
      } else {
        created.put(item, objectId);
      }
    }
    return created;
  }

  /**
   * The fallback without a unique property: search for objects an earlier attempt may have made
   * (after the index delay), create the rest with a plain batch create.
   */
  private Map<Item, String> createSearched(String type, List<Item> chunk, ExecutionResult[] results) {
    Instant now = config.clock.instant();
    List<Item> search = new ArrayList<>();
    List<Item> fresh = new ArrayList<>();
    for (Item item : chunk) {
      Instant sent = ambiguousCreates.get(item.actionId());
      if (sent != null && now.isBefore(sent.plus(config.searchIndexDelay))) {
        results[item.index()] = ExecutionResult.deferred(Duration.between(now, sent.plus(config.searchIndexDelay)),
            "an earlier create of this " + type + " may have succeeded; waiting " + config.searchIndexDelay
                + " for HubSpot's search index before searching");
      } else if (item.entry().attempts() > 0 || sent != null) {
        search.add(item);
      } else {
        fresh.add(item);
      }
    }
    Map<Item, String> found = new LinkedHashMap<>();
    if (!search.isEmpty()) {
      List<String> ids = new ArrayList<>();
      search.forEach(i -> ids.add(i.actionId()));
      Map<String, Object> filter = new LinkedHashMap<>();
      filter.put("propertyName", config.actionIdProperty);
      filter.put("operator", "IN");
      filter.put("values", ids);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("filterGroups", List.of(Map.of("filters", List.of(filter))));
      body.put("properties", List.of(config.actionIdProperty));
      body.put("limit", 100);
      Transport.Reply reply = transport.send("POST", "/crm/v3/objects/" + type + "/search", body);
      if (!reply.ok()) {
        for (Item item : search) {
          results[item.index()] = reply.failure;
        }
      } else {
        Map<String, String> byAction = new LinkedHashMap<>();
        for (JsonNode r : reply.body.path("results")) {
          String action = Transport.ErrorBody.text(r.path("properties"), config.actionIdProperty);
          String id = Transport.ErrorBody.text(r, "id");
          if (action != null && id != null) {
            byAction.putIfAbsent(action, id);
          }
        }
        for (Item item : search) {
          String id = byAction.get(item.actionId());
          if (id != null) {
            found.put(item, id);
          } else {
            fresh.add(item);
          }
        }
      }
    }
    if (!fresh.isEmpty()) {
      found.putAll(createPlain(type, fresh, results));
    }
    return found;
  }

  private Map<Item, String> createPlain(String type, List<Item> chunk, ExecutionResult[] results) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Item item : chunk) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("objectWriteTraceId", item.actionId());
      input.put("properties", ((HubSpotCall.Upsert) item.call()).properties());
      inputs.add(input);
    }
    String path = "/crm/v3/objects/" + type + "/batch/create";
    Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs), retrying(chunk));
    if (!reply.ok() && reply.failure instanceof ExecutionResult.Ambiguous) {
      Instant now = config.clock.instant();
      chunk.forEach(i -> ambiguousCreates.put(i.actionId(), now));
    }
    Map<Item, String> rerun = new LinkedHashMap<>();
    if (wholeFailure(reply, chunk, results, (c, r) -> rerun.putAll(createPlain(type, c, r)))) {
      return rerun;
    }
    return created(reply, path, chunk, results);
  }

  private void associate(String fromType, Map<Item, String> objectIds, ExecutionResult[] results) {
    Map<String, List<Item>> byTarget = new LinkedHashMap<>();
    for (Map.Entry<Item, String> e : objectIds.entrySet()) {
      Item item = e.getKey();
      results[item.index()] = ExecutionResult.done();
      for (Target t : ((HubSpotCall.Upsert) item.call()).associations()) {
        byTarget.computeIfAbsent(t.toPath(), k -> new ArrayList<>()).add(item);
      }
    }
    for (Map.Entry<String, List<Item>> target : byTarget.entrySet()) {
      String toType = target.getKey();
      List<Map<String, Object>> inputs = new ArrayList<>();
      Set<Item> involved = new java.util.LinkedHashSet<>(target.getValue());
      for (Item item : involved) {
        for (Target t : ((HubSpotCall.Upsert) item.call()).associations()) {
          if (!t.toPath().equals(toType)) {
            continue;
          }
          Map<String, Object> input = new LinkedHashMap<>();
          input.put("from", Map.of("id", objectIds.get(item)));
          input.put("to", Map.of("id", t.toId()));
          input.put("types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", t.typeId())));
          inputs.add(input);
        }
      }
      String path = "/crm/v4/associations/" + fromType + "/" + toType + "/batch/create";
      Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs), retrying(involved));
      if (!reply.ok()) {
        for (Item item : involved) {
          results[item.index()] = worst(results[item.index()],
              explainAssociation(reply.failure, fromType, objectIds.get(item)));
        }
        continue;
      }
      if (reply.status == 207) {
        for (JsonNode error : reply.body.path("errors")) {
          ExecutionResult r = classifyInput(error, path);
          boolean attributed = false;
          for (Item item : involved) {
            boolean mine = mentions(error, objectIds.get(item))
                || ((HubSpotCall.Upsert) item.call()).associations().stream().anyMatch(t -> mentions(error, t.toId()));
            if (mine) {
              results[item.index()] = worst(results[item.index()], explainAssociation(r, fromType, objectIds.get(item)));
              attributed = true;
            }
          }
          if (!attributed) {
            for (Item item : involved) {
              results[item.index()] = worst(results[item.index()],
                  ExecutionResult.ambiguous("unattributed association error from " + path));
            }
          }
        }
      }
    }
    for (Map.Entry<Item, String> e : objectIds.entrySet()) {
      String actionId = e.getKey().actionId();
      ExecutionResult r = results[e.getKey().index()];
      if (r instanceof ExecutionResult.Done || r instanceof ExecutionResult.Permanent) {
        awaitingAssociation.remove(actionId);
        ambiguousCreates.remove(actionId);
      } else if (awaitingAssociation.size() < MAX_REMEMBERED) {
        awaitingAssociation.put(actionId, e.getValue());
      }
    }
  }

  private static ExecutionResult explainAssociation(ExecutionResult r, String fromType, String objectId) {
    String prefix = "created " + fromType + " " + objectId + " but could not associate it yet: ";
    if (r instanceof ExecutionResult.Permanent) {
      return ExecutionResult.permanent(prefix + ((ExecutionResult.Permanent) r).reason());
    }
    if (r instanceof ExecutionResult.RetryAfter) {
      ExecutionResult.RetryAfter ra = (ExecutionResult.RetryAfter) r;
      return ExecutionResult.retryAfter(ra.delay(), prefix + ra.reason());
    }
    if (r instanceof ExecutionResult.Deferred) {
      ExecutionResult.Deferred d = (ExecutionResult.Deferred) r;
      return ExecutionResult.deferred(d.delay(), prefix + d.reason());
    }
    if (r instanceof ExecutionResult.Ambiguous) {
      return ExecutionResult.ambiguous(prefix + ((ExecutionResult.Ambiguous) r).reason());
    }
    return r;
  }

  /** Keeps the more severe outcome: permanent, retry, deferred, ambiguous, done. */
  static ExecutionResult worst(ExecutionResult a, ExecutionResult b) {
    return rank(b) > rank(a) ? b : a;
  }

  static int rank(ExecutionResult r) {
    if (r instanceof ExecutionResult.Permanent) {
      return 4;
    }
    if (r instanceof ExecutionResult.RetryAfter) {
      return 3;
    }
    if (r instanceof ExecutionResult.Deferred) {
      return 2;
    }
    if (r instanceof ExecutionResult.Ambiguous) {
      return 1;
    }
    return 0;
  }

  // ---------------------------------------------------------------- lists

  private void runList(List<Item> chunk, ExecutionResult[] results) {
    HubSpotCall.ListMembership first = (HubSpotCall.ListMembership) chunk.get(0).call();
    List<String> ids = new ArrayList<>();
    for (Item item : chunk) {
      ids.add(item.recordId());
    }
    String path = "/crm/v3/lists/" + first.listId() + "/memberships/" + (first.add() ? "add" : "remove");
    Transport.Reply reply = transport.send("PUT", path, ids, retrying(chunk));
    if (wholeFailure(reply, chunk, results, this::runList)) {
      return;
    }
    Set<String> missing = new HashSet<>();
    for (JsonNode id : reply.body.path("recordIdsMissing")) {
      missing.add(id.asText());
    }
    for (Item item : chunk) {
      results[item.index()] = missing.contains(item.recordId())
          ? ExecutionResult.permanent(
              "record " + item.recordId() + " does not exist in HubSpot (list " + first.listId() + ")")
          : ExecutionResult.done();
    }
  }

  // ---------------------------------------------------------------- failures

  /** Whether a request for these items re-sends an action the relay attempted before. */
  private static boolean retrying(java.util.Collection<Item> items) {
    for (Item item : items) {
      if (item.entry().attempts() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Handles a whole-request failure: a permanent failure of a multi-input batch is retried input
   * by input (one bad input must not dead-letter its neighbours); a 5xx gives every input the
   * same backoff so that the relay retries them together as one batch; anything else applies to
   * all.
   *
   * @return {@code true} when the chunk is fully handled
   */
  private boolean wholeFailure(
      Transport.Reply reply, List<Item> chunk, ExecutionResult[] results, BiConsumer<List<Item>, ExecutionResult[]> rerun) {
    if (reply.ok()) {
      return false;
    }
    if (reply.failure instanceof ExecutionResult.Permanent && chunk.size() > 1) {
      for (Item item : chunk) {
        rerun.accept(List.of(item), results);
      }
      return true;
    }
    ExecutionResult failure = reply.failure;
    if (reply.status >= 500 && failure instanceof ExecutionResult.RetryAfter) {
      ExecutionResult.RetryAfter ra = (ExecutionResult.RetryAfter) failure;
      int attempts = 0;
      for (Item item : chunk) {
        attempts = Math.max(attempts, item.entry().attempts());
      }
      Duration backoff = config.batchRetryBackoff.multipliedBy(1L << Math.min(attempts, 20));
      if (backoff.compareTo(MAX_BATCH_BACKOFF) > 0) {
        backoff = MAX_BATCH_BACKOFF;
      }
      Duration wait = ra.delay().compareTo(backoff) > 0 ? ra.delay() : backoff;
      failure = ExecutionResult.retryAfter(wait, ra.reason() + String.format(Locale.ROOT,
          " (whole batch of %d; retried together after %s)", chunk.size(), wait));
    }
    for (Item item : chunk) {
      results[item.index()] = failure;
    }
    return true;
  }

  private Map<Item, ExecutionResult> attributeErrors(JsonNode body, List<Item> chunk) {
    Map<Item, ExecutionResult> out = new LinkedHashMap<>();
    for (JsonNode error : body.path("errors")) {
      ExecutionResult r = classifyInput(error, "batch input");
      Set<String> keys = new HashSet<>();
      for (String key : List.of("objectWriteTraceId", "ids")) {
        for (JsonNode v : error.path("context").path(key)) {
          keys.add(v.asText());
        }
      }
      String id = Transport.ErrorBody.text(error, "id");
      if (id != null) {
        keys.add(id);
      }
      for (Item item : chunk) {
        if (keys.contains(item.actionId()) || item.recordId() != null && keys.contains(item.recordId())) {
          out.put(item, r);
        }
      }
    }
    return out;
  }

  private static boolean mentions(JsonNode error, String id) {
    if (id == null) {
      return false;
    }
    for (JsonNode values : error.path("context")) {
      for (JsonNode v : values) {
        if (id.equals(v.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** One input's error of a 207 answer, through the one classifier. */
  static ExecutionResult classifyInput(JsonNode error, String where) {
    String category = Transport.ErrorBody.text(error, "category");
    String message = Transport.ErrorBody.text(error, "message");
    String status = Transport.ErrorBody.text(error, "status");
    String reason = String.format(Locale.ROOT, "HubSpot %s%s on %s: %s",
        status == null ? "error" : status, category == null ? "" : " " + category, where,
        message == null ? "no message" : message);
    ErrorClassifier.Verdict verdict = ErrorClassifier.classify(ErrorClassifier.status(status), category);
    return ErrorClassifier.result(verdict, java.util.Optional.empty(), reason);
  }
}
