package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of docs/operations.md, compiled and run on an embedded H2 database. */
final class OperationsDocTest {
  @TempDir Path dir;

  @Test
  void the_documented_store_setups_build_working_stores() {
    JavaRuleSet rules = JavaRuleSet.builder("ops", "1").build();
    JourneyDefinition journey = JourneyDefinition.of("ops", JourneyModel.leadHandoff(), rules);
    Path data = dir.resolve("data");
    // tag::h2[]
    // embedded H2: nothing else to install (journey-jdbc brings H2)
    JdbcPool pool = JdbcPool.h2File(data.resolve("journey"));          // data/journey.mv.db
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
    // end::h2[]
    try (pool) {
      DataSource dataSource = pool; // stands in for a production pool (HikariCP, Agroal)
      String hostName = "instance-1";
      // tag::postgres[]
      // PostgreSQL: any DataSource; prefer a real pool (HikariCP, Agroal) in production
      JdbcJourneyStore shared = JdbcJourneyStore.builder(dataSource)
          .instanceId(hostName)                       // stable per process, see "Several instances"
          .auditRetention(Duration.ofDays(365))
          .deadLetterRetention(Duration.ofDays(90))
          .build();
      JourneyEngine engine = JourneyEngine.builder().definition(journey).store(shared).build();
      // end::postgres[]
      assertThat(engine.store()).isSameAs(shared);
      assertThat(store.deadLetters()).isEmpty();
    }
  }

  @Test
  void the_documented_misfire_stage_builds() {
    JavaRuleSet rules = JavaRuleSet.builder("ops", "1").build();
    // tag::misfire[]
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff")
            .model(JourneyModel.leadHandoff())
            .evaluator(rules)
            .stage(MisfireStage.builder()
                .policy("reminder:", MisfirePolicy.skipIfLaterThan(Duration.ofHours(4)))
                .policy("digest:", MisfirePolicy.coalesce(Duration.ofMinutes(5)))
                .build())
            .build())
        .build();
    // end::misfire[]
    assertThat(engine).isNotNull();
  }
}
