package dev.journey.jdbc;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * Which commit lane a PostgreSQL commit joins, by load instead of by its subject's hash: the
 * first lane whose next group is not full (fewer than {@code maxGroup} commits queued), so that
 * under light load one lane forms big groups (fewer transactions, statements and fsyncs per
 * commit) and under heavy load more lanes run side by side; when every lane's next group is full,
 * the lane with the fewest queued (the first of those). A subject with a commit in flight (chosen
 * and not yet {@linkplain #release released}) stays on that commit's lane.
 *
 * <p><b>Why this cannot deadlock where hash lanes could not.</b> Hash lanes guaranteed one thing
 * about two groups running at once on different lanes (different connections, different
 * transactions): they hold no subject in common, so neither can wait for a row of the other's
 * subjects (its snapshot, its timers, its audit and outbox rows, all keyed by or under the
 * subject). This class keeps exactly that guarantee: a commit is counted in flight from before
 * its lane is chosen (under this object's lock, atomically with the choice) until its caller has
 * its result, which {@code GroupCommit} hands out only after the group's transaction committed or
 * rolled back, so its row locks are gone. While any commit of a subject is in flight, every other
 * commit of that subject is sent to the same lane, whose groups run one after the other on one
 * connection; so two concurrently running groups never share a subject, whatever lanes they run
 * on. A subject's commits may use different lanes over time, but never two at once. What remains
 * shared between lanes is what hash lanes shared too, with the same answers: shared-state keys
 * (written in key order within a commit; a deadlock the server detects is {@code 40P01}, reported
 * as that commit's conflict) and a signal id reused under another subject (the second insert
 * waits for the first transaction and is a duplicate or proceeds). Within one group the snapshots
 * are written in subject order ({@link PostgresGroup}), as before.
 *
 * <p>Thread-safe; every method holds this object's lock for a map update.
 */
final class AdaptiveLanes {
  private final int lanes;
  private final int maxGroup;
  /**
   * Per subject with commits in flight (any key with value equality: the pipeline passes the
   * {@code SubjectRef} itself, whose hash needs no text built per commit): its lane and how many
   * of its commits are in flight.
   */
  private final Map<Object, InFlight> inFlight = new HashMap<>();

  private static final class InFlight {
    final int lane;
    int count;

    InFlight(int lane) {
      this.lane = lane;
    }
  }

  AdaptiveLanes(int lanes, int maxGroup) {
    if (lanes < 1 || maxGroup < 1) {
      throw new IllegalArgumentException("lanes and maxGroup must be >= 1");
    }
    this.lanes = lanes;
    this.maxGroup = maxGroup;
  }

  /**
   * Chooses the lane for a commit of {@code subject} and counts it in flight there until {@link
   * #release}; {@code queued} tells how many commits wait for a lane's next group.
   */
  synchronized int acquire(Object subject, IntUnaryOperator queued) {
    Objects.requireNonNull(subject, "subject");
    InFlight f = inFlight.get(subject);
    if (f == null) {
      f = new InFlight(choose(queued));
      inFlight.put(subject, f);
    }
    f.count++;
    return f.lane;
  }

  /** Ends one in-flight commit of {@code subject} (after its caller has its result). */
  synchronized void release(Object subject) {
    InFlight f = inFlight.get(subject);
    if (f == null) {
      throw new IllegalStateException("no commit in flight for " + subject);
    }
    if (--f.count == 0) {
      inFlight.remove(subject);
    }
  }

  /** How many subjects have commits in flight (for tests). */
  synchronized int subjectsInFlight() {
    return inFlight.size();
  }

  private int choose(IntUnaryOperator queued) {
    int least = 0;
    int leastQueued = Integer.MAX_VALUE;
    for (int lane = 0; lane < lanes; lane++) {
      int q = queued.applyAsInt(lane);
      if (q < maxGroup) {
        return lane;
      }
      if (q < leastQueued) {
        least = lane;
        leastQueued = q;
      }
    }
    return least;
  }
}
