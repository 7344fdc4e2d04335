package dev.journey.jdbc;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.InboxRecord;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * PostgreSQL's engine reads ({@link JdbcJourneyStore#lookup}) from many threads, coalesced: a
 * lookup that arrives while {@code maxInFlight} statements are already running waits, and the
 * next statement answers every lookup queued by then in one {@link #LOOKUP_MANY} round trip (one
 * primary-key probe of the snapshot and of the inbox per lookup). A lookup alone runs {@link
 * JdbcJourneyStore#lookupOne} as before.
 *
 * <p>Read semantics are those of a lookup of its own: a lookup is queued before the statement
 * that answers it starts, and that statement runs in auto-commit mode (its snapshot is taken when
 * it starts), so it sees every commit that completed before the lookup began.
 *
 * <p>The thread that runs a statement (the leader) is a caller whose own lookup is queued; when
 * its own lookup is answered it hands the lead to the first queued caller, so no caller waits for
 * more than the statements ahead of it.
 */
final class PostgresLookups {
  /**
   * One row per element of the arrays, in their order ({@code WITH ORDINALITY}): its snapshot (or
   * nulls) and its signal id's inbox record (or nulls). Each element is probed by primary key
   * ({@code LATERAL ... OFFSET 0}): a generic plan kept since the tables were small stays an index
   * probe as they grow ({@code PostgresPlanCacheTest}).
   */
  static final String LOOKUP_MANY =
      "SELECT x.n, s.doc_version, s.doc, i.subject, i.fingerprint, i.received_at"
          + " FROM unnest(?::varchar[], ?::varchar[]) WITH ORDINALITY AS x(subject, signal_id, n)"
          + " LEFT JOIN LATERAL (SELECT doc_version, doc FROM journey_snapshot"
          + " WHERE subject = x.subject OFFSET 0) s ON true"
          + " LEFT JOIN LATERAL (SELECT subject, fingerprint, received_at FROM journey_inbox"
          + " WHERE signal_id = x.signal_id OFFSET 0) i ON true";

  /** The most lookups one statement answers. */
  static final int MAX_BATCH = 64;

  private final Transactions tx;
  private final Documents docs;
  private final int maxInFlight;
  private final Single single;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private int inFlight;

  /** A lookup alone: {@link JdbcJourneyStore#lookupOne}. */
  @FunctionalInterface
  interface Single {
    SubjectLookup lookup(String subject, String signalId);
  }

  PostgresLookups(Transactions tx, Documents docs, int maxInFlight, Single single) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, but was " + maxInFlight);
    }
    this.tx = tx;
    this.docs = docs;
    this.maxInFlight = maxInFlight;
    this.single = single;
  }

  /** One caller's lookup, answered by whichever thread runs the statement that takes it. */
  private static final class Request {
    final String subject;
    final String signalId;
    final Thread caller = Thread.currentThread();
    volatile boolean done;
    volatile boolean lead;
    SubjectLookup result;
    RuntimeException failure;

    Request(String subject, String signalId) {
      this.subject = subject;
      this.signalId = signalId;
    }
  }

  SubjectLookup lookup(String subject, String signalId) {
    Request own = new Request(subject, signalId);
    lock.lock();
    try {
      queue.add(own);
      if (inFlight < maxInFlight) {
        inFlight++;
        own.lead = true;
      }
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (!own.done) {
      if (own.lead) {
        lead(own);
      } else {
        LockSupport.park(this);
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (own.failure != null) {
      throw own.failure;
    }
    return own.result;
  }

  /** Runs statements for the queue until {@code own} is answered, then passes the lead on. */
  private void lead(Request own) {
    try {
      while (!own.done) {
        List<Request> batch = new ArrayList<>();
        lock.lock();
        try {
          while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
            batch.add(queue.poll());
          }
        } finally {
          lock.unlock();
        }
        if (batch.isEmpty()) {
          // another leader took our lookup: wait for it as a follower
          break;
        }
        answer(batch);
      }
    } finally {
      own.lead = false;
      Request next = null;
      lock.lock();
      try {
        inFlight--;
        for (Request queued : queue) {
          if (!queued.lead) {
            next = queued;
            break;
          }
        }
        if (next != null) {
          inFlight++;
          next.lead = true;
        }
      } finally {
        lock.unlock();
      }
      if (next != null) {
        LockSupport.unpark(next.caller);
      }
    }
  }

  private void answer(List<Request> batch) {
    try {
      List<SubjectLookup> results =
          batch.size() == 1
              ? List.of(single.lookup(batch.get(0).subject, batch.get(0).signalId))
              : tx.readOne("lookup", c -> many(c, batch));
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result = results.get(i);
      }
    } catch (RuntimeException e) {
      for (Request r : batch) {
        r.failure = e;
      }
    } finally {
      for (Request r : batch) {
        if (r.result == null && r.failure == null) {
          r.failure = new IllegalStateException("the lookup of " + r.subject + " ended without an answer");
        }
        r.done = true;
        if (r.caller != Thread.currentThread()) {
          LockSupport.unpark(r.caller);
        }
      }
    }
  }

  private List<SubjectLookup> many(Connection c, List<Request> batch) throws SQLException {
    String[] subjects = new String[batch.size()];
    String[] ids = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      subjects[i] = batch.get(i).subject;
      ids[i] = batch.get(i).signalId;
    }
    SubjectLookup[] results = new SubjectLookup[batch.size()];
    Array subjectArray = c.createArrayOf("varchar", subjects);
    Array idArray = c.createArrayOf("varchar", ids);
    try (PreparedStatement ps = c.prepareStatement(LOOKUP_MANY)) {
      ps.setArray(1, subjectArray);
      ps.setArray(2, idArray);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int i = (int) rs.getLong(1) - 1;
          Request r = batch.get(i);
          String doc = rs.getString(3);
          Optional<JourneySnapshot> snapshot =
              doc == null ? Optional.empty() : Optional.of(snapshot(r, doc, rs.getInt(2)));
          String inboxSubject = rs.getString(4);
          Optional<InboxRecord> inbox =
              inboxSubject == null
                  ? Optional.empty()
                  : Optional.of(inbox(r, inboxSubject, rs.getString(5), rs.getLong(6)));
          results[i] = new SubjectLookup(snapshot, inbox);
        }
      }
    } finally {
      subjectArray.free();
      idArray.free();
    }
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null) {
        throw new SQLException("the batched lookup returned no row for element " + (i + 1), "XX000");
      }
    }
    return List.of(results);
  }

  private JourneySnapshot snapshot(Request r, String doc, int docVersion) throws SQLException {
    return docs.read(doc, docVersion, JourneySnapshot.class, "snapshot of " + r.subject);
  }

  private static InboxRecord inbox(Request r, String subject, String fingerprint, long receivedAt) {
    return new InboxRecord(
        r.signalId, SubjectRef.parse(subject), Optional.ofNullable(fingerprint), Instants.fromKey(receivedAt));
  }
}
