package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.SetProperty;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HubSpotErrorMappingTest {

  @ParameterizedTest(name = "{0} with Retry-After ''{1}'' -> {2} {3}")
  @CsvSource({
      "500, '',  RETRY, PT2S",
      "502, 7,   RETRY, PT7S",
      "503, '',  RETRY, PT2S",
      "524, '',  RETRY, PT2S",
      "408, '',  RETRY, PT0S",
      "423, '',  RETRY, PT2S",
      "423, 5,   RETRY, PT5S",
      "477, 120, RETRY, PT2M",
      "477, '',  RETRY, PT1M",
      "429, 3,   DEFER, PT3S",
      "429, '',  DEFER, PT10S",
      "400, '',  PERMANENT, ''",
      "403, '',  PERMANENT, ''",
      "404, '',  PERMANENT, ''",
      "409, '',  PERMANENT, ''",
      "522, '',  PERMANENT, ''",
  })
  void should_map_each_status_to_the_result_the_relay_needs(int status, String retryAfter, String kind, String delay)
      throws Exception {
    List<HubSpotApiException> failures = new CopyOnWriteArrayList<>();
    try (RelayRig rig = new RelayRig(c -> c.onFailure(failures::add), 5)) {
      // given
      rig.hubspot.addContact("1");
      rig.hubspot.failNext(1, status, retryAfter.isEmpty() ? Map.of() : Map.of("Retry-After", retryAfter), r -> true);
      OutboxEntry entry = new OutboxEntry(new SetProperty("e1", SubjectRef.contact("1"), "x", "y"), 1,
          RelayRig.START, 0, RelayRig.START);
      // when
      ExecutionResult result = rig.executor.executeAll(List.of(entry)).get(0);
      // then
      if (kind.equals("RETRY")) {
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.RetryAfter.class,
            r -> assertThat(r.delay()).isEqualTo(Duration.parse(delay)));
      } else if (kind.equals("DEFER")) {
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.Deferred.class,
            r -> assertThat(r.delay()).isEqualTo(Duration.parse(delay)));
      } else {
        assertThat(result).isInstanceOfSatisfying(ExecutionResult.Permanent.class,
            r -> assertThat(r.reason()).startsWith("HubSpot " + status + " ")
                .contains("on POST /crm/v3/objects/contacts/batch/update")
                .contains("correlationId"));
      }
      assertThat(failures).singleElement().satisfies(e -> {
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.correlationId()).isPresent();
      });
    }
  }
}
