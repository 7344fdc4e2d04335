package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.routing.Owner;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.DeadLetter;
import dev.journey.hubspot.HubSpotConfig;
import dev.journey.hubspot.HubSpotExecutor;
import dev.journey.hubspot.HubSpotRequestEvent;
import dev.journey.hubspot.RateLimitTier;
import dev.journey.hubspot.TokenProvider;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.fake.FakeHubSpot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The demo's HubSpot: the fake HubSpot on loopback seeded with the example's contacts, deals,
 * owners and suppression lists, the real {@link HubSpotExecutor} pointed at it (Professional
 * tier limits, on the run's virtual clock), the requests it made counted by endpoint and outcome,
 * and the "what HubSpot received" section of the demo's summary.
 */
final class DemoHubSpot implements AutoCloseable {
  /** The example's outreach channels and the static lists that suppress them. */
  static final Map<String, String> SUPPRESSION_LISTS = new TreeMap<>(Map.of("marketing", "9002", "nurture", "9001"));
  /**
   * The HubSpot owner every contact starts with (marketing), so that a nurture enrollment, which
   * names no sender, is sent by the contact's owner.
   */
  static final String MARKETING_OWNER = "90001";
  /** The rate-limit tier the demo's portal has. */
  static final RateLimitTier TIER = RateLimitTier.PROFESSIONAL;

  private final List<Signal> signals;
  private final JourneyConfig wiring;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private FakeHubSpot fake;

  DemoHubSpot(JourneyConfig wiring, List<Signal> signals) {
    this.wiring = wiring;
    this.signals = signals;
  }

  /** Starts the fake on {@code clock} and returns the executor against it. */
  ActionExecutor start(VirtualClock clock) {
    try {
      fake = FakeHubSpot.builder().clock(clock).rateLimit(TIER.perTenSeconds(), TIER.perDay()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake HubSpot on loopback", e);
    }
    RuntimeRun.subjects(signals).forEach((type, ids) -> {
      for (String id : ids) {
        if (type == ObjectType.CONTACT) {
          fake.addContact(id, Map.of("hubspot_owner_id", MARKETING_OWNER));
        } else if (type == ObjectType.DEAL) {
          fake.addDeal(id, Map.of());
        } else {
          fake.addCompany(id, Map.of());
        }
      }
    });
    fake.addOwner(MARKETING_OWNER, 4_999, "marketing@example.com");
    long user = 5_000;
    for (Owner owner : wiring.owners().owners()) {
      fake.addOwner(owner.id(), user++, owner.id() + "@example.com");
    }
    HubSpotConfig.Builder config =
        HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
            .baseUri(fake.baseUri())
            .tier(TIER)
            .clock(clock)
            .requestListener(this::count);
    SUPPRESSION_LISTS.forEach((channel, list) -> {
      fake.addList(list);
      config.suppressionList(channel, list);
    });
    return HubSpotExecutor.create(config.build());
  }

  /** The executor factory for {@link RuntimeRun#run}. */
  Function<VirtualClock, ActionExecutor> executorOn() {
    return this::start;
  }

  private void count(HubSpotRequestEvent e) {
    String key = e.method() + " " + e.endpoint() + " " + e.outcome().name().toLowerCase(Locale.ROOT);
    requests.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** What landed in the fake CRM, the requests made, and the dead letters with their reasons. */
  String section(RuntimeRun.Result run) {
    StringBuilder out = new StringBuilder();
    out.append("\nWhat HubSpot received (the runtime's relay against the fake HubSpot on ").append(fake.baseUri())
        .append(", ").append(TIER.name().toLowerCase(Locale.ROOT)).append(" limits: ")
        .append(TIER.perTenSeconds()).append(" requests per 10 s)\n");
    long owned = fake.contacts().values().stream().filter(p -> p.containsKey("hubspot_owner_id")).count();
    line(out, "contacts with an owner (hubspot_owner_id written)", owned);
    line(out, "tasks created", fake.tasks().size());
    line(out, "notes created", fake.notes().size());
    line(out, "associations created (task/note to contact)", fake.associations().size());
    SUPPRESSION_LISTS.forEach((channel, list) ->
        line(out, "contacts on suppression list " + list + " (" + channel + ") at the end", fake.listMembers(list).size()));
    line(out, "sequence enrollments", fake.enrollments().size());
    fake.tasks().values().stream().findFirst().ifPresent(task -> {
      out.append("  a task, as HubSpot holds it:\n");
      for (String p : List.of("hs_task_subject", "hs_task_priority", "hs_task_type", "hubspot_owner_id")) {
        if (task.containsKey(p)) {
          out.append(String.format(Locale.ROOT, "    %-20s %s%n", p, task.get(p)));
        }
      }
      String body = task.getOrDefault("hs_task_body", "");
      out.append(String.format(Locale.ROOT, "    %-20s %s%n", "hs_task_body",
          body.length() > 90 ? body.substring(0, 90).replace('\n', ' ') + "..." : body.replace('\n', ' ')));
    });
    out.append("  requests by endpoint and outcome:\n");
    new TreeMap<>(requests).forEach((k, v) -> line(out, "  " + k, v.sum()));
    line(out, "  answered 429 by HubSpot", fake.rateLimitedCount());
    line(out, "actions still in the outbox", run.pendingActions());
    Map<String, Long> reasons = new TreeMap<>();
    for (DeadLetter d : run.deadLetters()) {
      reasons.merge(d.entry().action().kind() + ": " + shorten(d.reason()), 1L, Long::sum);
    }
    line(out, "dead letters", run.deadLetters().size());
    reasons.forEach((r, n) -> line(out, "  " + r, n));
    return out.toString();
  }

  private static String shorten(String reason) {
    String r = reason.replaceAll("[0-9]{4,}", "N");
    return r.length() > 110 ? r.substring(0, 110) + "..." : r;
  }

  private static void line(StringBuilder out, String label, long value) {
    out.append(String.format(Locale.ROOT, "  %-52s %,9d%n", label, value));
  }

  @Override
  public void close() {
    if (fake != null) {
      fake.close();
    }
  }
}
