package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.nio.file.Path;
import java.time.Duration;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of docs/operations.md, compiled and run on an embedded SQLite database. */
final class OperationsDocTest {
  @TempDir Path dir;

  @Test
  void the_documented_store_setups_build_working_stores() throws Exception {
    JavaRuleSet rules = JavaRuleSet.builder("ops", "1").build();
    JourneyDefinition journey = JourneyDefinition.of("ops", JourneyModel.leadHandoff(), rules);
    Path data = dir.resolve("data");
    java.nio.file.Files.createDirectories(data);
    // tag::embedded[]
    // embedded SQLite, the default: nothing else to install (journey-jdbc brings the driver)
    JdbcPool pool = JdbcPool.sqliteFile(data.resolve("journey.db"));   // WAL, fsync per commit
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
    // end::embedded[]
    // stands in for the PostgreSQL URL (no server in this test): the same pool over the file
    String url = "jdbc:sqlite:" + data.resolve("journey.db");
    try (pool) {
      String hostName = "instance-1";
      // tag::postgres[]
      // PostgreSQL: any DataSource; a real pool in production, e.g. HikariCP
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);                     // jdbc:postgresql://db:5432/journey
      config.setMaximumPoolSize(16);
      HikariDataSource dataSource = new HikariDataSource(config);
      JdbcJourneyStore shared = JdbcJourneyStore.builder(dataSource)
          .instanceId(hostName)                       // stable per process, see "Several instances"
          .auditRetention(Duration.ofDays(365))
          .deadLetterRetention(Duration.ofDays(90))
          .build();
      JourneyEngine engine = JourneyEngine.builder().definition(journey).store(shared).build();
      // end::postgres[]
      assertThat(engine.store()).isSameAs(shared);
      assertThat(store.deadLetters()).isEmpty();
      assertThat(store.databaseName()).isEqualTo("SQLite");
      dataSource.close();
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
