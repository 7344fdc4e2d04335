package dev.journey.core.action;

import dev.journey.core.SubjectRef;

/**
 * An effect a decision asks for. The set is closed; switch on {@link #kind()}.
 *
 * <p>Rules normally create actions through {@link dev.journey.core.decision.Decision.Builder},
 * which assigns the deterministic {@link #id()}. Instances are immutable records.
 */
public sealed interface Action
    permits AssignOwner,
        CreateTask,
        EnrollSequence,
        UnenrollSequence,
        SetProperty,
        UpdateDealStage,
        Notify,
        SuppressOutreach,
        ResumeOutreach,
        Escalate,
        Recycle {

  /** The deterministic id (see {@link ActionIds#derive}). */
  String id();

  /** The subject it concerns. */
  SubjectRef subject();

  /** The kind. */
  ActionKind kind();
}
