package dev.journey.testkit.arbitraries;

import dev.journey.core.Signal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A generated stream of signals for several subjects.
 *
 * @param signals the distinct signals in {@code occurredAt} order, subjects interleaved
 * @param deliveries the same signals as a broker would deliver them: some neighbours reordered,
 *     and some signals redelivered (0 to 3 extra copies each, at random later positions)
 */
public record SignalStream(List<Signal> signals, List<Signal> deliveries) {
  /** Copies. */
  public SignalStream {
    signals = List.copyOf(signals);
    deliveries = List.copyOf(deliveries);
  }

  /** The deliveries with every repeated signal id after its first delivery removed. */
  public List<Signal> deduplicated() {
    Set<String> seen = new HashSet<>();
    List<Signal> unique = new ArrayList<>();
    for (Signal signal : deliveries) {
      if (seen.add(signal.id())) {
        unique.add(signal);
      }
    }
    return unique;
  }

  /** How many deliveries are redeliveries. */
  public int redeliveries() {
    return deliveries.size() - signals.size();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("SignalStream[");
    out.append(signals.size()).append(" signals, ").append(redeliveries()).append(" redeliveries]");
    for (Signal s : deliveries) {
      out.append("\n  ").append(s.occurredAt()).append(' ').append(s.subject()).append(' ')
          .append(s.type()).append(' ').append(s.id());
    }
    return out.toString();
  }
}
