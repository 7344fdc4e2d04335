package dev.journey.core.spi;

import dev.journey.core.SubjectRef;

/**
 * An optional store capability: erasing everything stored about one subject (e.g. for a GDPR
 * erasure request). Every bundled store implements it.
 */
public interface Erasure {

  /**
   * Erases, in one step, the subject's snapshot, processed-signal ids, timers, outbox entries,
   * audit records, dead letters and quarantined inputs. A signal for the subject that arrives
   * later starts a new journey. Shared state (counters across subjects) holds no per-subject data
   * and is kept.
   *
   * @return how many records were deleted
   */
  int erase(SubjectRef subject);
}
