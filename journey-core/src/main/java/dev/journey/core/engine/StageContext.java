package dev.journey.core.engine;

import dev.journey.core.Signal;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The context one evaluation's stages share; remembers shared reads and writes. */
final class StageContext implements DecisionStage.Context {
  private final JourneySnapshot snapshot;
  private final Signal signal;
  private final Instant now;
  private final JourneyModel model;
  private final JourneyStore store;
  private final ActionEffects effects;
  private final Map<String, SharedState> reads = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> writes = new LinkedHashMap<>();
  String parked;

  StageContext(
      JourneySnapshot snapshot,
      Signal signal,
      Instant now,
      JourneyModel model,
      JourneyStore store,
      ActionEffects effects) {
    this.snapshot = snapshot;
    this.signal = signal;
    this.now = now;
    this.model = model;
    this.store = store;
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
    SharedState read = reads.computeIfAbsent(key, store::loadShared);
    return written == null ? read : new SharedState(key, read.version(), written);
  }

  @Override
  public void writeShared(String key, Map<String, Long> values) {
    reads.computeIfAbsent(key, store::loadShared);
    writes.put(key, Map.copyOf(values));
  }

  @Override
  public void park(String reason) {
    this.parked = reason;
  }

  List<SharedWrite> writes() {
    List<SharedWrite> list = new ArrayList<>();
    writes.forEach((key, values) -> list.add(new SharedWrite(key, reads.get(key).version(), values)));
    return list;
  }
}
