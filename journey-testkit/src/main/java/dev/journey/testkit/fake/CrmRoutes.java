package dev.journey.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * The fake's endpoints: each HubSpot route it serves, validated as the public specs require, over
 * the {@link CrmState}. Rate limits, faults and the HTTP exchange are the server's business.
 */
final class CrmRoutes {
  private static final Pattern BATCH =
      Pattern.compile("/crm/v3/objects/(contacts|companies|0-3|tasks|notes)/batch/(update|upsert|create|read)");
  private static final Pattern SEARCH = Pattern.compile("/crm/v3/objects/(contacts|companies|0-3|tasks|notes)/search");
  private static final Pattern OBJECT = Pattern.compile("/crm/v3/objects/(contacts|companies|0-3)/([^/]+)");
  private static final Pattern PROPERTY = Pattern.compile("/crm/v3/properties/([a-z0-9-]+)/([^/]+)");
  private static final Pattern LIST_GET = Pattern.compile("/crm/v3/lists/([0-9]+)");
  private static final Pattern PIPELINE = Pattern.compile("/crm/v3/pipelines/deals/([^/]+)");
  private static final Pattern ASSOC = Pattern.compile("/crm/v4/associations/([a-z0-9-]+)/([a-z0-9-]+)/batch/create");
  private static final Pattern LIST = Pattern.compile("/crm/v3/lists/([0-9]+)/memberships/(add|remove)");
  private static final Pattern OWNER = Pattern.compile("/crm/v3/owners/([^/]+)");
  private static final Pattern ENROLL_GET = Pattern.compile("/automation/v4/sequences/enrollments/contact/([^/]+)");

  private final CrmState state;
  private final Clock clock;
  private final ObjectMapper json;
  private final Duration searchIndexDelay;
  private final IntSupplier requestCount;

  CrmRoutes(CrmState state, Clock clock, ObjectMapper json, Duration searchIndexDelay, IntSupplier requestCount) {
    this.state = state;
    this.clock = clock;
    this.json = json;
    this.searchIndexDelay = searchIndexDelay;
    this.requestCount = requestCount;
  }

  static final class Answer {
    final int status;
    final JsonNode body;

    Answer(int status, JsonNode body) {
      this.status = status;
      this.body = body;
    }
  }

  Answer route(FakeHubSpot.RecordedRequest r, byte[] raw, URI uri) throws IOException {
    String m = r.method();
    String path = r.path();
    Matcher x;
    if (m.equals("POST") && (x = BATCH.matcher(path)).matches()) {
      switch (x.group(2)) {
        case "update":
          return batchUpdate(x.group(1), body(raw));
        case "create":
          return batchCreate(x.group(1), body(raw));
        case "read":
          return batchRead(x.group(1), body(raw));
        default:
          return batchUpsert(x.group(1), body(raw));
      }
    }
    if (m.equals("POST") && (x = SEARCH.matcher(path)).matches()) {
      return search(x.group(1), body(raw));
    }
    if (m.equals("GET") && (x = PROPERTY.matcher(path)).matches()) {
      return property(normal(x.group(1)), x.group(2));
    }
    if (m.equals("GET") && (x = LIST_GET.matcher(path)).matches()) {
      return listOf(x.group(1));
    }
    if (m.equals("GET") && (x = PIPELINE.matcher(path)).matches()) {
      return pipeline(x.group(1));
    }
    if (m.equals("POST") && (x = ASSOC.matcher(path)).matches()) {
      return associate(x.group(1), x.group(2), body(raw));
    }
    if (m.equals("PUT") && (x = LIST.matcher(path)).matches()) {
      return membership(x.group(1), x.group(2).equals("add"), body(raw));
    }
    if (m.equals("POST") && path.equals("/automation/v4/sequences/enrollments")) {
      return enroll(query(uri).get("userId"), body(raw));
    }
    if (m.equals("GET") && (x = ENROLL_GET.matcher(path)).matches()) {
      return enrollmentOf(x.group(1));
    }
    if (m.equals("GET") && (x = OWNER.matcher(path)).matches()) {
      return owner(x.group(1));
    }
    if (m.equals("GET") && (x = OBJECT.matcher(path)).matches()) {
      return getObject(x.group(1), x.group(2));
    }
    throw new BadRequest(404, "OBJECT_NOT_FOUND", "no fake endpoint for " + m + " " + path);
  }

  private Answer batchUpdate(String type, JsonNode body) {
    ArrayNode inputs = inputs(body);
    synchronized (state.lock) {
      Map<String, Map<String, String>> store = state.objects.get(type);
      ArrayNode results = json.createArrayNode();
      ArrayNode errors = json.createArrayNode();
      Set<String> seen = new LinkedHashSet<>();
      for (JsonNode input : inputs) {
        String id = requiredText(input, "id");
        Map<String, String> props = properties(input);
        if (!seen.add(id)) {
          throw new BadRequest(400, "VALIDATION_ERROR", "Duplicate IDs found in batch input: [" + id + "]");
        }
        Map<String, String> target = store.get(id);
        if (target == null) {
          ObjectNode e = error("OBJECT_NOT_FOUND", "Object not found. objectId are usually numeric.");
          e.put("status", "error");
          e.putObject("context").putArray("ids").add(id);
          errors.add(e);
          continue;
        }
        target.putAll(props);
        results.add(simpleObject(id, target, null, null));
      }
      return batchAnswer(results, errors);
    }
  }

  private Answer batchUpsert(String type, JsonNode body) {
    ArrayNode inputs = inputs(body);
    synchronized (state.lock) {
      Map<String, Map<String, String>> store = state.objects.get(type);
      ArrayNode results = json.createArrayNode();
      for (JsonNode input : inputs) {
        String id = requiredText(input, "id");
        String idProperty = input.hasNonNull("idProperty") ? input.get("idProperty").asText() : "hs_object_id";
        Map<String, String> props = properties(input);
        String trace = input.hasNonNull("objectWriteTraceId") ? input.get("objectWriteTraceId").asText() : null;
        if (!idProperty.equals("hs_object_id") && !state.uniqueProperties.get(type).contains(idProperty)) {
          throw new BadRequest(400, "VALIDATION_ERROR",
              "Property " + idProperty + " is not a unique identifier property of " + type);
        }
        String existing = idProperty.equals("hs_object_id")
            ? (store.containsKey(id) ? id : null)
            : state.uniqueIndex.computeIfAbsent(type + "." + idProperty, k -> new java.util.HashMap<>()).get(id);
        boolean created = existing == null;
        if (created) {
          if ((type.equals("tasks") || type.equals("notes")) && !props.containsKey("hs_timestamp")) {
            throw new BadRequest(400, "VALIDATION_ERROR", "hs_timestamp is required to create " + type);
          }
          existing = Long.toString(state.nextId.incrementAndGet());
          state.createdAt.put(type + "/" + existing, clock.instant());
          Map<String, String> fresh = new LinkedHashMap<>();
          if (!idProperty.equals("hs_object_id")) {
            fresh.put(idProperty, id);
          }
          store.put(existing, fresh);
        }
        store.get(existing).putAll(props);
        for (String unique : state.uniqueProperties.get(type)) {
          String value = store.get(existing).get(unique);
          if (value != null) {
            state.uniqueIndex.computeIfAbsent(type + "." + unique, k -> new java.util.HashMap<>()).put(value, existing);
          }
        }
        ObjectNode o = simpleObject(existing, store.get(existing), trace, created);
        results.add(o);
      }
      return batchAnswer(results, json.createArrayNode());
    }
  }

  private Answer batchCreate(String type, JsonNode body) {
    if (!type.equals("tasks") && !type.equals("notes")) {
      throw new BadRequest(400, "VALIDATION_ERROR", "this fake creates only tasks and notes");
    }
    ArrayNode inputs = inputs(body);
    synchronized (state.lock) {
      Map<String, Map<String, String>> store = state.objects.get(type);
      ArrayNode results = json.createArrayNode();
      for (JsonNode input : inputs) {
        Map<String, String> props = properties(input);
        if (!props.containsKey("hs_timestamp")) {
          throw new BadRequest(400, "VALIDATION_ERROR", "hs_timestamp is required to create " + type);
        }
        String trace = input.hasNonNull("objectWriteTraceId") ? input.get("objectWriteTraceId").asText() : null;
        String id = Long.toString(state.nextId.incrementAndGet());
        store.put(id, new LinkedHashMap<>(props));
        state.createdAt.put(type + "/" + id, clock.instant());
        results.add(simpleObject(id, store.get(id), trace, null));
      }
      ObjectNode out = (ObjectNode) batchAnswer(results, json.createArrayNode()).body;
      return new Answer(201, out);
    }
  }

  /** Batch read by record id: the requested properties of each record, a 207 for missing ones. */
  private Answer batchRead(String type, JsonNode body) {
    ArrayNode inputs = inputs(body);
    JsonNode wanted = body.path("properties");
    synchronized (state.lock) {
      ArrayNode results = json.createArrayNode();
      ArrayNode errors = json.createArrayNode();
      for (JsonNode input : inputs) {
        String id = requiredText(input, "id");
        Map<String, String> record = state.objects.get(type).get(id);
        if (record == null) {
          ObjectNode e = error("OBJECT_NOT_FOUND", "Could not get some " + type + " objects, they may be deleted or not exist.");
          e.putObject("context").putArray("ids").add(id);
          errors.add(e);
          continue;
        }
        Map<String, String> picked = new LinkedHashMap<>();
        for (JsonNode p : wanted) {
          if (record.containsKey(p.asText())) {
            picked.put(p.asText(), record.get(p.asText()));
          }
        }
        results.add(simpleObject(id, picked, null, null));
      }
      return batchAnswer(results, errors);
    }
  }

  /** CRM search with one filter group of EQ/IN filters; objects are found only after the index delay. */
  private Answer search(String type, JsonNode body) {
    JsonNode groups = body.path("filterGroups");
    if (!groups.isArray() || groups.size() != 1) {
      throw new BadRequest(400, "VALIDATION_ERROR", "this fake supports exactly one filter group");
    }
    synchronized (state.lock) {
      Instant indexed = clock.instant().minus(searchIndexDelay);
      ArrayNode results = json.createArrayNode();
      for (Map.Entry<String, Map<String, String>> e : state.objects.get(type).entrySet()) {
        Instant made = state.createdAt.getOrDefault(type + "/" + e.getKey(), Instant.MIN);
        if (made.isAfter(indexed)) {
          continue;
        }
        boolean all = true;
        for (JsonNode f : groups.get(0).path("filters")) {
          String value = e.getValue().get(requiredText(f, "propertyName"));
          String op = requiredText(f, "operator");
          boolean match;
          if (op.equals("EQ")) {
            match = f.path("value").asText().equals(value);
          } else if (op.equals("IN")) {
            match = false;
            for (JsonNode v : f.path("values")) {
              match |= v.asText().equals(value);
            }
          } else {
            throw new BadRequest(400, "VALIDATION_ERROR", "this fake supports EQ and IN, not " + op);
          }
          all &= match;
        }
        if (all && results.size() < Math.max(1, Math.min(200, body.path("limit").asInt(10)))) {
          results.add(simpleObject(e.getKey(), e.getValue(), null, null));
        }
      }
      ObjectNode out = json.createObjectNode();
      out.put("total", results.size());
      out.set("results", results);
      return new Answer(200, out);
    }
  }

  private Answer property(String type, String name) {
    synchronized (state.lock) {
      boolean unique = state.uniqueProperties.getOrDefault(type, Set.of()).contains(name);
      boolean plain = state.plainProperties.getOrDefault(type, Set.of()).contains(name);
      if (!unique && !plain) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "Unable to find property " + name + " on " + type);
      }
      ObjectNode o = json.createObjectNode();
      o.put("name", name);
      o.put("label", name);
      o.put("type", "string");
      o.put("fieldType", "text");
      o.put("groupName", "journey");
      o.put("hasUniqueValue", unique);
      return new Answer(200, o);
    }
  }

  private Answer listOf(String listId) {
    synchronized (state.lock) {
      if (!state.lists.containsKey(listId)) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "List " + listId + " does not exist");
      }
      ObjectNode o = json.createObjectNode();
      ObjectNode list = o.putObject("list");
      list.put("listId", listId);
      list.put("processingType", "MANUAL");
      list.put("objectTypeId", "0-1");
      list.put("name", "list " + listId);
      return new Answer(200, o);
    }
  }

  private Answer pipeline(String pipelineId) {
    synchronized (state.lock) {
      List<String> stages = state.pipelines.get(pipelineId);
      if (stages == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "pipeline " + pipelineId + " does not exist");
      }
      ObjectNode o = json.createObjectNode();
      o.put("id", pipelineId);
      o.put("label", pipelineId);
      ArrayNode a = o.putArray("stages");
      for (String stage : stages) {
        a.addObject().put("id", stage).put("label", stage);
      }
      return new Answer(200, o);
    }
  }

  private Answer associate(String fromType, String toType, JsonNode body) {
    ArrayNode inputs = inputs(body);
    synchronized (state.lock) {
      ArrayNode results = json.createArrayNode();
      ArrayNode errors = json.createArrayNode();
      for (JsonNode input : inputs) {
        String from = requiredText(input.path("from"), "id");
        String to = requiredText(input.path("to"), "id");
        JsonNode types = input.get("types");
        if (types == null || !types.isArray() || types.isEmpty()) {
          throw new BadRequest(400, "VALIDATION_ERROR", "types is required");
        }
        Map<String, Map<String, String>> fromStore = state.objects.get(normal(fromType));
        Map<String, Map<String, String>> toStore = state.objects.get(normal(toType));
        if (fromStore == null || toStore == null) {
          throw new BadRequest(400, "VALIDATION_ERROR", "unknown object type " + fromType + " or " + toType);
        }
        if (!fromStore.containsKey(from) || !toStore.containsKey(to)) {
          ObjectNode e = error("OBJECT_NOT_FOUND", "No object with id " + (fromStore.containsKey(from) ? to : from));
          e.putObject("context").putArray("ids").add(fromStore.containsKey(from) ? to : from);
          errors.add(e);
          continue;
        }
        for (JsonNode t : types) {
          String category = requiredText(t, "associationCategory");
          if (!Set.of("HUBSPOT_DEFINED", "INTEGRATOR_DEFINED", "USER_DEFINED", "WORK").contains(category)) {
            throw new BadRequest(400, "VALIDATION_ERROR", "bad associationCategory " + category);
          }
          if (!t.path("associationTypeId").isInt()) {
            throw new BadRequest(400, "VALIDATION_ERROR", "associationTypeId must be an integer");
          }
          state.associations.add(new FakeHubSpot.AssociationRecord(normal(fromType), from, normal(toType), to, t.get("associationTypeId").asInt()));
        }
        ObjectNode o = json.createObjectNode();
        o.put("fromObjectTypeId", fromType);
        o.put("fromObjectId", from);
        o.put("toObjectTypeId", toType);
        o.put("toObjectId", to);
        o.putArray("labels");
        results.add(o);
      }
      Answer a = batchAnswer(results, errors);
      return a.status == 200 ? new Answer(201, a.body) : a;
    }
  }

  private Answer membership(String listId, boolean add, JsonNode body) {
    if (body == null || !body.isArray()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "body must be an array of record ids");
    }
    synchronized (state.lock) {
      Set<String> members = state.lists.get(listId);
      if (members == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "List " + listId + " does not exist");
      }
      ObjectNode out = json.createObjectNode();
      ArrayNode added = out.putArray("recordsIdsAdded");
      ArrayNode removed = out.putArray("recordIdsRemoved");
      ArrayNode missing = out.putArray("recordIdsMissing");
      for (JsonNode id : body) {
        if (!id.isTextual()) {
          throw new BadRequest(400, "VALIDATION_ERROR", "record ids must be strings");
        }
        String rid = id.asText();
        if (!state.objects.get("contacts").containsKey(rid)) {
          missing.add(rid);
        } else if (add && members.add(rid)) {
          added.add(rid);
        } else if (!add && members.remove(rid)) {
          removed.add(rid);
        }
      }
      return new Answer(200, out);
    }
  }

  private Answer enroll(String userId, JsonNode body) {
    if (userId == null || userId.isEmpty()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "userId query parameter is required");
    }
    String contactId = requiredText(body, "contactId");
    String sequenceId = requiredText(body, "sequenceId");
    String senderEmail = requiredText(body, "senderEmail");
    synchronized (state.lock) {
      if (!state.objects.get("contacts").containsKey(contactId)) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "contact " + contactId + " not found");
      }
      for (FakeHubSpot.Enrollment e : state.enrollments) {
        if (e.contactId().equals(contactId)) {
          throw new BadRequest(400, "VALIDATION_ERROR", "contact is already enrolled in a sequence");
        }
      }
      state.enrollments.add(new FakeHubSpot.Enrollment(contactId, sequenceId, userId, senderEmail));
      ObjectNode o = json.createObjectNode();
      o.put("id", Long.toString(state.nextId.incrementAndGet()));
      o.put("toEmail", state.objects.get("contacts").get(contactId).getOrDefault("email", ""));
      o.put("enrolledAt", clock.instant().toString());
      o.put("updatedAt", clock.instant().toString());
      return new Answer(200, o);
    }
  }

  private Answer enrollmentOf(String contactId) {
    synchronized (state.lock) {
      for (FakeHubSpot.Enrollment e : state.enrollments) {
        if (e.contactId().equals(contactId)) {
          ObjectNode o = json.createObjectNode();
          o.put("id", "enr-" + contactId);
          o.put("sequenceId", e.sequenceId());
          o.put("sequenceName", "sequence " + e.sequenceId());
          o.put("enrolledBy", e.userId());
          o.put("enrolledByEmail", e.senderEmail());
          o.put("toEmail", "");
          o.put("enrolledAt", clock.instant().toString());
          o.put("updatedAt", clock.instant().toString());
          return new Answer(200, o);
        }
      }
      throw new BadRequest(404, "OBJECT_NOT_FOUND", "contact " + contactId + " is not enrolled");
    }
  }

  private Answer owner(String id) {
    synchronized (state.lock) {
      CrmState.Owner o = state.owners.get(id);
      if (o == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "owner " + id + " not found");
      }
      ObjectNode n = json.createObjectNode();
      n.put("id", o.id());
      n.put("email", o.email());
      n.put("userId", o.userId());
      n.put("userIdIncludingInactive", o.userId());
      n.put("type", "PERSON");
      n.put("archived", false);
      n.putArray("teams");
      n.put("createdAt", clock.instant().toString());
      n.put("updatedAt", clock.instant().toString());
      return new Answer(200, n);
    }
  }

  private Answer getObject(String type, String id) {
    synchronized (state.lock) {
      Map<String, String> o = state.objects.get(type).get(id);
      if (o == null) {
        throw new BadRequest(404, "OBJECT_NOT_FOUND", "Object not found");
      }
      return new Answer(200, simpleObject(id, o, null, null));
    }
  }

  // ------------------------------------------------------------------ helpers

  private ObjectNode simpleObject(String id, Map<String, String> props, String trace, Boolean created) {
    ObjectNode o = json.createObjectNode();
    o.put("id", id);
    ObjectNode p = o.putObject("properties");
    props.forEach(p::put);
    p.put("hs_object_id", id);
    o.put("createdAt", clock.instant().toString());
    o.put("updatedAt", clock.instant().toString());
    o.put("archived", false);
    if (created != null) {
      o.put("new", created.booleanValue());
    }
    if (trace != null) {
      o.put("objectWriteTraceId", trace);
    }
    return o;
  }

  private Answer batchAnswer(ArrayNode results, ArrayNode errors) {
    ObjectNode out = json.createObjectNode();
    out.put("status", "COMPLETE");
    out.set("results", results);
    out.put("startedAt", clock.instant().toString());
    out.put("completedAt", clock.instant().toString());
    if (errors.isEmpty()) {
      return new Answer(200, out);
    }
    out.set("errors", errors);
    out.put("numErrors", errors.size());
    return new Answer(207, out);
  }

  private ArrayNode inputs(JsonNode body) {
    JsonNode inputs = body == null ? null : body.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "inputs is required and must be an array");
    }
    if (inputs.size() > 100) {
      throw new BadRequest(400, "VALIDATION_ERROR", "at most 100 inputs, but got " + inputs.size());
    }
    return (ArrayNode) inputs;
  }

  private static Map<String, String> properties(JsonNode input) {
    JsonNode props = input.get("properties");
    if (props == null || !props.isObject()) {
      throw new BadRequest(400, "VALIDATION_ERROR", "properties is required and must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : props.properties()) {
      if (!f.getValue().isTextual()) {
        throw new BadRequest(400, "VALIDATION_ERROR", "property " + f.getKey() + " must be a string");
      }
      out.put(f.getKey(), f.getValue().asText());
    }
    return out;
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw new BadRequest(400, "VALIDATION_ERROR", field + " is required and must be a string");
    }
    return v.asText();
  }

  private JsonNode body(byte[] raw) throws IOException {
    if (raw.length == 0) {
      throw new BadRequest(400, "VALIDATION_ERROR", "a JSON body is required");
    }
    return json.readTree(raw);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String normal(String type) {
    switch (type) {
      case "deals":
      case "deal":
      case "0-3":
        return "0-3";
      case "contact":
      case "0-1":
        return "contacts";
      case "company":
      case "0-2":
        return "companies";
      case "task":
        return "tasks";
      case "note":
        return "notes";
      default:
        return type;
    }
  }

  ObjectNode error(String category, String message) {
    ObjectNode e = json.createObjectNode();
    e.put("status", "error");
    e.put("message", message);
    e.put("correlationId", "00000000-0000-4000-8000-" + String.format(Locale.ROOT, "%012d", requestCount.getAsInt()));
    e.put("category", category);
    return e;
  }

  ObjectNode rateLimitBody(String policy) {
    ObjectNode e = json.createObjectNode();
    e.put("status", "error");
    e.put("message", "You have reached your " + policy.toLowerCase(Locale.ROOT) + " limit.");
    e.put("errorType", "RATE_LIMIT");
    e.put("correlationId", "00000000-0000-4000-8000-000000000429");
    e.put("policyName", policy);
    e.put("requestId", "req-" + requestCount.getAsInt());
    return e;
  }

  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String category;

    BadRequest(int status, String category, String message) {
      super(message);
      this.status = status;
      this.category = category;
    }
  }
}
