package dev.journey.testkit.fake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;


/** The faults queued for the next matching requests, and the answers held until released. */
final class Faults {
  enum FaultKind {
    STATUS,
    DROP_AFTER_APPLY,
    HOLD
  }

  static final class Fault {
    final FaultKind kind;
    final int status;
    final String policy;
    final Map<String, String> headers;
    final Predicate<FakeHubSpot.RecordedRequest> which;
    final CountDownLatch latch;

    Fault(FaultKind kind, int status, String policy, Map<String, String> headers, Predicate<FakeHubSpot.RecordedRequest> which) {
      this(kind, status, policy, headers, which, null);
    }

    Fault(FaultKind kind, int status, String policy, Map<String, String> headers,
        Predicate<FakeHubSpot.RecordedRequest> which, CountDownLatch latch) {
      this.kind = kind;
      this.status = status;
      this.policy = policy;
      this.headers = Map.copyOf(headers);
      this.which = which;
      this.latch = latch;
    }
  }

  /** The answer to a request: status, JSON body, extra headers. */

  private final Deque<Fault> queue = new ArrayDeque<>();
  private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();

  synchronized void add(Fault fault) {
    queue.add(fault);
  }

  /** Queues a hold and returns what releases it. */
  FakeHubSpot.HeldResponses hold(Predicate<FakeHubSpot.RecordedRequest> which) {
    CountDownLatch latch = new CountDownLatch(1);
    held.add(latch);
    add(new Fault(FaultKind.HOLD, 0, null, Map.of(), which, latch));
    return latch::countDown;
  }

  /** The first queued fault the request matches, taken off the queue; null when none. */
  synchronized Fault take(FakeHubSpot.RecordedRequest request) {
    for (var it = queue.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.which.test(request)) {
        it.remove();
        return f;
      }
    }
    return null;
  }

  /** Lets every held answer go (on close). */
  void releaseAll() {
    held.forEach(CountDownLatch::countDown);
  }
}
