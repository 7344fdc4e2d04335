package dev.journey.hubspot;

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
import dev.journey.core.spi.OutboxEntry;
import dev.journey.hubspot.HubSpotCall.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns an outbox entry into the {@link HubSpotCall} that carries it out, or a refusal with the
 * reason. Pure: no I/O, no clock, same entry in, same plan out.
 */
final class CallPlanner {
  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("[^\\s@:]+@[^\\s@:]+\\.[^\\s@:]+");

  private final HubSpotConfig config;

  CallPlanner(HubSpotConfig config) {
    this.config = config;
  }

  /** The outcome of planning one entry. */
  sealed interface Plan {}

  /** Send this call. */
  record Send(HubSpotCall call) implements Plan {}

  /** Do not send: a permanent failure with its reason. */
  record Refuse(String reason) implements Plan {}

  Plan plan(OutboxEntry entry) {
    Action action = entry.action();
    SubjectRef subject = action.subject();
    switch (action.kind()) {
      case SET_PROPERTY:
        SetProperty set = (SetProperty) action;
        return update(action, Map.of(set.name(), set.value()));
      case ASSIGN_OWNER:
        return update(action, Map.of("hubspot_owner_id", ((AssignOwner) action).ownerId()));
      case UPDATE_DEAL_STAGE:
        UpdateDealStage stage = (UpdateDealStage) action;
        if (subject.type() != ObjectType.DEAL) {
          return new Refuse("UpdateDealStage needs a deal subject, but was " + subject);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pipeline", stage.pipelineId());
        p.put("dealstage", stage.stageId());
        return update(action, p);
      case RECYCLE:
        return update(action, Map.of(config.recycleProperty, ((Recycle) action).reasonCode()));
      case UNENROLL_SEQUENCE:
        if (subject.type() != ObjectType.CONTACT) {
          return new Refuse("UnenrollSequence needs a contact subject (sequences enroll contacts), but was " + subject);
        }
        if (config.unenrollMarkerProperty.isEmpty()) {
          return new Refuse(
              "unsupported: HubSpot has no API to unenroll from a sequence; configure"
                  + " unenrollMarkerProperty for a workflow to act on");
        }
        return update(action, Map.of(config.unenrollMarkerProperty.get(), ((UnenrollSequence) action).sequenceId()));
      case CREATE_TASK:
        CreateTask task = (CreateTask) action;
        return task(entry, taskBody(task), task.title(), task.ownerId(), task.dueAt(),
            task.dueAt().minus(config.taskReminderBefore), task.priority(), task.taskType(), task.context());
      case NOTIFY:
        Notify notify = (Notify) action;
        if (config.notifyAs == HubSpotConfig.NotifyAs.NOTE) {
          return note(entry, notify.message(), notify.recipientId());
        }
        return task(entry, notify.message(), "Journey notification", Optional.of(notify.recipientId()), entry.createdAt(),
            entry.createdAt(), "MEDIUM", "TODO", Map.of());
      case ESCALATE:
        Escalate esc = (Escalate) action;
        return task(entry, esc.reason(), "Journey escalation, level " + esc.level(), Optional.of(esc.toOwnerId()),
            entry.createdAt(), entry.createdAt(), "HIGH", "TODO", Map.of());
      case SUPPRESS_OUTREACH:
        return list(subject, ((SuppressOutreach) action).channel(), true);
      case RESUME_OUTREACH:
        return list(subject, ((ResumeOutreach) action).channel(), false);
      case ENROLL_SEQUENCE:
        if (subject.type() != ObjectType.CONTACT) {
          return new Refuse("EnrollSequence needs a contact subject, but was " + subject);
        }
        EnrollSequence enroll = (EnrollSequence) action;
        return new Send(new HubSpotCall.Enroll(subject.id(), enroll.sequenceId(), enroll.senderOwnerId()));
      default:
        return new Refuse("unsupported action kind " + action.kind());
    }
  }

  private Plan update(Action action, Map<String, String> properties) {
    SubjectRef subject = action.subject();
    if (subject.type() == ObjectType.CONTACT && !isId(subject.id()) && EMAIL.matcher(subject.id()).matches()) {
      return new Send(new HubSpotCall.UpsertByEmail(subject.id().toLowerCase(java.util.Locale.ROOT), properties));
    }
    return new Send(new HubSpotCall.Update(objectPath(subject.type()), subject.id(), properties));
  }

  private Plan task(OutboxEntry entry, String body, String title, Optional<String> ownerId, Instant due, Instant reminder,
      String priority, String type, Map<String, String> context) {
    SubjectRef subject = entry.action().subject();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hs_timestamp", millis(due));
    p.put("hs_task_subject", title);
    p.put("hs_task_body", body);
    p.put("hs_task_status", "NOT_STARTED");
    p.put("hs_task_priority", priority);
    p.put("hs_task_type", type);
    p.put("hs_task_reminders", millis(reminder));
    if (ownerId.isPresent() && !ownerId.get().isEmpty()) {
      p.put("hubspot_owner_id", ownerId.get());
    }
    p.put(config.actionIdProperty, entry.actionId());
    List<Target> targets = new ArrayList<>();
    targets.add(subjectTarget(subject, AssociationTypes.TASK_TO_CONTACT, AssociationTypes.TASK_TO_DEAL,
        AssociationTypes.TASK_TO_COMPANY));
    String deal = context.get("dealId");
    if (deal != null && subject.type() != ObjectType.DEAL && isId(deal)) {
      targets.add(new Target("deals", deal, AssociationTypes.TASK_TO_DEAL));
    }
    String contact = context.get("contactId");
    if (contact != null && subject.type() != ObjectType.CONTACT && isId(contact)) {
      targets.add(new Target("contacts", contact, AssociationTypes.TASK_TO_CONTACT));
    }
    return new Send(new HubSpotCall.Upsert("tasks", p, targets));
  }

  private Plan note(OutboxEntry entry, String body, String ownerId) {
    SubjectRef subject = entry.action().subject();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("hs_timestamp", millis(entry.createdAt()));
    p.put("hs_note_body", body);
    p.put("hubspot_owner_id", ownerId);
    p.put(config.actionIdProperty, entry.actionId());
    return new Send(new HubSpotCall.Upsert("notes", p, List.of(subjectTarget(subject,
        AssociationTypes.NOTE_TO_CONTACT, AssociationTypes.NOTE_TO_DEAL, AssociationTypes.NOTE_TO_COMPANY))));
  }

  private static Target subjectTarget(SubjectRef subject, int toContact, int toDeal, int toCompany) {
    switch (subject.type()) {
      case CONTACT:
        return new Target("contacts", subject.id(), toContact);
      case DEAL:
        return new Target("deals", subject.id(), toDeal);
      default:
        return new Target("companies", subject.id(), toCompany);
    }
  }

  private Plan list(SubjectRef subject, String channel, boolean add) {
    if (subject.type() != ObjectType.CONTACT) {
      return new Refuse("outreach suppression lists hold contacts, but the subject was " + subject
          + "; suppress the " + subject.type().key() + "'s contacts instead");
    }
    String listId = config.suppressionLists.get(channel);
    if (listId == null) {
      return new Refuse("no suppression list configured for channel '" + channel + "'; configured: "
          + new TreeSet<>(config.suppressionLists.keySet()));
    }
    return new Send(new HubSpotCall.ListMembership(listId, subject.id(), add));
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

  /** HubSpot datetime properties take epoch milliseconds. */
  static String millis(Instant at) {
    return Long.toString(at.toEpochMilli());
  }

  static String objectPath(ObjectType type) {
    switch (type) {
      case CONTACT:
        return "contacts";
      case COMPANY:
        return "companies";
      default:
        return "0-3";
    }
  }

  static boolean isId(String s) {
    return !s.isEmpty() && s.length() <= 19 && s.chars().allMatch(Character::isDigit);
  }
}
