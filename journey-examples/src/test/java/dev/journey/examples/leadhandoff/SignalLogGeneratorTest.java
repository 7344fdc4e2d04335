package dev.journey.examples.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.jackson.JourneyJson;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SignalLogGeneratorTest {
  /** The shipped configuration, generated once for the distribution checks. */
  private static final SignalLogGenerator SHIPPED = SignalLogGenerator.builder().build();

  private static List<Signal> shippedSignals;
  private static List<ContactHistory> shippedHistories;

  private static synchronized List<Signal> shippedSignals() {
    if (shippedSignals == null) {
      shippedSignals = SHIPPED.generate();
    }
    return shippedSignals;
  }

  private static synchronized List<ContactHistory> shippedHistories() {
    if (shippedHistories == null) {
      shippedHistories = SHIPPED.histories();
    }
    return shippedHistories;
  }

  private static SignalLogGenerator small(long seed) {
    return SignalLogGenerator.builder().seed(seed).contacts(300).weeks(4).build();
  }

  private static String jsonLines(SignalLogGenerator generator) throws IOException {
    StringWriter out = new StringWriter();
    generator.writeTo(out);
    return out.toString();
  }

  /** Per contact subject id, the profile attributes its marketing signals carry. */
  private static Map<String, Map<String, Object>> profilesInLog(List<Signal> signals) {
    Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();
    for (Signal signal : signals) {
      if (signal.subject().type() == ObjectType.CONTACT
          && signal.attributes().containsKey(Attributes.SEGMENT)) {
        profiles.putIfAbsent(signal.subject().id(), signal.attributes());
      }
    }
    return profiles;
  }

  private static Map<Object, Double> shares(
      Map<String, Map<String, Object>> profiles, String attribute) {
    Map<Object, Long> counts =
        profiles.values().stream()
            .collect(
                Collectors.groupingBy(
                    p -> p.getOrDefault(attribute, "absent"), Collectors.counting()));
    Map<Object, Double> shares = new HashMap<>();
    counts.forEach((k, v) -> shares.put(k, v / (double) profiles.size()));
    return shares;
  }

  @Test
  void should_write_byte_identical_logs_for_the_same_seed() throws IOException {
    // given
    SignalLogGenerator first = small(42);
    SignalLogGenerator second = small(42);
    // when
    String a = jsonLines(first);
    String b = jsonLines(second);
    // then
    assertThat(a).isNotEmpty().isEqualTo(b);
  }

  @Test
  void should_write_different_logs_for_different_seeds() throws IOException {
    // given
    SignalLogGenerator first = small(42);
    SignalLogGenerator second = small(43);
    // when
    String a = jsonLines(first);
    String b = jsonLines(second);
    // then
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void should_write_lines_that_parse_back_to_the_generated_signals() throws IOException {
    // given
    SignalLogGenerator generator = small(7);
    ObjectMapper mapper = JourneyJson.mapper();
    // when
    String text = jsonLines(generator);
    List<Signal> parsed = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        parsed.add(mapper.readValue(line, Signal.class));
      }
    }
    // then
    assertThat(text).endsWith("\n").doesNotContain("\r");
    assertThat(parsed).isEqualTo(generator.generate());
  }

  @Test
  void should_sort_signals_by_time_inside_the_window() {
    // given
    List<Signal> signals = shippedSignals();
    // when / then
    for (int i = 1; i < signals.size(); i++) {
      assertThat(signals.get(i).occurredAt())
          .as("line %d", i + 1)
          .isAfterOrEqualTo(signals.get(i - 1).occurredAt());
    }
    assertThat(signals.get(0).occurredAt()).isAfterOrEqualTo(SHIPPED.start());
    assertThat(signals.get(signals.size() - 1).occurredAt()).isBefore(SHIPPED.end());
  }

  @Test
  void should_repeat_an_id_only_as_an_exact_copy_right_after_the_original() {
    // given
    List<Signal> signals = shippedSignals();
    // when
    Set<String> seen = new HashSet<>();
    int redeliveries = 0;
    for (int i = 0; i < signals.size(); i++) {
      Signal signal = signals.get(i);
      if (!seen.add(signal.id())) {
        redeliveries++;
        // then
        assertThat(signal).as("redelivery of %s", signal.id()).isEqualTo(signals.get(i - 1));
      }
    }
    double share = redeliveries / (double) (signals.size() - redeliveries);
    assertThat(share).isCloseTo(SignalLogGenerator.DEFAULT_REDELIVERY_SHARE, within(0.004));
  }

  @Test
  void should_redeliver_nothing_when_the_share_is_zero() {
    // given
    SignalLogGenerator generator =
        SignalLogGenerator.builder().seed(3).contacts(200).redeliveryShare(0).build();
    // when
    List<Signal> signals = generator.generate();
    // then
    assertThat(signals).extracting(Signal::id).doesNotHaveDuplicates();
  }

  @Test
  void should_spread_contacts_over_segments_regions_and_sources_as_documented() {
    // given
    Map<String, Map<String, Object>> profiles = profilesInLog(shippedSignals());
    // when
    Map<Object, Double> segments = shares(profiles, Attributes.SEGMENT);
    Map<Object, Double> regions = shares(profiles, Attributes.REGION);
    Map<Object, Double> sources = shares(profiles, Attributes.LEAD_SOURCE);
    Map<Object, Double> owned = shares(profiles, Attributes.ACCOUNT_OWNER_ID);
    // then
    assertThat(profiles).hasSizeGreaterThan(2_900);
    assertThat(segments.get("SMB")).isCloseTo(0.55, within(0.03));
    assertThat(segments.get("MID_MARKET")).isCloseTo(0.30, within(0.03));
    assertThat(segments.get("ENTERPRISE")).isCloseTo(0.15, within(0.03));
    assertThat(regions.get("NA")).isCloseTo(0.50, within(0.03));
    assertThat(regions.get("EMEA")).isCloseTo(0.32, within(0.03));
    assertThat(regions.get("APAC")).isCloseTo(0.18, within(0.03));
    assertThat(sources.get("organic")).isCloseTo(0.35, within(0.03));
    assertThat(sources.get("paid")).isCloseTo(0.25, within(0.03));
    assertThat(sources.get("webinar")).isCloseTo(0.15, within(0.03));
    assertThat(sources.get("referral")).isCloseTo(0.10, within(0.03));
    assertThat(sources.get("outbound")).isCloseTo(0.15, within(0.03));
    assertThat(1 - owned.get("absent"))
        .as("contacts at an existing account")
        .isCloseTo(0.10, within(0.03));
  }

  @Test
  void should_give_every_contact_a_consistent_profile_across_its_signals() {
    // given
    Map<String, Map<String, Object>> first = profilesInLog(shippedSignals());
    List<String> profileKeys =
        List.of(
            Attributes.SEGMENT,
            Attributes.REGION,
            Attributes.COUNTRY,
            Attributes.TIME_ZONE,
            Attributes.LEAD_SOURCE,
            Attributes.FIT_SCORE,
            Attributes.COMPANY_DOMAIN_ID,
            Attributes.ACCOUNT_OWNER_ID);
    // when / then
    for (Signal signal : shippedSignals()) {
      if (signal.attributes().containsKey(Attributes.SEGMENT)
          && signal.subject().type() == ObjectType.CONTACT) {
        Map<String, Object> expected = first.get(signal.subject().id());
        for (String key : profileKeys) {
          assertThat(signal.attribute(key))
              .as("%s of %s", key, signal)
              .isEqualTo(Optional.ofNullable(expected.get(key)));
        }
        long fit = signal.longAttribute(Attributes.FIT_SCORE).orElseThrow();
        assertThat(fit).isBetween(0L, 100L);
        assertThat(ZoneId.of(signal.stringAttribute(Attributes.TIME_ZONE).orElseThrow()))
            .isNotNull();
      }
    }
  }

  @Test
  void should_follow_up_fast_late_or_never_as_each_contact_was_planned() {
    // given
    List<ContactHistory> handedOff =
        shippedHistories().stream()
            .filter(h -> h.handoffAt().isPresent())
            .collect(Collectors.toList());
    Map<Responder, Long> responders =
        handedOff.stream()
            .collect(Collectors.groupingBy(h -> h.plan().responder(), Collectors.counting()));
    // when / then
    assertThat(handedOff).hasSizeGreaterThan(600);
    assertThat(responders.get(Responder.FAST) / (double) handedOff.size())
        .isCloseTo(0.60, within(0.05));
    assertThat(responders.get(Responder.LATE) / (double) handedOff.size())
        .isCloseTo(0.25, within(0.05));
    assertThat(responders.get(Responder.NEVER) / (double) handedOff.size())
        .isCloseTo(0.15, within(0.04));
    for (ContactHistory history : handedOff) {
      ContactPlan plan = history.plan();
      Optional<Instant> firstActivity =
          history.signals().stream()
              .filter(s -> s.type().equals(SignalTypes.SALES_ACTIVITY))
              .map(Signal::occurredAt)
              .min(Instant::compareTo);
      if (plan.responder() == Responder.NEVER) {
        assertThat(firstActivity).as("contact %s never followed up", plan.contactId()).isEmpty();
        continue;
      }
      assertThat(firstActivity)
          .as("first touch of %s", plan.contactId())
          .isEqualTo(history.firstTouchAt());
      if (history.firstTouchAt().isPresent()) {
        Instant handoff = history.handoffAt().orElseThrow();
        Instant touch = history.firstTouchAt().orElseThrow();
        assertThat(touch)
            .isEqualTo(
                BusinessHours.plusBusinessMinutes(
                    handoff, plan.responseBusinessMinutes(), plan.region().salesZone));
        assertThat(plan.responseBusinessMinutes())
            .isBetween(plan.responder().minBusinessMinutes, plan.responder().maxBusinessMinutes);
        assertThat(Duration.between(handoff, touch)).isPositive();
      }
    }
  }

  @Test
  void should_never_hand_off_low_intent_or_low_fit_contacts() {
    // given
    List<ContactHistory> histories = shippedHistories();
    // when / then
    for (ContactHistory history : histories) {
      ContactPlan plan = history.plan();
      boolean salesTouched =
          history.signals().stream().anyMatch(s -> s.type().equals(SignalTypes.SALES_ACTIVITY));
      if (plan.intent() == IntentTier.LOW
          || (plan.intent() == IntentTier.HIGH && plan.fitScore() < ContactTimeline.DEMO_MIN_FIT)
          || (plan.intent() == IntentTier.MEDIUM
              && plan.fitScore() < ContactTimeline.FORM_MIN_FIT)) {
        assertThat(history.handoffAt()).as("handoff of %s", plan.contactId()).isEmpty();
        assertThat(salesTouched).as("sales touched %s", plan.contactId()).isFalse();
      }
    }
    long low = histories.stream().filter(h -> h.plan().intent() == IntentTier.LOW).count();
    assertThat(low / (double) histories.size()).isCloseTo(0.43, within(0.05));
  }

  @Test
  void should_tie_every_deal_to_a_contact_who_met_sales() {
    // given
    List<Signal> signals = shippedSignals();
    Map<String, Instant> meetingBooked = new HashMap<>();
    Map<String, List<Signal>> deals = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Signal signal : signals) {
      if (!seen.add(signal.id())) {
        continue; // a redelivery
      }
      if (signal.type().equals(SignalTypes.MEETING_BOOKED)) {
        meetingBooked.putIfAbsent(signal.subject().id(), signal.occurredAt());
      }
      if (signal.subject().type() == ObjectType.DEAL) {
        deals.computeIfAbsent(signal.subject().id(), k -> new ArrayList<>()).add(signal);
      }
    }
    // when / then
    assertThat(deals).hasSizeGreaterThan(100);
    Map<String, Long> outcomes = new HashMap<>();
    for (List<Signal> deal : deals.values()) {
      Signal created = deal.get(0);
      String contactId = created.stringAttribute(Attributes.CONTACT_ID).orElseThrow();
      assertThat(created.stringAttribute(Attributes.DEAL_STAGE)).contains("appointmentscheduled");
      assertThat(created.attributes()).doesNotContainKey(Attributes.PREVIOUS_DEAL_STAGE);
      assertThat(meetingBooked.get(contactId))
          .as("meeting of %s", contactId)
          .isBefore(created.occurredAt());
      for (int i = 1; i < deal.size(); i++) {
        assertThat(deal.get(i).stringAttribute(Attributes.PREVIOUS_DEAL_STAGE))
            .isEqualTo(deal.get(i - 1).stringAttribute(Attributes.DEAL_STAGE));
        assertThat(deal.get(i).stringAttribute(Attributes.CONTACT_ID)).contains(contactId);
      }
      String last = deal.get(deal.size() - 1).stringAttribute(Attributes.DEAL_STAGE).orElseThrow();
      outcomes.merge(last, 1L, Long::sum);
      if (last.equals("closedlost")) {
        assertThat(deal.get(deal.size() - 1).stringAttribute(Attributes.CLOSED_LOST_REASON))
            .isPresent();
      }
    }
    assertThat(outcomes.getOrDefault("closedwon", 0L)).isGreaterThanOrEqualTo(15);
    assertThat(outcomes.getOrDefault("closedlost", 0L)).isGreaterThanOrEqualTo(15);
    assertThat(signals)
        .filteredOn(s -> s.type().equals(SignalTypes.USAGE_DROPPED))
        .hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void should_make_a_contact_a_customer_only_after_its_deal_is_won() {
    // given
    List<Signal> signals = shippedSignals();
    Map<String, Instant> wonAt = new HashMap<>();
    Map<String, String> dealOfContact = new HashMap<>();
    // when / then
    for (Signal signal : signals) {
      if ("closedwon".equals(signal.stringAttribute(Attributes.DEAL_STAGE).orElse(""))) {
        wonAt.put(signal.subject().id(), signal.occurredAt());
        dealOfContact.put(
            signal.stringAttribute(Attributes.CONTACT_ID).orElseThrow(), signal.subject().id());
      }
      if ("customer".equals(signal.stringAttribute(Attributes.LIFECYCLE_STAGE).orElse(""))) {
        String dealId = signal.stringAttribute(Attributes.DEAL_ID).orElseThrow();
        assertThat(wonAt.get(dealId)).as("deal %s won", dealId).isBefore(signal.occurredAt());
      }
      if (signal.type().equals(SignalTypes.USAGE_DROPPED)) {
        assertThat(dealOfContact.get(signal.subject().id()))
            .isEqualTo(signal.stringAttribute(Attributes.DEAL_ID).orElseThrow());
        assertThat(signal.longAttribute(Attributes.CURRENT_VALUE).orElseThrow())
            .isLessThan(signal.longAttribute(Attributes.PREVIOUS_VALUE).orElseThrow());
      }
    }
  }

  @Test
  void should_use_only_documented_attribute_names_and_json_values() throws IllegalAccessException {
    // given
    Set<String> documented = new HashSet<>();
    for (Field field : Attributes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        documented.add((String) field.get(null));
      }
    }
    Set<String> types =
        Set.of(
            SignalTypes.DEMO_REQUESTED,
            SignalTypes.PRICING_PAGE_VIEWED,
            SignalTypes.CONTENT_ENGAGED,
            SignalTypes.FORM_SUBMITTED,
            SignalTypes.MEETING_BOOKED,
            SignalTypes.SALES_ACTIVITY,
            SignalTypes.LIFECYCLE_CHANGED,
            SignalTypes.DEAL_STAGE_CHANGED,
            SignalTypes.USAGE_DROPPED);
    Set<String> used = new HashSet<>();
    Set<String> typesUsed = new HashSet<>();
    Set<Class<?>> valueTypes = new HashSet<>();
    // when
    for (Signal signal : shippedSignals()) {
      used.addAll(signal.attributes().keySet());
      typesUsed.add(signal.type());
      for (Object value : signal.attributes().values()) {
        valueTypes.add(value instanceof List ? List.class : value.getClass());
      }
    }
    // then
    assertThat(documented).containsAll(used);
    assertThat(used).containsAll(documented);
    assertThat(typesUsed).isEqualTo(types);
    assertThat(valueTypes)
        .isSubsetOf(String.class, Long.class, Double.class, Boolean.class, List.class);
  }

  @Test
  void should_carry_no_personal_data() throws IOException {
    // given
    String text = jsonLines(small(11));
    // when / then
    assertThat(text).doesNotContain("@").doesNotContainIgnoringCase("name");
  }

  @Test
  void should_key_subjects_with_synthetic_numeric_ids() {
    // given
    Function<Signal, SubjectRef> subject = Signal::subject;
    // when / then
    assertThat(shippedSignals())
        .extracting(subject)
        .allSatisfy(ref -> assertThat(ref.id()).matches("[0-9]{7}"));
  }

  @Test
  void should_reject_a_contact_count_out_of_range() {
    assertThatThrownBy(() -> SignalLogGenerator.builder().contacts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contacts must be between 1 and 100000, but was 0");
  }

  @Test
  void should_reject_weeks_out_of_range() {
    assertThatThrownBy(() -> SignalLogGenerator.builder().weeks(53))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weeks must be between 1 and 52, but was 53");
  }

  @Test
  void should_reject_a_start_with_a_fraction_of_a_second() {
    assertThatThrownBy(
            () -> SignalLogGenerator.builder().start(Instant.parse("2026-03-02T00:00:00.5Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("start must be a whole second, but was 2026-03-02T00:00:00.500Z");
    assertThatThrownBy(() -> SignalLogGenerator.builder().start(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("start");
  }

  @Test
  void should_reject_a_redelivery_share_out_of_range() {
    assertThatThrownBy(() -> SignalLogGenerator.builder().redeliveryShare(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("redeliveryShare must be between 0 and 0.5, but was NaN");
    assertThatThrownBy(() -> SignalLogGenerator.builder().redeliveryShare(0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("redeliveryShare must be between 0 and 0.5, but was 0.6");
  }

  @Test
  void should_preset_the_builder_to_the_shipped_configuration() {
    // given / when
    SignalLogGenerator generator = SignalLogGenerator.builder().build();
    // then
    assertThat(generator.seed()).isEqualTo(20260302L);
    assertThat(generator.contacts()).isEqualTo(3_000);
    assertThat(generator.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(generator.weeks()).isEqualTo(6);
    assertThat(generator.end()).isEqualTo(Instant.parse("2026-04-13T00:00:00Z"));
    assertThat(generator.redeliveryShare()).isEqualTo(0.02);
  }
}
