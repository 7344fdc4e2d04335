package dev.journey.jackson;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.TimerFiring;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.EvaluatorOutput;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.Suppression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Random journey values from a seed, with every optional part sometimes present and sometimes not,
 * and texts that need escaping, for the properties of {@link StreamingSerializersProperties}.
 */
final class RandomValues {
  private static final String[] TEXTS = {
    "", "a", "Call back", "quote \" and \\ backslash", "line\nbreak\ttab", "\u0001\u001f control",
    "caf\u00e9 \u6f22\u5b57", "emoji \uD83D\uDE00", "</script>", "  spaced  ", "0", "null"
  };
  private static final FeatureSet FEATURES =
      FeatureSet.builder()
          .windowCount("views_7d", SignalMatch.of("PRICING_PAGE_VIEWED"), Duration.ofDays(7))
          .lastSeen("last_demo", SignalMatch.of("DEMO_REQUESTED"))
          .latestValue("fit", SignalMatch.of("PRICING_PAGE_VIEWED", "DEMO_REQUESTED"), "fitScore")
          .distinctCount("pages", SignalMatch.of("PRICING_PAGE_VIEWED"), "pageUrl")
          .build();

  private final Random random;

  RandomValues(long seed) {
    this.random = new Random(seed);
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private int upTo(int max) {
    return random.nextInt(max + 1);
  }

  String text() {
    return chance(70) ? TEXTS[random.nextInt(TEXTS.length)] : "t" + random.nextInt(100_000);
  }

  /** Not blank. */
  String word() {
    String t = text();
    return t.isBlank() ? "w" + random.nextInt(1_000) : t;
  }

  /** No white space or control characters, some needing escapes in JSON. */
  String name() {
    String[] names = {"sla:first-touch", "caf\u00e9-\u6f22\u5b57", "q\"uote\\s", "\uD83D\uDE00", "n/x"};
    return chance(50) ? names[random.nextInt(names.length)] : "n" + random.nextInt(10_000);
  }

  /** Letters, digits and '_', '.', '-', ':' only. */
  String token() {
    String[] tokens = {"FORM_SUBMITTED", "DEMO_REQUESTED", "x.y-z:1", "A", "hubspot", "t_9"};
    return chance(50) ? tokens[random.nextInt(tokens.length)] : "tok" + random.nextInt(10_000);
  }

  /** Across the years ISO-8601 prints plainly and beyond them, with 0, 3, 6 and 9 fraction digits. */
  Instant instant() {
    long seconds;
    switch (random.nextInt(6)) {
      case 0 -> seconds = Instants.MIN_SECOND + random.nextInt(3) - 1;
      case 1 -> seconds = Instants.END_SECOND + random.nextInt(3) - 2;
      case 2 -> seconds = Instant.MIN.getEpochSecond() + random.nextInt(1_000);
      case 3 -> seconds = Instant.MAX.getEpochSecond() - random.nextInt(1_000);
      case 4 ->
          seconds =
              Instants.MIN_SECOND
                  + (long) (random.nextDouble() * (Instants.END_SECOND - Instants.MIN_SECOND));
      default -> seconds = 1_772_000_000L + random.nextInt(100_000_000);
    }
    int nanos =
        switch (random.nextInt(5)) {
          case 0 -> 0;
          case 1 -> random.nextInt(1_000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1_000;
          case 3 -> random.nextInt(1_000_000_000);
          default -> random.nextInt(10) * 100_000_000;
        };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** An instant of the years 2000-2100, for values that do arithmetic on it. */
  Instant ordinaryInstant() {
    return Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 3_155_760_000L), chance(50) ? 0 : random.nextInt(1_000_000_000));
  }

  SubjectRef subject() {
    String id = chance(50) ? Long.toString(random.nextLong() & Long.MAX_VALUE) : "id-" + random.nextInt(1_000);
    return switch (random.nextInt(3)) {
      case 0 -> SubjectRef.contact(id);
      case 1 -> SubjectRef.company(id);
      default -> SubjectRef.deal(id);
    };
  }

  private Object attributeValue(int depth) {
    int kind = random.nextInt(depth > 2 ? 4 : 6);
    return switch (kind) {
      case 0 -> text();
      case 1 -> chance(50) ? (long) random.nextInt(1_000) : random.nextLong();
      case 2 ->
          switch (random.nextInt(4)) {
            case 0 -> random.nextDouble();
            case 1 -> -0.0;
            case 2 -> 1.0e300 * random.nextDouble();
            default -> (double) random.nextInt(100);
          };
      case 3 -> random.nextBoolean();
      case 4 -> {
        List<Object> list = new ArrayList<>();
        for (int i = upTo(3); i > 0; i--) {
          list.add(attributeValue(depth + 1));
        }
        yield list;
      }
      default -> attributes(depth + 1);
    };
  }

  private Map<String, Object> attributes(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = upTo(4); i > 0; i--) {
      map.put(word(), attributeValue(depth));
    }
    return map;
  }

  private Map<String, String> stringMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = upTo(3); i > 0; i--) {
      map.put(word(), text());
    }
    return map;
  }

  Signal signal() {
    return signal(subject());
  }

  Signal signal(SubjectRef subject) {
    if (chance(20)) {
      return Signal.timerFired(
          "timer:" + random.nextInt(1_000),
          subject,
          new TimerFiring("sla" + random.nextInt(9), 1 + random.nextInt(9), ordinaryInstant()),
          stringMap());
    }
    return Signal.builder()
        .id("sig-" + random.nextInt(1_000_000))
        .subject(subject)
        .type(token())
        .occurredAt(instant())
        .source(token())
        .attributes(attributes(0))
        .build();
  }

  PendingTimer timer() {
    return new PendingTimer(name(), instant(), 1 + random.nextInt(1_000), stringMap());
  }

  JourneySnapshot snapshot() {
    SubjectRef subject = subject();
    JourneySnapshot.Builder b =
        JourneySnapshot.initial(subject, "NURTURE", instant()).toBuilder();
    if (chance(50)) {
      b.state(word(), instant());
    }
    for (int i = upTo(3); i > 0; i--) {
      b.property(chance(30) ? JourneySnapshot.OWNER : word(), text(), word(), instant());
    }
    for (int i = upTo(3); i > 0; i--) {
      b.timer(timer());
    }
    for (int i = upTo(2); i > 0; i--) {
      b.suppression(new Suppression(word(), text(), instant()));
    }
    for (int i = upTo(3); i > 0; i--) {
      b.counter(word(), random.nextLong());
    }
    if (chance(70)) {
      b.ruleSet("lead-handoff@" + random.nextInt(9));
    }
    if (chance(40)) {
      FeatureSnapshot features = FeatureSnapshot.EMPTY;
      Instant at = ordinaryInstant();
      for (int i = upTo(4); i > 0; i--) {
        features =
            FEATURES.fold(
                features,
                Signal.builder()
                    .id("f-" + i)
                    .subject(subject)
                    .type(chance(50) ? "PRICING_PAGE_VIEWED" : "DEMO_REQUESTED")
                    .occurredAt(at.plusSeconds(60L * i))
                    .source("hubspot")
                    .attribute("fitScore", random.nextInt(100))
                    .attribute("pageUrl", "/p" + random.nextInt(5))
                    .build());
      }
      b.features(features);
    }
    for (int i = chance(30) ? upTo(2) : 0; i > 0; i--) {
      b.journey(
          "j" + random.nextInt(5),
          new JourneyState(word(), instant(), chance(50) ? Optional.of("j@" + random.nextInt(3)) : Optional.empty()));
    }
    b.version(chance(50) ? random.nextInt(100) : random.nextLong() & Long.MAX_VALUE);
    b.updatedAt(instant());
    return b.build();
  }

  RuleSetRef ruleSet() {
    return new RuleSetRef(word(), word(), chance(60) ? Optional.of(word()) : Optional.empty());
  }

  Decision decision(JourneySnapshot before, Signal signal) {
    Instant now = ordinaryInstant();
    Decision.Builder b = Decision.builder(before, signal, now, ruleSet());
    for (int i = upTo(10); i > 0; i--) {
      switch (random.nextInt(19)) {
        case 0 -> b.fired(word());
        case 1 -> b.transitionTo(word());
        case 2 -> b.assignOwner(word(), text());
        case 3 -> b.route(word());
        case 4 -> b.request(word(), word(), stringMap());
        case 5 -> b.createTask(word(), text(), now.plusSeconds(upTo(86_400)));
        case 6 ->
            b.createTask(
                word(), text(), word(), now.plusSeconds(upTo(86_400)), "HIGH", "CALL", stringMap());
        case 7 -> b.enrollSequence(word(), word());
        case 8 -> b.enrollSequence(word(), word(), word());
        case 9 -> b.unenrollSequence(word(), text());
        case 10 -> b.setProperty(word(), text());
        case 11 -> b.updateDealStage(word(), word());
        case 12 -> b.notify(word(), text());
        case 13 -> b.suppress(word(), text(), chance(50) ? now.plusSeconds(upTo(1_000)) : instant());
        case 14 -> b.resume(word());
        case 15 -> b.escalate(word(), 1 + random.nextInt(5), text());
        case 16 -> b.recycle(word());
        case 17 -> b.startTimer(name(), instant(), stringMap());
        default -> {
          b.cancelTimer(name());
          b.increment(word(), random.nextInt(20) - 10);
          b.trace(text());
          b.annotate(word(), text());
        }
      }
    }
    Decision d = b.build();
    if (d.actions().isEmpty() || chance(50)) {
      return d;
    }
    // some actions dropped by a guardrail, the rest kept with their ordinals
    List<DroppedAction> dropped = new ArrayList<>();
    for (Action action : d.actions().subList(0, 1 + random.nextInt(d.actions().size()))) {
      dropped.add(new DroppedAction(action, word(), text()));
    }
    return new Decision(
        d.subject(), d.signalId(), d.signalType(), d.ruleSet(), d.evaluatedAt(), d.stateBefore(),
        d.stateAfter(), d.rulesFired(), d.actions(), d.timerCommands(), d.requests(),
        d.counterDeltas(), dropped, d.trace(), d.annotations(), d.actionOrdinals());
  }

  Decision decision() {
    JourneySnapshot before = snapshot();
    return decision(before, signal(before.subject()));
  }

  Action action() {
    List<Action> actions = List.of();
    while (actions.isEmpty()) {
      actions = decision().actions();
    }
    return actions.get(random.nextInt(actions.size()));
  }

  AuditRecord audit() {
    JourneySnapshot before = snapshot();
    Signal signal = signal(before.subject());
    Decision decision = decision(before, signal);
    List<SharedState> shared = new ArrayList<>();
    for (int i = chance(50) ? upTo(2) : 0; i > 0; i--) {
      Map<String, Long> values = new LinkedHashMap<>();
      for (int j = upTo(3); j > 0; j--) {
        values.put(word(), random.nextLong());
      }
      shared.add(new SharedState("routing:" + i + ":" + word(), random.nextInt(100), values));
    }
    Optional<EvaluatorOutput> evaluated =
        chance(25) ? EvaluatorOutput.of(decision(before, signal), decision) : Optional.empty();
    StageInputs inputs =
        chance(30) ? StageInputs.NONE : new StageInputs(shared, chance(50) ? stringMap() : Map.of(), evaluated);
    AuditRecord.Outcome outcome = AuditRecord.Outcome.values()[random.nextInt(AuditRecord.Outcome.values().length)];
    return new AuditRecord(
        signal,
        before,
        decision,
        outcome,
        chance(50) ? Optional.of(word()) : Optional.empty(),
        instant(),
        inputs,
        chance(30) ? Optional.of(word()) : Optional.empty());
  }

  OutboxEntry entry() {
    return new OutboxEntry(
        action(),
        random.nextLong() & Long.MAX_VALUE,
        instant(),
        random.nextInt(100),
        instant(),
        chance(50) ? Optional.of(word()) : Optional.empty());
  }
}
