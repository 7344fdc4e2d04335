package dev.journey.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.action.Action;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes journey actions against one HubSpot account, as an {@link ActionExecutor} for the
 * core {@link dev.journey.core.engine.OutboxRelay}. Actions of the same kind are coalesced into
 * batch requests of at most {@link HubSpotConfig.Builder#maxBatchSize} inputs, and a 207
 * multi-status answer is mapped back to each action. Nothing here sleeps or retries by itself:
 * rate limits, locks and server errors come back as {@link ExecutionResult#retryAfter}, unknown
 * outcomes as {@link ExecutionResult#ambiguous}, and validation/scope/not-found failures as
 * {@link ExecutionResult#permanent}, so the relay owns retries and dead letters.
 *
 * <p>The mapping (see {@code docs/hubspot.md}): SetProperty, AssignOwner ({@code
 * hubspot_owner_id}), UpdateDealStage ({@code pipeline}, {@code dealstage}) and Recycle are batch
 * property updates of contacts, companies or deals; CreateTask, Notify (task or note) and
 * Escalate are batch upserts of tasks or notes keyed on the unique {@link
 * HubSpotConfig#actionIdProperty()} (so a retry after a timeout cannot duplicate them; or, with
 * {@link HubSpotConfig.Idempotency#SEARCH_BEFORE_RETRY}, creates with a search before any retry),
 * then associated through associations v4 — the action is done only once the associations exist;
 * SuppressOutreach and ResumeOutreach add a contact to or remove it from a static list;
 * EnrollSequence enrolls through the sequences API, with the sender's user id resolved through
 * owners; UnenrollSequence is either a marker-property write on the contact or a permanent
 * "unsupported" failure.
 *
 * <p>Inside: a pure {@link CallPlanner} turns each action into a {@code HubSpotCall}; calls of
 * one kind are chunked and each chunk is sent by the {@link BatchRunner}, up to {@link
 * HubSpotConfig.Builder#maxInFlight} chunks at once (pipelining), all within the portal's one
 * rate window; every failure goes through one {@link ErrorClassifier}.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * HubSpotExecutor hubspot = HubSpotExecutor.create(config);
 * OutboxRelay relay = OutboxRelay.builder(engine.store(), hubspot).clock(clock).build();
 * }</pre>
 */
public final class HubSpotExecutor implements ActionExecutor {
  private final HubSpotConfig config;
  private final Transport transport;
  private final CallPlanner planner;
  private final BatchRunner runner;
  private final ExecutorService pool;

  private HubSpotExecutor(HubSpotConfig config) {
    this.config = config;
    this.transport = new Transport(config, new ObjectMapper());
    this.planner = new CallPlanner(config);
    this.runner = new BatchRunner(config, transport);
    this.pool = config.maxInFlight <= 1 ? null : Executors.newFixedThreadPool(config.maxInFlight, r -> {
      Thread t = new Thread(r, "journey-hubspot-" + config.baseUri.getHost());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Creates an executor without checking the portal; see {@link #start} for the checked way.
   *
   * @param config the configuration
   * @return the executor
   */
  public static HubSpotExecutor create(HubSpotConfig config) {
    return new HubSpotExecutor(Objects.requireNonNull(config, "config"));
  }

  /**
   * Creates an executor after checking, read-only, that the portal is set up for it: with
   * {@link HubSpotConfig.Idempotency#UNIQUE_PROPERTY}, that {@link
   * HubSpotConfig#actionIdProperty()} exists with {@code hasUniqueValue} on tasks and notes, and
   * that every configured suppression list exists.
   *
   * @param config the configuration
   * @return the executor
   * @throws HubSpotSetupException naming every missing item, when the portal is not ready
   */
  public static HubSpotExecutor start(HubSpotConfig config) {
    HubSpotExecutor executor = create(config);
    HubSpotDoctor.Report report = HubSpotDoctor.check(executor.transport, config);
    if (!report.ok()) {
      throw new HubSpotSetupException(report.problems());
    }
    return executor;
  }

  /** The failure that stopped this portal (a repeated 401), if it is stopped. */
  public Optional<HubSpotAuthenticationException> stoppedBy() {
    return transport.stoppedBy();
  }

  /** Lets calls to a stopped portal through again, e.g. after the token was replaced. */
  public void resume() {
    transport.resume();
  }

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    Objects.requireNonNull(action, "action");
    OutboxEntry entry =
        new OutboxEntry(action, 0, config.clock.instant(), Math.max(0, attempt - 1), config.clock.instant());
    return executeAll(List.of(entry)).get(0);
  }

  @Override
  public List<ExecutionResult> executeAll(List<OutboxEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    ExecutionResult[] results = new ExecutionResult[entries.size()];
    Map<String, List<BatchRunner.Item>> groups = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      OutboxEntry entry = entries.get(i);
      CallPlanner.Plan plan = planner.plan(entry);
      if (plan instanceof CallPlanner.Refuse refuse) {
        results[i] = ExecutionResult.permanent(refuse.reason());
      } else {
        HubSpotCall call = ((CallPlanner.Send) plan).call();
        groups.computeIfAbsent(call.groupKey(), k -> new ArrayList<>()).add(new BatchRunner.Item(i, entry, call));
      }
    }
    List<List<BatchRunner.Item>> chunks = new ArrayList<>();
    for (List<BatchRunner.Item> group : groups.values()) {
      for (int from = 0; from < group.size(); from += config.maxBatchSize) {
        chunks.add(group.subList(from, Math.min(group.size(), from + config.maxBatchSize)));
      }
    }
    if (pool == null || chunks.size() <= 1) {
      for (List<BatchRunner.Item> chunk : chunks) {
        runner.run(chunk, results);
      }
    } else {
      List<Future<?>> running = new ArrayList<>();
      for (List<BatchRunner.Item> chunk : chunks) {
        running.add(pool.submit(() -> runner.run(chunk, results)));
      }
      for (int c = 0; c < running.size(); c++) {
        try {
          running.get(c).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fill(chunks.get(c), results, "interrupted while waiting for the request");
        } catch (ExecutionException e) {
          fill(chunks.get(c), results, "failed: " + e.getCause().getClass().getSimpleName());
        }
      }
    }
    List<ExecutionResult> out = new ArrayList<>(results.length);
    for (int i = 0; i < results.length; i++) {
      out.add(Objects.requireNonNull(results[i], "no result for entry " + i));
    }
    return out;
  }

  private static void fill(List<BatchRunner.Item> chunk, ExecutionResult[] results, String why) {
    for (BatchRunner.Item item : chunk) {
      if (results[item.index()] == null) {
        results[item.index()] = ExecutionResult.ambiguous(why);
      }
    }
  }

  /** Prints the configuration, never the token. */
  @Override
  public String toString() {
    return "HubSpotExecutor[" + config + "]";
  }
}
