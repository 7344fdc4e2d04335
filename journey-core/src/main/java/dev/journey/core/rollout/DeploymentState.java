package dev.journey.core.rollout;

/** Whether a deployment's candidate takes new entries. */
public enum DeploymentState {
  /** New entries in the candidate's share get the candidate. */
  RUNNING,
  /** New entries all get the live version; pinned subjects keep theirs; steps are refused. */
  PAUSED
}
