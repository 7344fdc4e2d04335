// tag::file[]
package com.example.renewals;

import static dev.journey.core.action.ActionKind.ASSIGN_OWNER;
import static dev.journey.core.action.ActionKind.CREATE_TASK;
import static dev.journey.testkit.scenario.Scenario.at;
import static dev.journey.testkit.scenario.Scenario.signal;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.config.JourneyConfig;
import dev.journey.core.SubjectRef;
import dev.journey.core.catalog.SignalCatalogException;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.junit.JourneyExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class RenewalRiskTest {
  static final RuleSetRegistry REGISTRY = RuleSetRegistry.ofDefaults();
  static final JourneyConfig CONFIG = JourneyConfig.load(Path.of("journey", "journey.json"));

  @RegisterExtension
  final JourneyExtension journey =
      JourneyExtension.builder().definition(CONFIG.definition(REGISTRY)).build();

  @AfterAll
  static void closeRegistry() {
    REGISTRY.close();
  }

  @Test
  void should_start_a_save_play_when_renewal_nears_after_a_usage_drop() {
    journey.scenario()
        // given an account
        .given(SubjectRef.company("4711"))
        // when its usage drops, then its renewal nears: then after each step
        .when(at("10:00"), signal("USAGE_DROPPED").with("usageDropPercent", 45).with("plan", "growth"))
        .then()
        .state("AT_RISK")
        .fired("usage drop")
        .and()
        .when(at("10:30"), signal("RENEWAL_DUE").with("daysToRenewal", 60).with("arr", 48000))
        .then()
        .state("SAVE_PLAY")
        .fired("save play")
        .actions(ASSIGN_OWNER, CREATE_TASK)
        .owner("csm-ana");
  }

  @Test
  void should_reject_a_signal_the_catalog_does_not_allow() {
    // given an account / when a signal breaks the catalog (a percentage above 100) / then
    assertThatThrownBy(
            () -> journey.scenario()
                .given(SubjectRef.company("4711"))
                .when(at("10:00"), signal("USAGE_DROPPED").with("usageDropPercent", 145).with("plan", "growth")))
        .isInstanceOf(SignalCatalogException.class)
        .hasMessageContaining("attribute 'usageDropPercent' must be an integer from 0 to 100");
  }
}
// end::file[]
