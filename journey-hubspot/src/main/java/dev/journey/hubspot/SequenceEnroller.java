package dev.journey.hubspot;

import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolls contacts in sequences: resolves the sender (the given owner or the contact's owner) to
 * a user id and email through the owners API, cached for an hour, checks after an earlier attempt
 * whether that attempt already enrolled the contact, then enrolls. Thread-safe.
 */
final class SequenceEnroller {
  private static final Logger LOG = LoggerFactory.getLogger(SequenceEnroller.class);
  static final Duration OWNER_CACHE_TTL = Duration.ofHours(1);

  private final HubSpotConfig config;
  private final Transport transport;
  private final Map<String, CachedOwner> owners = new ConcurrentHashMap<>();

  private record CachedOwner(String userId, String email, Instant fetchedAt) {}

  SequenceEnroller(HubSpotConfig config, Transport transport) {
    this.config = config;
    this.transport = transport;
  }

  ExecutionResult enroll(OutboxEntry entry, HubSpotCall.Enroll call) {
    String contactId = call.contactId();
    String ownerId;
    if (call.senderOwnerId().isPresent()) {
      ownerId = call.senderOwnerId().get();
    } else {
      Transport.Reply contact = transport.send(
          "GET", "/crm/v3/objects/contacts/" + contactId + "?properties=hubspot_owner_id", null);
      if (!contact.ok()) {
        return contact.failure;
      }
      ownerId = Optional.ofNullable(Transport.ErrorBody.text(contact.body.path("properties"), "hubspot_owner_id"))
          .orElse("");
      if (ownerId.isEmpty()) {
        return ExecutionResult.permanent(
            "EnrollSequence has no sender: no senderOwnerId and contact " + contactId + " has no owner");
      }
    }
    CachedOwner owner = owners.get(ownerId);
    Instant now = config.clock.instant();
    if (owner == null || owner.fetchedAt.plus(OWNER_CACHE_TTL).isBefore(now)) {
      if (!CallPlanner.isId(ownerId)) {
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
    if (entry.attempts() > 0) {
      // an earlier attempt may have enrolled the contact before its answer was lost
      Transport.Reply current = transport.send(
          "GET", "/automation/v4/sequences/enrollments/contact/" + contactId, null);
      if (current.ok() && call.sequenceId().equals(Transport.ErrorBody.text(current.body, "sequenceId"))) {
        return ExecutionResult.done();
      }
      if (!current.ok() && !(current.failure instanceof ExecutionResult.Permanent)) {
        return current.failure;
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contactId", contactId);
    body.put("sequenceId", call.sequenceId());
    body.put("senderEmail", owner.email);
    Transport.Reply reply = transport.send(
        "POST",
        "/automation/v4/sequences/enrollments?userId=" + URLEncoder.encode(owner.userId, StandardCharsets.UTF_8),
        body);
    if (!reply.ok()) {
      return reply.failure;
    }
    LOG.debug("enrolled contact {} in sequence {}", contactId, call.sequenceId());
    return ExecutionResult.done();
  }
}
