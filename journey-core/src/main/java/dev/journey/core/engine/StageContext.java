package dev.journey.core.engine;

import dev.journey.core.Alias;
import dev.journey.core.ObjectType;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.AliasStore;
import java.util.Optional;

import dev.journey.core.Signal;
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
  private final Map<String, SharedState> reads = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> writes = new LinkedHashMap<>();
  String parked;
  private final List<AliasChange> aliasChanges;

  StageContext(
      JourneySnapshot snapshot,
      Signal signal,
      Instant now,
      JourneyModel model,
      JourneyStore store,
      List<AliasChange> aliasChanges) {
    this.aliasChanges = aliasChanges;
    this.snapshot = snapshot;
    this.signal = signal;
    this.now = now;
    this.model = model;
    this.store = store;
  }

  @Override
  public JourneySnapshot snapshot() {
    return snapshot;
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

  private Optional<JourneySnapshot> account;

  @Override
  public Optional<JourneySnapshot> account() {
    if (account == null) {
      account = Optional.empty();
      if (store instanceof AliasStore aliases && snapshot.subject().type() == ObjectType.CONTACT) {
        Alias link = Alias.accountOf(snapshot.subject());
        Optional<SubjectRef> company = aliases.resolve(link);
        // a link this signal's commit writes counts already
        for (AliasChange change : aliasChanges) {
          if (change.alias().equals(link)) {
            company =
                change instanceof AliasChange.Attach a ? Optional.of(a.subject()) : Optional.empty();
          }
        }
        if (company.isPresent()) {
          SubjectRef c = aliases.resolve(Alias.subject(company.get())).orElse(company.get());
          account = store.load(c);
        }
      }
    }
    return account;
  }

  List<SharedWrite> writes() {
    List<SharedWrite> list = new ArrayList<>();
    writes.forEach((key, values) -> list.add(new SharedWrite(key, reads.get(key).version(), values)));
    return list;
  }
}
