package dev.journey.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DeploymentJsonTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static RegisteredVersion version(String v) {
    return new RegisteredVersion("lead-handoff", v, "sha256-" + v, "rules/v" + v + ".drl", T0);
  }

  private static JourneyDeployment first() {
    return JourneyDeployment.first("lead-handoff", version("1"), "ana", "first", T0);
  }

  private static JourneyDeployment rollingOut() {
    return first()
        .register(version("2"), "ana", "", T0.plusSeconds(60))
        .start("2", List.of(10, 50, 100), PilotScope.everyone(), "ana", "pilot", T0.plusSeconds(120));
  }

  @Test
  void should_read_back_the_deployment_it_wrote_with_and_without_a_candidate() {
    // given
    JourneyDeployment none = first();
    JourneyDeployment one = rollingOut();

    // when
    JourneyDeployment noneRead = DeploymentJson.read(DeploymentJson.write(none));
    JourneyDeployment oneRead = DeploymentJson.read(DeploymentJson.write(one));

    // then
    assertThat(noneRead).isEqualTo(none);
    assertThat(oneRead).isEqualTo(one);
    assertThat(oneRead.candidate()).isPresent();
  }

  @Test
  void should_write_the_stored_document_shape_with_the_candidate_as_a_list() {
    // given: the JDBC store's rows and the deployments topics keep this document
    JourneyDeployment d = first();

    // when
    String json = DeploymentJson.write(d);

    // then
    assertThat(json)
        .isEqualTo(
            "{\"journey\":\"lead-handoff\",\"versions\":[{\"name\":\"lead-handoff\",\"version\":\"1\","
                + "\"hash\":\"sha256-1\",\"source\":\"rules/v1.drl\",\"registeredAt\":\"2026-03-02T09:00:00Z\"}],"
                + "\"live\":\"1\",\"candidate\":[],\"shadows\":[],\"state\":\"RUNNING\",\"migrating\":[],"
                + "\"revision\":1,\"history\":[{\"revision\":1,\"kind\":\"REGISTER\",\"detail\":\"1 (live)\","
                + "\"who\":\"ana\",\"why\":\"first\",\"at\":\"2026-03-02T09:00:00Z\"}]}");
  }

  @Test
  void should_refuse_a_document_with_an_unknown_field_and_name_the_field() {
    // given
    String json = DeploymentJson.write(first()).replace("{\"journey\"", "{\"owner\":\"x\",\"journey\"");

    // when / then
    assertThatThrownBy(() -> DeploymentJson.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a deployment document")
        .hasMessageContaining("owner");
  }

  @Test
  void should_refuse_a_document_without_a_field_and_name_it() {
    // given
    String json = DeploymentJson.write(first()).replace("\"live\":\"1\",", "");

    // when / then
    assertThatThrownBy(() -> DeploymentJson.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid deployment: the field 'live' is missing or null");
  }

  @Test
  void should_refuse_two_candidates_and_json_null() {
    // given
    String one = DeploymentJson.write(rollingOut());
    int start = one.indexOf("\"candidate\":[") + "\"candidate\":[".length();
    int end = one.indexOf("],\"shadows\"");
    String candidate = one.substring(start, end);
    String two = one.substring(0, start) + candidate + "," + candidate + one.substring(end);

    // when / then
    assertThatThrownBy(() -> DeploymentJson.read(two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not a valid deployment: a deployment has at most one candidate, but the document has 2");
    assertThatThrownBy(() -> DeploymentJson.read("null"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a deployment document: the value is JSON null");
  }
}
