package dev.journey.core.decision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.CapabilityRequest;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Stages place the actions they add by the ordinals the decision keeps; the reference model is the
 * old way, recovering each action's ordinal by re-deriving ids. For any interleaving of actions and
 * requests a rule set asks for, any guardrail drops and any order in which requests are resolved,
 * both place every action at the same position, and the kept ordinals are the ids' ordinals.
 */
final class DecisionEditsProperties {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1001");

  @Provide
  Arbitrary<List<Boolean>> asks() {
    // true: an action, false: a routing request (which reserves an ordinal)
    return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 300)
  void should_insert_where_re_deriving_ids_would_and_keep_the_ids_ordinals(
      @ForAll("asks") List<Boolean> asks,
      @ForAll long seed) {
    // given a decision as a rule set builds it
    Signal signal =
        Signal.builder().id("s-1").subject(LEAD).type(SignalTypes.FORM_SUBMITTED).occurredAt(T).build();
    Decision.Builder builder =
        Decision.builder(JourneySnapshot.initial(LEAD, "NURTURE", T), signal, T, RuleSetRef.of("r", "1"));
    for (int i = 0; i < asks.size(); i++) {
      if (asks.get(i)) {
        builder.notify("owner", "n" + i);
      } else {
        builder.route("p" + i);
      }
    }
    Decision decision = builder.build();
    java.util.Random random = new java.util.Random(seed);
    if (!decision.actions().isEmpty() && random.nextBoolean()) {
      decision = decision.dropping(decision.actions().get(random.nextInt(decision.actions().size())), "g", "r");
    }
    List<CapabilityRequest> requests = new ArrayList<>(decision.requests());
    java.util.Collections.shuffle(requests, random);

    // when every request is resolved into an action, in a random order
    for (CapabilityRequest request : requests) {
      Action routed = new AssignOwner(decision.actionId(request.ordinal()), LEAD, "o", "why");
      Decision expected = referenceInsert(decision, request.ordinal(), routed);
      decision = DecisionEdits.insert(decision, request.ordinal(), routed);

      // then
      assertThat(decision.actions()).isEqualTo(expected.actions());
    }
    for (int i = 0; i < decision.actions().size(); i++) {
      assertThat(decision.actionId(decision.actionOrdinals().get(i)))
          .isEqualTo(decision.actions().get(i).id());
    }
    // and an appended action gets a fresh ordinal that it keeps
    Decision appended = DecisionEdits.append(decision, id -> new Notify(id, LEAD, "owner", "late"));
    int last = appended.actions().size() - 1;
    assertThat(appended.actionId(appended.actionOrdinals().get(last)))
        .isEqualTo(appended.actions().get(last).id());
    assertThat(decision.actionOrdinals()).doesNotContain(appended.actionOrdinals().get(last));
  }

  /** The old insert: recover ordinals by deriving the ids of the first n + 64 ordinals. */
  private static Decision referenceInsert(Decision decision, int ordinal, Action action) {
    int limit = decision.actions().size() + decision.requests().size() + decision.dropped().size() + 64;
    Map<String, Integer> ordinals = new HashMap<>();
    for (int i = 0; i < limit; i++) {
      ordinals.put(decision.actionId(i), i);
    }
    List<Action> actions = new ArrayList<>(decision.actions());
    int index = actions.size();
    for (int i = 0; i < actions.size(); i++) {
      Integer other = ordinals.get(actions.get(i).id());
      if (other != null && other > ordinal) {
        index = i;
        break;
      }
    }
    actions.add(index, action);
    List<Integer> kept = new ArrayList<>(decision.actionOrdinals());
    kept.add(index, ordinal);
    return decision.withActions(actions, kept);
  }
}
