/**
 * A durable journey store over plain JDBC. Entry point: {@link dev.journey.jdbc.JdbcJourneyStore}
 * (built from any {@link javax.sql.DataSource}; {@link dev.journey.jdbc.JdbcPool#h2File} gives an
 * embedded H2 database with nothing else to install). {@link dev.journey.jdbc.MisfireStage}
 * decides what a timer that fires late does.
 */
package dev.journey.jdbc;
