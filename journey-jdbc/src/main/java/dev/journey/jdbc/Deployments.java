package dev.journey.jdbc;

import dev.journey.core.rollout.DeploymentConflictException;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.jackson.DeploymentJson;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Journey deployments (saved with compare-and-set on their revision) and their pin counts. */
final class Deployments {
  private final Transactions tx;
  private final Documents docs;

  Deployments(Transactions tx, Documents docs) {
    this.tx = tx;
    this.docs = docs;
  }

  Optional<JourneyDeployment> deployment(String journey) {
    Objects.requireNonNull(journey, "journey");
    String where = "deployment of " + journey;
    return tx.read(
        "deployment",
        c ->
            Sql.one(
                c,
                "SELECT doc_version, doc FROM journey_deployment WHERE journey = ?",
                Sql.params(journey),
                rs -> docs.readDeployment(rs.getString(2), rs.getInt(1), where)));
  }

  List<String> deployedJourneys() {
    return tx.read(
        "deployedJourneys",
        c ->
            List.copyOf(
                Sql.list(
                    c, "SELECT journey FROM journey_deployment ORDER BY journey", Sql.NONE, rs -> rs.getString(1))));
  }

  void saveDeployment(JourneyDeployment next, long expectedRevision) {
    Objects.requireNonNull(next, "next");
    DeploymentStore.requireNextRevision(next, expectedRevision);
    String journey = next.journey();
    boolean saved;
    try {
      saved =
          tx.write(
              "saveDeployment",
              c -> {
                if (expectedRevision == 0) {
                  return Sql.insertOnce(
                      c,
                      tx.dialect(),
                      "INSERT INTO journey_deployment (journey, revision, doc_version, doc, updated_at)"
                          + " VALUES (?, ?, ?, ?, ?)",
                      Sql.params(
                          next.journey(),
                          next.revision(),
                          Documents.VERSION,
                          DeploymentJson.write(next),
                          Instants.key(lastChange(next))));
                }
                return Sql.update(
                        c,
                        "UPDATE journey_deployment SET revision = ?, doc_version = ?, doc = ?,"
                            + " updated_at = ? WHERE journey = ? AND revision = ?",
                        Sql.params(
                            next.revision(),
                            Documents.VERSION,
                            DeploymentJson.write(next),
                            Instants.key(lastChange(next)),
                            journey,
                            expectedRevision))
                    == 1;
              });
    } catch (JdbcStoreException e) {
      if (e.getCause() instanceof SQLException sql && Transactions.isConcurrencyFailure(sql)) {
        saved = false;
      } else {
        throw e;
      }
    }
    if (!saved) {
      long actual = deployment(journey).map(JourneyDeployment::revision).orElse(0L);
      throw new DeploymentConflictException(journey, expectedRevision, actual);
    }
  }

  private static Instant lastChange(JourneyDeployment d) {
    return d.history().isEmpty() ? Instant.EPOCH : d.history().get(d.history().size() - 1).at();
  }

  Map<String, Long> pinnedCounts(String journey, Set<String> ruleSetKeys) {
    Objects.requireNonNull(journey, "journey");
    Map<String, Long> counts = new TreeMap<>();
    ruleSetKeys.forEach(k -> counts.put(k, 0L));
    if (counts.isEmpty()) {
      return counts;
    }
    List<String> keys = List.copyOf(counts.keySet());
    StringBuilder sql = new StringBuilder("SELECT subject, doc_version, doc FROM journey_snapshot WHERE ");
    for (int i = 0; i < keys.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("doc LIKE ?");
    }
    return tx.read(
        "pinnedCounts",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < keys.size(); i++) {
              ps.setString(i + 1, "%" + keys.get(i) + "%");
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                JourneySnapshot snapshot =
                    docs.read(rs.getString(3), rs.getInt(2), JourneySnapshot.class, "snapshot of " + rs.getString(1));
                String key =
                    snapshot.journey(journey).isPresent()
                        ? snapshot.journey(journey).get().ruleSet().orElse("")
                        : snapshot.ruleSet().orElse("");
                counts.computeIfPresent(key, (k, n) -> n + 1);
              }
            }
          }
          return counts;
        });
  }
}
