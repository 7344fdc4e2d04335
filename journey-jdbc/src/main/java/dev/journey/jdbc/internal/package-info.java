/**
 * Internals of the JDBC store: SQL dialects, the schema and its migrations, the JSON document
 * codec and instant encoding. Not API: may change in any release.
 */
package dev.journey.jdbc.internal;
