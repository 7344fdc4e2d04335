package dev.journey.core.action;

/** The kind of an {@link Action}, for {@code switch} statements on Java 17. */
public enum ActionKind {
  /** {@link AssignOwner}. */
  ASSIGN_OWNER,
  /** {@link CreateTask}. */
  CREATE_TASK,
  /** {@link EnrollSequence}. */
  ENROLL_SEQUENCE,
  /** {@link UnenrollSequence}. */
  UNENROLL_SEQUENCE,
  /** {@link SetProperty}. */
  SET_PROPERTY,
  /** {@link UpdateDealStage}. */
  UPDATE_DEAL_STAGE,
  /** {@link Notify}. */
  NOTIFY,
  /** {@link SuppressOutreach}. */
  SUPPRESS_OUTREACH,
  /** {@link ResumeOutreach}. */
  RESUME_OUTREACH,
  /** {@link Escalate}. */
  ESCALATE,
  /** {@link Recycle}. */
  RECYCLE
}
