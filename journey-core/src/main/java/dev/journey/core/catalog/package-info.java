/**
 * The signal catalog of a journey: which signal types it accepts and, for each, the attributes a
 * signal carries (type, required or optional, allowed values or range). {@link
 * dev.journey.core.catalog.SignalCatalog} is the entry point: it validates a signal ({@link
 * dev.journey.core.catalog.SignalCatalog#validate}) and guards an evaluator so that the engine
 * rejects a signal that breaks it before any rule sees it ({@link
 * dev.journey.core.catalog.SignalCatalog#guard}). {@code journey-config} reads a catalog from the
 * journey file's {@code signals} section; the testkit derives jqwik generators from it.
 */
package dev.journey.core.catalog;
