package dev.journey.hubspot;

import dev.journey.core.action.ActionKind;
import dev.journey.core.action.Recycle;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.spi.ActionEffects;

/**
 * What actions do to a journey snapshot in HubSpot's vocabulary: core's {@linkplain
 * ActionEffects#defaults() defaults}, plus a deal-stage update that records HubSpot's {@value
 * #DEAL_STAGE} and {@value #PIPELINE} properties and a recycle that records {@value
 * #RECYCLE_REASON}, so rules and guardrails can read them from the snapshot. Give it to the
 * journey:
 *
 * <pre>{@code
 * JourneyDefinition journey = JourneyDefinition.builder("lead-handoff")
 *     .model(model)
 *     .evaluator(rules)
 *     .effects(HubSpotActionEffects.table())
 *     .build();
 * }</pre>
 */
public final class HubSpotActionEffects {
  /** The snapshot property holding a deal's stage id (HubSpot's {@code dealstage}). */
  public static final String DEAL_STAGE = "dealstage";
  /** The snapshot property holding a deal's pipeline id (HubSpot's {@code pipeline}). */
  public static final String PIPELINE = "pipeline";
  /** The snapshot property holding the last recycle reason. */
  public static final String RECYCLE_REASON = "recycle_reason";

  private static final ActionEffects TABLE =
      ActionEffects.defaults()
          .with(
              ActionKind.UPDATE_DEAL_STAGE,
              (action, edit) -> {
                UpdateDealStage stage = (UpdateDealStage) action;
                edit.property(DEAL_STAGE, stage.stageId()).property(PIPELINE, stage.pipelineId());
              })
          .with(
              ActionKind.RECYCLE,
              (action, edit) -> edit.property(RECYCLE_REASON, ((Recycle) action).reasonCode()));

  private HubSpotActionEffects() {}

  /** Core's defaults plus the HubSpot deal-stage and recycle properties. */
  public static ActionEffects table() {
    return TABLE;
  }
}
