package dev.journey.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.ObjectType;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Notify;
import dev.journey.core.action.Recycle;
import dev.journey.core.action.ResumeOutreach;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes journey actions against one HubSpot account, as an {@link ActionExecutor} for the
 * core {@link dev.journey.core.engine.OutboxRelay}. Actions of the same kind are coalesced into
 * batch requests of at most {@link HubSpotConfig.Builder#maxBatchSize} inputs, and a 207
 * multi-status answer is mapped back to each action. Nothing here sleeps or retries by itself:
 * rate limits, locks and server errors come back as {@link ExecutionResult#retryAfter}, unknown
 * outcomes as {@link ExecutionResult#ambiguous}, and validation/scope/not-found failures as
 * {@link ExecutionResult#permanent}, so the relay owns retries and dead letters.
 *
 * <p>The mapping (see {@code docs/hubspot.md}): SetProperty, AssignOwner ({@code
 * hubspot_owner_id}), UpdateDealStage ({@code pipeline}, {@code dealstage}) and Recycle are batch
 * property updates; CreateTask, Notify (task or note) and Escalate are batch upserts of tasks or
 * notes keyed on the unique {@link HubSpotConfig#actionIdProperty()} (so a retry after a timeout
 * cannot duplicate them), then associated through associations v4; SuppressOutreach and
 * ResumeOutreach add to or remove from a static list; EnrollSequence enrolls through the
 * sequences API, with the sender's user id resolved through owners; UnenrollSequence is either
 * a marker-property write or a permanent "unsupported" failure.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * HubSpotExecutor hubspot = HubSpotExecutor.create(config);
 * OutboxRelay relay = OutboxRelay.builder(engine.store(), hubspot).clock(clock).build();
 * }</pre>
 */
public final class HubSpotExecutor implements ActionExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(HubSpotExecutor.class);
  private static final Duration OWNER_CACHE_TTL = Duration.ofHours(1);
  private static final Set<String> PERMANENT_CATEGORIES =
      Set.of("VALIDATION_ERROR", "OBJECT_NOT_FOUND", "CONFLICT", "MISSING_SCOPES", "INVALID_AUTHENTICATION",
          "BAD_REQUEST", "NOT_FOUND", "FORBIDDEN");
  private static final Set<String> TRANSIENT_CATEGORIES =
      Set.of("RATE_LIMIT", "RATE_LIMITS", "LOCKED", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT");

  private final HubSpotConfig config;
  private final Transport transport;
  private final Map<String, CachedOwner> owners = new ConcurrentHashMap<>();

  private HubSpotExecutor(HubSpotConfig config) {
    this.config = config;
    this.transport = new Transport(config, new ObjectMapper());
  }

  /**
   * Creates an executor.
   *
   * @param config the configuration
   * @return the executor
   */
  public static HubSpotExecutor create(HubSpotConfig config) {
    return new HubSpotExecutor(Objects.requireNonNull(config, "config"));
  }

  /** The failure that stopped this portal (a repeated 401), if it is stopped. */
  public Optional<HubSpotAuthenticationException> stoppedBy() {
    return transport.stoppedBy();
  }

  /** Lets calls to a stopped portal through again, e.g. after the token was replaced. */
  public void resume() {
    transport.resume();
  }

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    Objects.requireNonNull(action, "action");
    OutboxEntry entry =
        new OutboxEntry(action, 0, config.clock.instant(), Math.max(0, attempt - 1), config.clock.instant(), "");
    return executeAll(List.of(entry)).get(0);
  }

  @Override
  public List<ExecutionResult> executeAll(List<OutboxEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    ExecutionResult[] results = new ExecutionResult[entries.size()];
    Map<String, List<Item>> groups = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      OutboxEntry entry = entries.get(i);
      Item item = plan(i, entry);
      if (item.immediate != null) {
        results[i] = item.immediate;
      } else {
        groups.computeIfAbsent(item.groupKey, k -> new ArrayList<>()).add(item);
      }
    }
    for (List<Item> group : groups.values()) {
      for (int from = 0; from < group.size(); from += config.maxBatchSize) {
        List<Item> chunk = group.subList(from, Math.min(group.size(), from + config.maxBatchSize));
        runChunk(chunk, results);
      }
    }
    List<ExecutionResult> out = new ArrayList<>(results.length);
    for (int i = 0; i < results.length; i++) {
      out.add(Objects.requireNonNull(results[i], "no result for entry " + i));
    }
    return out;
  }

  // ---------------------------------------------------------------- planning

  private enum Op {
    UPDATE,
    UPSERT,
    LIST_ADD,
    LIST_REMOVE,
    ENROLL
  }

  private record Association(String toType, String toId, int typeId) {}

  private static final class Item {
    final int index;
    final OutboxEntry entry;
    Op op;
    String groupKey;
    String objectPath; // contacts, 0-3, tasks, notes
    String recordId;
    String listId;
    Map<String, String> properties = new LinkedHashMap<>();
    List<Association> associations = new ArrayList<>();
    ExecutionResult immediate;

    Item(int index, OutboxEntry entry) {
      this.index = index;
      this.entry = entry;
    }

    String actionId() {
      return entry.actionId();
    }
  }

  private Item plan(int index, OutboxEntry entry) {
    Item item = new Item(index, entry);
    Action action = entry.action();
    SubjectRef subject = action.subject();
    switch (action.kind()) {
      case SET_PROPERTY:
        SetProperty set = (SetProperty) action;
        return update(item, subject, Map.of(set.name(), set.value()));
      case ASSIGN_OWNER:
        return update(item, subject, Map.of("hubspot_owner_id", ((AssignOwner) action).ownerId()));
      case UPDATE_DEAL_STAGE:
        UpdateDealStage stage = (UpdateDealStage) action;
        if (subject.type() != ObjectType.DEAL) {
          return permanent(item, "UpdateDealStage needs a deal subject, but was " + subject);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pipeline", stage.pipelineId());
        p.put("dealstage", stage.stageId());
        return update(item, subject, p);
      case RECYCLE:
        return update(item, subject, Map.of(config.recycleProperty, ((Recycle) action).reasonCode()));
      case UNENROLL_SEQUENCE:
        if (config.unenrollMarkerProperty.isEmpty()) {
          return permanent(
              item,
              "unsupported: HubSpot has no API to unenroll from a sequence; configure"
                  + " unenrollMarkerProperty for a workflow to act on");
        }
        return update(
            item, subject, Map.of(config.unenrollMarkerProperty.get(), ((UnenrollSequence) action).sequenceId()));
      case CREATE_TASK:
        CreateTask task = (CreateTask) action;
        return task(item, subject, task.title(), taskBody(task), task.ownerId(), task.dueAt(),
            task.priority(), task.taskType(), task.context());
      case NOTIFY:
        Notify notify = (Notify) action;
        if (config.notifyAs == HubSpotConfig.NotifyAs.NOTE) {
          return note(item, subject, notify.message(), notify.recipientId());
        }
        return task(item, subject, "Journey notification", notify.message(), notify.recipientId(),
            entry.createdAt(), "MEDIUM", "TODO", Map.of());
      case ESCALATE:
        Escalate esc = (Escalate) action;
        return task(item, subject, "Journey escalation, level " + esc.level(), esc.reason(), esc.toOwnerId(),
            entry.createdAt(), "HIGH", "TODO", Map.of());
      case SUPPRESS_OUTREACH:
        return list(item, subject, ((SuppressOutreach) action).channel(), true);
      case RESUME_OUTREACH:
        return list(item, subject, ((ResumeOutreach) action).channel(), false);
      case ENROLL_SEQUENCE:
        if (subject.type() != ObjectType.CONTACT) {
          return permanent(item, "EnrollSequence needs a contact subject, but was " + subject);
        }
        item.op = Op.ENROLL;
        item.groupKey = "enroll:" + index;
        return item;
      default:
        return permanent(item, "unsupported action kind " + action.kind());
    }
  }

  private static Item permanent(Item item, String reason) {
    item.immediate = ExecutionResult.permanent(reason);
    return item;
  }

  private Item update(Item item, SubjectRef subject, Map<String, String> properties) {
    String path = objectPath(subject.type());
    if (path == null) {
      return permanent(
          item,
          "unsupported: " + item.entry.action().kind() + " on " + subject.type().key()
              + " subjects; only contacts and deals are written");
    }
    item.op = Op.UPDATE;
    item.objectPath = path;
    item.recordId = subject.id();
    item.properties.putAll(properties);
    item.groupKey = "update:" + path;
    return item;
  }

  private Item task(Item item, SubjectRef subject, String title, String body, String ownerId, Instant due,
      String priority, String type, Map<String, String> context) {
    item.op = Op.UPSERT;
    item.objectPath = "tasks";
    item.groupKey = "upsert:tasks";
    item.properties.put("hs_timestamp", due.toString());
    item.properties.put("hs_task_subject", title);
    item.properties.put("hs_task_body", body);
    item.properties.put("hs_task_status", "NOT_STARTED");
    item.properties.put("hs_task_priority", priority);
    item.properties.put("hs_task_type", type);
    if (!ownerId.isEmpty()) {
      item.properties.put("hubspot_owner_id", ownerId);
    }
    item.properties.put(config.actionIdProperty, item.actionId());
    associate(item, subject, 204, 216, 192);
    String deal = context.get("dealId");
    if (deal != null && subject.type() != ObjectType.DEAL && isId(deal)) {
      item.associations.add(new Association("deals", deal, 216));
    }
    String contact = context.get("contactId");
    if (contact != null && subject.type() != ObjectType.CONTACT && isId(contact)) {
      item.associations.add(new Association("contacts", contact, 204));
    }
    return item;
  }

  private Item note(Item item, SubjectRef subject, String body, String ownerId) {
    item.op = Op.UPSERT;
    item.objectPath = "notes";
    item.groupKey = "upsert:notes";
    item.properties.put("hs_timestamp", item.entry.createdAt().toString());
    item.properties.put("hs_note_body", body);
    item.properties.put("hubspot_owner_id", ownerId);
    item.properties.put(config.actionIdProperty, item.actionId());
    associate(item, subject, 202, 214, 190);
    return item;
  }

  private static void associate(Item item, SubjectRef subject, int toContact, int toDeal, int toCompany) {
    switch (subject.type()) {
      case CONTACT:
        item.associations.add(new Association("contacts", subject.id(), toContact));
        break;
      case DEAL:
        item.associations.add(new Association("deals", subject.id(), toDeal));
        break;
      default:
        item.associations.add(new Association("companies", subject.id(), toCompany));
        break;
    }
  }

  private Item list(Item item, SubjectRef subject, String channel, boolean add) {
    String listId = config.suppressionLists.get(channel);
    if (listId == null) {
      return permanent(
          item,
          "no suppression list configured for channel '" + channel + "'; configured: "
              + new java.util.TreeSet<>(config.suppressionLists.keySet()));
    }
    item.op = add ? Op.LIST_ADD : Op.LIST_REMOVE;
    item.listId = listId;
    item.recordId = subject.id();
    item.groupKey = (add ? "list-add:" : "list-remove:") + listId;
    return item;
  }

  private static String taskBody(CreateTask task) {
    if (task.context().isEmpty()) {
      return task.body();
    }
    StringBuilder s = new StringBuilder(task.body());
    s.append(task.body().isEmpty() ? "" : "\n\n").append("Handoff context:");
    task.context().forEach((k, v) -> s.append("\n- ").append(k).append(": ").append(v));
    return s.toString();
  }

  private static String objectPath(ObjectType type) {
    switch (type) {
      case CONTACT:
        return "contacts";
      case DEAL:
        return "0-3";
      default:
        return null;
    }
  }

  private static boolean isId(String s) {
    return !s.isEmpty() && s.length() <= 19 && s.chars().allMatch(Character::isDigit);
  }

  // ---------------------------------------------------------------- running

  private void runChunk(List<Item> chunk, ExecutionResult[] results) {
    switch (chunk.get(0).op) {
      case UPDATE:
        runUpdate(chunk, results);
        break;
      case UPSERT:
        runUpsert(chunk, results);
        break;
      case LIST_ADD:
      case LIST_REMOVE:
        runList(chunk, results);
        break;
      case ENROLL:
        for (Item item : chunk) {
          results[item.index] = enroll(item);
        }
        break;
      default:
        throw new IllegalStateException("unknown op " + chunk.get(0).op);
    }
  }

  private void runUpdate(List<Item> chunk, ExecutionResult[] results) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Item item : chunk) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("id", item.recordId);
      input.put("objectWriteTraceId", item.actionId());
      input.put("properties", item.properties);
      inputs.add(input);
    }
    String path = "/crm/v3/objects/" + chunk.get(0).objectPath + "/batch/update";
    Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs));
    if (splitOnWholeFailure(reply, chunk, results, this::runUpdate)) {
      return;
    }
    Set<String> doneIds = new HashSet<>();
    for (JsonNode r : reply.body.path("results")) {
      doneIds.add(r.path("id").asText());
    }
    Map<Item, ExecutionResult> errors = attributeErrors(reply.body, chunk, "ids");
    for (Item item : chunk) {
      ExecutionResult error = errors.get(item);
      if (error != null) {
        results[item.index] = error;
      } else if (reply.status != 207 || doneIds.contains(item.recordId)) {
        results[item.index] = ExecutionResult.done();
      } else {
        results[item.index] = ExecutionResult.ambiguous("207 from " + path + " without an outcome for this input");
      }
    }
  }

  private void runUpsert(List<Item> chunk, ExecutionResult[] results) {
    String type = chunk.get(0).objectPath;
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (Item item : chunk) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("idProperty", config.actionIdProperty);
      input.put("id", item.actionId());
      input.put("objectWriteTraceId", item.actionId());
      input.put("properties", item.properties);
      inputs.add(input);
    }
    String path = "/crm/v3/objects/" + type + "/batch/upsert";
    Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs));
    if (splitOnWholeFailure(reply, chunk, results, this::runUpsert)) {
      return;
    }
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
    Map<Item, ExecutionResult> errors = attributeErrors(reply.body, chunk, "objectWriteTraceId");
    List<Item> created = new ArrayList<>();
    Map<Item, String> objectIds = new LinkedHashMap<>();
    for (Item item : chunk) {
      ExecutionResult error = errors.get(item);
      String objectId = objectIdByAction.get(item.actionId());
      if (error != null) {
        results[item.index] = error;
      } else if (objectId == null) {
        results[item.index] = ExecutionResult.ambiguous(
            reply.status + " from " + path + " without a result for this input");
      } else {
        created.add(item);
        objectIds.put(item, objectId);
      }
    }
    associate(type, created, objectIds, results);
  }

  private void associate(String fromType, List<Item> items, Map<Item, String> objectIds, ExecutionResult[] results) {
    Map<String, List<Item>> byTarget = new LinkedHashMap<>();
    for (Item item : items) {
      results[item.index] = ExecutionResult.done();
      for (Association a : item.associations) {
        byTarget.computeIfAbsent(a.toType, k -> new ArrayList<>()).add(item);
      }
    }
    for (Map.Entry<String, List<Item>> target : byTarget.entrySet()) {
      String toType = target.getKey();
      List<Map<String, Object>> inputs = new ArrayList<>();
      List<Item> involved = new ArrayList<>();
      for (Item item : target.getValue()) {
        for (Association a : item.associations) {
          if (!a.toType.equals(toType)) {
            continue;
          }
          Map<String, Object> input = new LinkedHashMap<>();
          input.put("from", Map.of("id", objectIds.get(item)));
          input.put("to", Map.of("id", a.toId));
          input.put("types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", a.typeId)));
          inputs.add(input);
          involved.add(item);
        }
      }
      String path = "/crm/v4/associations/" + fromType + "/" + toType + "/batch/create";
      Transport.Reply reply = transport.send("POST", path, Map.of("inputs", inputs));
      if (!reply.ok()) {
        for (Item item : involved) {
          results[item.index] = worst(results[item.index], explainAssociation(reply.failure, fromType, objectIds.get(item)));
        }
        continue;
      }
      if (reply.status == 207) {
        for (JsonNode error : reply.body.path("errors")) {
          ExecutionResult r = classifyError(error, path);
          boolean attributed = false;
          for (Item item : involved) {
            if (mentions(error, objectIds.get(item)) || item.associations.stream().anyMatch(a -> mentions(error, a.toId))) {
              results[item.index] = worst(results[item.index], explainAssociation(r, fromType, objectIds.get(item)));
              attributed = true;
            }
          }
          if (!attributed) {
            for (Item item : involved) {
              results[item.index] = worst(results[item.index],
                  ExecutionResult.ambiguous("unattributed association error from " + path));
            }
          }
        }
      }
    }
  }

  private static ExecutionResult explainAssociation(ExecutionResult r, String fromType, String objectId) {
    String prefix = "created " + fromType + " " + objectId + " but could not associate it: ";
    if (r instanceof ExecutionResult.Permanent) {
      return ExecutionResult.permanent(prefix + ((ExecutionResult.Permanent) r).reason());
    }
    if (r instanceof ExecutionResult.RetryAfter) {
      ExecutionResult.RetryAfter ra = (ExecutionResult.RetryAfter) r;
      return ExecutionResult.retryAfter(ra.delay(), prefix + ra.reason());
    }
    if (r instanceof ExecutionResult.Ambiguous) {
      return ExecutionResult.ambiguous(prefix + ((ExecutionResult.Ambiguous) r).reason());
    }
    return r;
  }

  /** Keeps the more severe outcome: permanent over retry over ambiguous over done. */
  private static ExecutionResult worst(ExecutionResult a, ExecutionResult b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(ExecutionResult r) {
    if (r instanceof ExecutionResult.Permanent) {
      return 3;
    }
    if (r instanceof ExecutionResult.RetryAfter) {
      return 2;
    }
    if (r instanceof ExecutionResult.Ambiguous) {
      return 1;
    }
    return 0;
  }

  private void runList(List<Item> chunk, ExecutionResult[] results) {
    Item first = chunk.get(0);
    List<String> ids = new ArrayList<>();
    for (Item item : chunk) {
      ids.add(item.recordId);
    }
    String path = "/crm/v3/lists/" + first.listId + "/memberships/" + (first.op == Op.LIST_ADD ? "add" : "remove");
    Transport.Reply reply = transport.send("PUT", path, ids);
    if (splitOnWholeFailure(reply, chunk, results, this::runList)) {
      return;
    }
    Set<String> missing = new HashSet<>();
    for (JsonNode id : reply.body.path("recordIdsMissing")) {
      missing.add(id.asText());
    }
    for (Item item : chunk) {
      results[item.index] = missing.contains(item.recordId)
          ? ExecutionResult.permanent("record " + item.recordId + " does not exist in HubSpot (list " + first.listId + ")")
          : ExecutionResult.done();
    }
  }

  /**
   * Handles a whole-request failure: a permanent failure of a multi-input batch is retried input
   * by input (one bad input must not dead-letter its neighbours); anything else applies to all.
   *
   * @return {@code true} when the chunk is fully handled
   */
  private boolean splitOnWholeFailure(
      Transport.Reply reply, List<Item> chunk, ExecutionResult[] results,
      java.util.function.BiConsumer<List<Item>, ExecutionResult[]> rerun) {
    if (reply.ok()) {
      return false;
    }
    if (reply.failure instanceof ExecutionResult.Permanent && chunk.size() > 1) {
      for (Item item : chunk) {
        rerun.accept(List.of(item), results);
      }
      return true;
    }
    for (Item item : chunk) {
      results[item.index] = reply.failure;
    }
    return true;
  }

  private Map<Item, ExecutionResult> attributeErrors(JsonNode body, List<Item> chunk, String contextKey) {
    Map<Item, ExecutionResult> out = new LinkedHashMap<>();
    for (JsonNode error : body.path("errors")) {
      ExecutionResult r = classifyError(error, "batch input");
      Set<String> keys = new HashSet<>();
      for (String key : List.of("objectWriteTraceId", "ids", contextKey)) {
        for (JsonNode v : error.path("context").path(key)) {
          keys.add(v.asText());
        }
      }
      String id = Transport.ErrorBody.text(error, "id");
      if (id != null) {
        keys.add(id);
      }
      for (Item item : chunk) {
        if (keys.contains(item.actionId()) || item.recordId != null && keys.contains(item.recordId)) {
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

  private static ExecutionResult classifyError(JsonNode error, String where) {
    String category = Transport.ErrorBody.text(error, "category");
    String message = Transport.ErrorBody.text(error, "message");
    String status = Transport.ErrorBody.text(error, "status");
    String reason = String.format(Locale.ROOT, "HubSpot %s%s on %s: %s",
        status == null ? "error" : status, category == null ? "" : " " + category, where,
        message == null ? "no message" : message);
    if (category != null && PERMANENT_CATEGORIES.contains(category)) {
      return ExecutionResult.permanent(reason);
    }
    if (category != null && TRANSIENT_CATEGORIES.contains(category)) {
      return ExecutionResult.retryAfter(Duration.ZERO, reason);
    }
    if (status != null && status.matches("[45][0-9][0-9]")) {
      return status.startsWith("4") && !status.equals("429") && !status.equals("423")
          ? ExecutionResult.permanent(reason)
          : ExecutionResult.retryAfter(Duration.ZERO, reason);
    }
    return ExecutionResult.ambiguous(reason);
  }

  // ---------------------------------------------------------------- sequences

  private record CachedOwner(String userId, String email, Instant fetchedAt) {}

  private ExecutionResult enroll(Item item) {
    EnrollSequence action = (EnrollSequence) item.entry.action();
    String contactId = action.subject().id();
    String ownerId = action.senderOwnerId();
    if (ownerId.isEmpty()) {
      Transport.Reply contact = transport.send(
          "GET", "/crm/v3/objects/contacts/" + contactId + "?properties=hubspot_owner_id", null);
      if (!contact.ok()) {
        return contact.failure;
      }
      ownerId = Optional.ofNullable(Transport.ErrorBody.text(contact.body.path("properties"), "hubspot_owner_id"))
          .orElse("");
      if (ownerId.isEmpty()) {
        return ExecutionResult.permanent(
            "EnrollSequence has no sender: senderOwnerId is empty and contact " + contactId + " has no owner");
      }
    }
    CachedOwner owner = owners.get(ownerId);
    Instant now = config.clock.instant();
    if (owner == null || owner.fetchedAt.plus(OWNER_CACHE_TTL).isBefore(now)) {
      if (!isId(ownerId)) {
        return ExecutionResult.permanent("owner id must be numeric, but was '" + ownerId + "'");
      }
      Transport.Reply reply = transport.send("GET", "/crm/v3/owners/" + ownerId, null);
      if (!reply.ok()) {
        return reply.failure;
      }
      String userId = Transport.ErrorBody.text(reply.body, "userId");
      String email = Transport.ErrorBody.text(reply.body, "email");
      if (userId == null || email == null) {
        return ExecutionResult.permanent(
            "owner " + ownerId + " cannot send sequences: it has no active user id or email (archived or a queue?)");
      }
      owner = new CachedOwner(userId, email, now);
      owners.put(ownerId, owner);
    }
    if (item.entry.attempts() > 0) {
      // an earlier attempt may have enrolled the contact before its answer was lost
      Transport.Reply current = transport.send(
          "GET", "/automation/v4/sequences/enrollments/contact/" + contactId, null);
      if (current.ok() && action.sequenceId().equals(Transport.ErrorBody.text(current.body, "sequenceId"))) {
        return ExecutionResult.done();
      }
      if (!current.ok() && !(current.failure instanceof ExecutionResult.Permanent)) {
        return current.failure;
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contactId", contactId);
    body.put("sequenceId", action.sequenceId());
    body.put("senderEmail", owner.email);
    Transport.Reply reply = transport.send(
        "POST",
        "/automation/v4/sequences/enrollments?userId=" + URLEncoder.encode(owner.userId, StandardCharsets.UTF_8),
        body);
    if (!reply.ok()) {
      return reply.failure;
    }
    LOG.debug("enrolled {} in sequence {}", action.subject(), action.sequenceId());
    return ExecutionResult.done();
  }

  /** Prints the configuration, never the token. */
  @Override
  public String toString() {
    return "HubSpotExecutor[" + config + "]";
  }
}
