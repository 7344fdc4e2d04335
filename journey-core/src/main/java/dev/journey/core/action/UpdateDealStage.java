package dev.journey.core.action;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Moves a deal to a stage of a pipeline.
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param pipelineId the pipeline id
 * @param stageId the stage id
 */
public record UpdateDealStage(String id, SubjectRef subject, String pipelineId, String stageId) implements Action {
  /** Validates. */
  public UpdateDealStage {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(pipelineId, "pipelineId");
    Checks.notBlank(stageId, "stageId");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.UPDATE_DEAL_STAGE;
  }
}
