package dev.journey.benchmarks;

import dev.journey.core.action.Action;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.Signal;
import java.io.IOException;
import java.util.Locale;

/**
 * {@link JsonDocumentBenchmark}'s documents measured in what the load of a shared machine does not
 * change much: the thread's CPU time and the bytes it allocates per document written or read
 * ({@code com.sun.management.ThreadMXBean}), for {@code mapper=fast} and {@code
 * mapper=reflective} interleaved round by round, two warm-up rounds left out, the median of the
 * rest printed. The JSON text's length is printed too.
 *
 * <p>Run: {@code java -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.JsonCostHarness 20000 7}
 */
public final class JsonCostHarness {
  private static final String[] OPS = {
    "writeSnapshot", "writeAudit", "writeAction", "writeOutboxEntry", "writeSignal", "writeCommit",
    "readSnapshot", "readAudit", "readAction", "readSignal"
  };

  private JsonCostHarness() {}

  /** Runs the measurement: {@code [ops per round] [rounds]}. */
  public static void main(String[] args) throws Exception {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    String[] variants = {"fast", "reflective"};
    JsonDocumentBenchmark.Documents[] docs = new JsonDocumentBenchmark.Documents[variants.length];
    for (int v = 0; v < variants.length; v++) {
      docs[v] = new JsonDocumentBenchmark.Documents();
      docs[v].mapper = variants[v];
      docs[v].setUp();
    }
    System.out.printf(Locale.ROOT, "JSON chars: snapshot %d, audit %d, action %d, outbox entry %d, signal %d%n",
        docs[0].snapshotJson.length(), docs[0].auditJson.length(), docs[0].actionJson.length(),
        docs[0].entryJson.length(), docs[0].signalJson.length());
    JsonDocumentBenchmark bench = new JsonDocumentBenchmark();
    for (String op : OPS) {
      CpuRounds.Cost[] costs = CpuRounds.costs(variants.length, rounds, ops, v -> docs[v],
          (d, v) -> {
            long sink = 0;
            for (int i = 0; i < ops; i++) {
              sink += run(bench, op, d);
            }
            return sink;
          });
      CpuRounds.Cost fast = costs[0];
      CpuRounds.Cost reflective = costs[1];
      System.out.printf(Locale.ROOT,
          "%-17s fast %6.0f CPU ns/op %7.0f B/op | reflective %6.0f CPU ns/op %7.0f B/op | fast/reflective CPU %.2f, B %.2f | rounds fast %s reflective %s%n",
          op, fast.cpuNs(), fast.bytes(), reflective.cpuNs(), reflective.bytes(),
          fast.cpuNs() / reflective.cpuNs(), fast.bytes() / reflective.bytes(), fast.rounds(),
          reflective.rounds());
    }
  }

  private static int run(JsonDocumentBenchmark b, String op, JsonDocumentBenchmark.Documents d)
      throws IOException {
    switch (op) {
      case "writeSnapshot":
        return b.writeSnapshot(d).length();
      case "writeAudit":
        return b.writeAudit(d).length();
      case "writeAction":
        return b.writeAction(d).length;
      case "writeOutboxEntry":
        return b.writeOutboxEntry(d).length();
      case "writeSignal":
        return b.writeSignal(d).length();
      case "writeCommit":
        return b.writeCommit(d);
      case "readSnapshot":
        JourneySnapshot snapshot = b.readSnapshot(d);
        return (int) snapshot.version();
      case "readAudit":
        AuditRecord audit = b.readAudit(d);
        return audit.outcome().ordinal();
      case "readAction":
        Action action = b.readAction(d);
        return action.id().length();
      case "readSignal":
        Signal signal = b.readSignal(d);
        return signal.id().length();
      default:
        throw new IllegalArgumentException("unknown op " + op);
    }
  }
}
