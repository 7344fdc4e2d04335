package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.hubspot.ErrorClassifier.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 18 defect 6: one classifier, for whole responses and for the inputs of a 207. */
final class ErrorClassifierTest {

  @ParameterizedTest(name = "status {0}, category ''{1}'' -> {2}")
  @CsvSource({
      "408, '',                  RETRY",
      "408, VALIDATION_ERROR,    RETRY",
      "500, '',                  RETRY",
      "503, '',                  RETRY",
      "524, '',                  RETRY",
      "429, '',                  RATE_LIMITED",
      "423, '',                  LOCKED",
      "477, '',                  MIGRATING",
      "522, '',                  SUPPORT_NEEDED",
      "525, '',                  SUPPORT_NEEDED",
      "526, '',                  SUPPORT_NEEDED",
      "400, '',                  PERMANENT",
      "403, MISSING_SCOPES,      PERMANENT",
      "404, OBJECT_NOT_FOUND,    PERMANENT",
      "409, CONFLICT,            PERMANENT",
      "0,   VALIDATION_ERROR,    PERMANENT",
      "0,   OBJECT_NOT_FOUND,    PERMANENT",
      "0,   MISSING_SCOPES,      PERMANENT",
      "0,   RATE_LIMIT,          RATE_LIMITED",
      "0,   LOCKED,              LOCKED",
      "0,   TIMEOUT,             RETRY",
      "0,   INTERNAL_ERROR,      RETRY",
      "0,   SOMETHING_NEW,       UNKNOWN",
      "0,   '',                  UNKNOWN",
  })
  void should_classify_every_status_and_category_the_same_way_everywhere(int status, String category, Verdict verdict) {
    // when
    Verdict actual = ErrorClassifier.classify(status, category == null || category.isEmpty() ? null : category);
    // then
    assertThat(actual).isEqualTo(verdict);
  }

  @ParameterizedTest(name = "207 input error {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"status\":\"408\",\"category\":\"VALIDATION_ERROR\",\"message\":\"m\"} | RetryAfter",
      "{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\",\"message\":\"m\"} | Permanent",
      "{\"status\":\"error\",\"category\":\"LOCKED\"} | RetryAfter",
      "{\"status\":\"error\",\"category\":\"RATE_LIMIT\"} | Deferred",
      "{\"status\":\"error\"} | Ambiguous",
  })
  void should_classify_a_multi_status_input_error_with_the_same_table(String error, String kind) throws Exception {
    // when
    ExecutionResult result = BatchRunner.classifyInput(new ObjectMapper().readTree(error), "batch input");
    // then
    assertThat(result.getClass().getSimpleName()).isEqualTo(kind);
  }
}
