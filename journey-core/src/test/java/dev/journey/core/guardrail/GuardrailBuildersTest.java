package dev.journey.core.guardrail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.action.ActionKind;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class GuardrailBuildersTest {

  @Test
  void should_reject_invalid_guardrail_settings() {
    assertThatThrownBy(() -> SingleWriterGuardrail.builder().property("owner"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'owner' needs at least one writer, but got none");
    assertThatThrownBy(() -> SingleWriterGuardrail.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("declare at least one property(...)");
    assertThatThrownBy(
            () -> SuppressionGuardrail.builder().suppressOnEntering(JourneyModel.SALES_ENGAGED, "nurture")
                .resumeOnEntering(JourneyModel.SALES_ENGAGED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state 'SALES_ENGAGED' must not both suppress and resume, but suppresses [nurture]");
    assertThatThrownBy(() -> EntryGuardrail.builder(JourneyModel.SALES_ENGAGED).maxEntries(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries must be >= 1, but was 0");
    assertThatThrownBy(() -> EntryGuardrail.builder(JourneyModel.SALES_ENGAGED).reentryCooldown(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reentryCooldown must be >= 0, but was PT-24H");
    assertThatThrownBy(() -> FrequencyCapGuardrail.builder(ZoneOffset.UTC).perDay(ActionKind.CREATE_TASK, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max CREATE_TASK per day must be >= 1, but was 0");
    assertThatThrownBy(() -> LoopProtectionGuardrail.builder().window(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be >= 1ms, but was PT0S");
  }

  @Test
  void should_reject_invalid_approval_gate_settings() {
    assertThatThrownBy(() -> ApprovalGate.builder((a, n) -> ExecutionResult.done()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an approval gate needs highImpact(...)");
    assertThatThrownBy(
            () -> ApprovalGate.builder((a, n) -> ExecutionResult.done())
                .highImpact(ActionKind.RECYCLE).highImpact(ActionKind.UPDATE_DEAL_STAGE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("highImpact was already set");
    assertThatThrownBy(() -> ApprovalGate.builder((a, n) -> ExecutionResult.done()).expireAfter(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expireAfter must be > 0, but was PT0S");
  }
}
