package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The endpoint template: against a reference model of the path, segment by segment. */
final class HubSpotRequestEventProperties {

  @Provide
  Arbitrary<String> segment() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(19),
        Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_').ofMinLength(1).ofMaxLength(12),
        Arbitraries.of("0-3", "v3", "v4", "batch"));
  }

  @Property(tries = 300)
  void numeric_segments_become_id_and_the_rest_and_the_query_go_or_stay_as_the_model_says(
      @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("segment") String> segments,
      @ForAll("query") String query) {
    // given
    String path = "/" + String.join("/", segments);

    // when
    String endpoint = HubSpotRequestEvent.endpointOf(path + query);

    // then: the reference model, one segment at a time
    List<String> expected = segments.stream().map(s -> s.chars().allMatch(Character::isDigit) ? "{id}" : s).toList();
    assertThat(Arrays.asList(endpoint.substring(1).split("/", -1))).isEqualTo(expected);
    assertThat(HubSpotRequestEvent.endpointOf(endpoint)).isEqualTo(endpoint);
  }

  @Provide
  Arbitrary<String> query() {
    return Arbitraries.of("", "?userId=7001", "?properties=hubspot_owner_id&archived=false");
  }
}
