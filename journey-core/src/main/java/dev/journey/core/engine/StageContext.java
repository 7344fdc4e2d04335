package dev.journey.core.engine;

import dev.journey.core.Signal;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The context one evaluation's stages share; remembers shared reads and writes. */
final class StageContext implements DecisionStage.Context {
  private final JourneySnapshot snapshot;
  private final Signal signal;
  private final Instant now;
  private final JourneyModel model;
  private final Function<String, SharedState> loader;
  private final ActionEffects effects;
  private final Map<String, SharedState> reads = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> writes = new LinkedHashMap<>();
  private Map<String, String> facts;
  String parked;
  private final Supplier<Optional<JourneySnapshot>> accountLoader;
  private Optional<JourneySnapshot> account;

  StageContext(
      JourneySnapshot snapshot,
      Signal signal,
      Instant now,
      JourneyModel model,
      Function<String, SharedState> loader,
      ActionEffects effects,
      Supplier<Optional<JourneySnapshot>> accountLoader) {
    this.accountLoader = accountLoader;
    this.snapshot = snapshot;
    this.signal = signal;
    this.now = now;
    this.model = model;
    this.loader = loader;
    this.effects = effects;
  }

  @Override
  public JourneySnapshot snapshot() {
    return snapshot;
  }

  @Override
  public ActionEffects effects() {
    return effects;
  }

  @Override
  public Signal signal() {
    return signal;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public JourneyModel model() {
    return model;
  }

  @Override
  public SharedState readShared(String key) {
    Map<String, Long> written = writes.get(key);
    SharedState read = reads.computeIfAbsent(key, loader);
    return written == null ? read : new SharedState(key, read.version(), written);
  }

  @Override
  public void writeShared(String key, Map<String, Long> values) {
    reads.computeIfAbsent(key, loader);
    writes.put(key, Map.copyOf(values));
  }

  @Override
  public void park(String reason) {
    this.parked = reason;
  }

  @Override
  public Optional<JourneySnapshot> account() {
    if (account == null) {
      account = accountLoader.get();
      // what the stage saw of the company, for the audit: enough for recompute to show it again
      account.ifPresent(a -> noteInput(AccountFact.name(a.subject()), AccountFact.value(a)));
    }
    return account;
  }

  @Override
  public void noteInput(String name, String value) {
    if (facts == null) {
      facts = new LinkedHashMap<>();
    }
    facts.put(name, value);
  }

  /** What the stages read: shared state as read, and the facts they noted. */
  StageInputs inputs() {
    if (reads.isEmpty() && facts == null) {
      return StageInputs.NONE;
    }
    return new StageInputs(List.copyOf(reads.values()), facts == null ? Map.of() : facts);
  }

  List<SharedWrite> writes() {
    List<SharedWrite> list = new ArrayList<>();
    writes.forEach((key, values) -> list.add(new SharedWrite(key, reads.get(key).version(), values)));
    return list;
  }
}
