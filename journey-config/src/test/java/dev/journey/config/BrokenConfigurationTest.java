package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each file under src/test/resources/broken has one defect; the loader must name it precisely. */
final class BrokenConfigurationTest {
  private static final Path BROKEN = Path.of("src", "test", "resources", "broken");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock = """
          01-malformed-json             | ""                                  | well-formed JSON (RFC 8259)                    | malformed JSON at line 1
          02-unknown-top-level-field    | /rule                               | one of the fields [$schema, format, name, model, rules, features, featuresFile, handoff, calendars, owners, pools, routing, slas, inactivity, guardrails, metrics, identity, hosting, journeys, policy, signals] | an unknown field
          03-missing-model              | /model                              | present (a required field of the document)     | missing
          04-wrong-format-version       | /format                             | one of [1]                                     | number 2
          05-transition-to-unknown-state | /model/transitions/A/1             | one of the states [A, B]                       | 'C'
          06-bad-day-key                | /calendars/na/hours/FRIDAY          | one of the fields [MON, TUE, WED, THU, FRI, SAT, SUN] | an unknown field
          07-bad-time-range             | /calendars/na/hours/MON/0           | a range HH:mm-HH:mm such as 09:00-17:00 (24:00 allowed as an end) | '9-17'
          08-unknown-zone               | /calendars/na/zone                  | an IANA time-zone id such as Europe/Berlin or UTC | 'Mars/Olympus'
          09-owner-unknown-calendar     | /owners/0/calendar                  | one of the calendars [always, na]              | 'emea'
          10-zero-daily-cap             | /owners/0/dailyCap                  | a whole number >= 1 and <= 2147483647          | number 0
          11-pool-member-not-an-owner   | /pools/p/1/owner                    | the id of an owner listed in /owners [o-1, o-2] | 'o-9'
          12-sla-duration-not-iso       | /slas/0/target                      | an ISO-8601 duration such as PT4H or P2D       | '4h'
          13-sla-unknown-calendar       | /slas/0/calendar                    | one of the calendars [always, na]              | 'apac'
          14-reassign-unknown-policy    | /slas/0/reassignWith                | the name of a routing policy in /routing [in]  | 'outbound'
          15-entry-unknown-state        | /guardrails/entry/0/state           | one of the model's states [A, B]               | 'SALES'
          16-unknown-action-kind        | /guardrails/frequencyCap/perDay/SEND_EMAIL | an action kind, one of [                | 'SEND_EMAIL'
          17-wrong-type                 | /guardrails/loopProtection/maxDecisions | a JSON integer                             | '20'
          18-missing-rules-directory    | /rules/directory                    | a directory of .drl files, relative to the configuration file's directory | 'no-such-rules' (no such directory
          19-duplicate-key              | ""                                  | well-formed JSON (RFC 8259)                    | malformed JSON at line 1, column 39: Duplicate field 'name'
          20-routing-unknown-pool       | /routing/0/roundRobin               | the name of a pool in /pools [p]               | 'q'
          21-signal-attribute-unknown-type | /signals/USAGE_DROPPED/attributes/drop/type | one of ["string","integer","number","boolean"] | 'percent'
          22-signal-declares-timer-fired | /signals/TIMER_FIRED               | a signal type: 1 to 64 of letters, digits      | 'TIMER_FIRED'
          23-signal-range-inverted      | /signals/USAGE_DROPPED/attributes/drop/maximum | a number >= the minimum (50)        | number 10
          24-signal-enum-on-integer     | /signals/USAGE_DROPPED/attributes/seats/enum | absent: allowed values are for strings only | present on a integer
          25-signal-attribute-unknown-field | /signals/USAGE_DROPPED/attributes/drop/requried | one of the fields [description, type, required, enum, minimum, maximum] | an unknown field
          26-sla-satisfied-by-undeclared-type | /slas/0/satisfiedBy/0         | a signal type declared in /signals [SALES_ACTIVITY] | 'MEETING_BOOKED'
          27-signal-range-on-string     | /signals/USAGE_DROPPED/attributes/plan/minimum | absent: a range is for integers and numbers only | present on a string
          31-feature-unknown-kind       | /features/declared/0/kind           | one of ["windowCount","decayedSum","distinctCount","lastSeen","latestValue","ratio","recent"] | 'movingAverage'
          32-feature-window-missing     | /features/declared/0/window         | present (a required field of a windowCount feature) | missing
          33-feature-ratio-unknown-feature | /features/declared/1/denominator | the name of a declared feature that is not a ratio [views_7d] | 'forms_7d'
          34-feature-name-twice         | /features/declared/1/name           | a feature name used once                       | 'views_7d' again
          35-feature-window-not-multiple-of-bucket | /features/declared/0     | a valid windowCount feature                    | feature 'views_7d': window must be a multiple of its bucket
          36-feature-bad-name           | /features/declared/0/name           | a feature name: a lower-case letter            | 'Pricing Views'
          37-model-reads-undeclared-feature | /features/models/0/weights/views_30d | the name of a declared feature or an earlier model [views_7d] | 'views_30d'
          38-segment-bad-condition      | /features/segments/0/all/0          | a condition such as 'pricing_views_7d >= 3'    | 'views_7d => 3'
          39-metrics-milestone-unknown-state | /metrics/milestones/0/state/0  | one of the model's states [A, B]               | 'SALES'
          40-metrics-interval-unknown-milestone | /metrics/intervals/0/to     | one of the milestones [handoff, touch]         | 'meeting'
          41-metrics-milestone-state-and-signal | /metrics/milestones/0       | exactly one of the fields [state, signal]      | both
          42-metrics-unknown-exit       | /metrics/dispositions/0/exit        | one of ["RECYCLE","DISQUALIFY","LOSS"]         | 'LOST'
          43-metrics-unknown-region-calendar | /metrics/regionCalendars/EMEA  | one of the calendars [always]                  | 'emea'
          44-metrics-code-with-two-exits | /metrics/dispositions/1/codes      | reason codes with one exit per state, each listed once | reason code 'LOW_FIT' must have one exit per state
          45-metrics-unknown-attribute-dimension | /metrics/attributes/owner  | one of the fields [segment, source, region]    | an unknown field
          46-journeys-missing-file      | /journeys/0/file                    | a journey configuration file, relative to this file's directory | 'journeys/missing.json' (no such file
          47-journeys-exit-unknown-state | /journeys/0/exitsAt/0              | one of journey second's states [NEW, DONE]     | 'B'
          48-journeys-name-twice        | /journeys/0/file                    | a journey named unlike the file's other journeys [second] | 'journeys/second.json', journey 'second'
          49-policy-unknown-journey     | /policy/salesMotion/handoff         | one of the file's journeys [broken, second]    | 'handoff'
          50-policy-unknown-state       | /policy/salesMotion/second/0        | one of journey second's states [NEW, DONE]     | 'B'
          51-journeys-reentry-without-exit | /journeys/0/reentersAfter        | absent unless exitsAt names the states to re-enter from | present
          52-journeys-listed-file-lists-journeys | /journeys/0/file           | a file of one journey, without journeys, hosting or policy | '48-journeys-name-twice.json', which has /journeys
          53-policy-unenroll-and-mark   | /policy/markPausedWith              | absent when unenrollRunningSequences is true   | 'paused'
          54-policy-unknown-action-kind | /policy/capsPerDay/0/kind           | an action kind, one of [                       | 'SEND_EMAIL'
          """)
  void should_name_file_pointer_and_allowed_values_when_a_file_is_broken(
      String name, String pointer, String allowed, String actual) {
    // given
    Path file = BROKEN.resolve(name + ".json");

    // when
    JourneyConfigException e = catchThrowableOfType(JourneyConfigException.class, () -> JourneyConfig.load(file));

    // then
    assertThat(e).as("%s is rejected", name).isNotNull();
    assertThat(e.file()).isEqualTo(file.toString());
    assertThat(e.pointer()).isEqualTo(pointer);
    assertThat(e.allowed()).startsWith(allowed);
    assertThat(e.actual()).startsWith(actual);
    assertThat(e.getMessage())
        .startsWith(file + " at " + (pointer.isEmpty() ? "\"\" (the document)" : pointer) + " must be " + allowed);
  }
}
