package dev.journey.core.runtime;

import dev.journey.core.Signal;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runtime's listeners, each call isolated: a failing listener is logged and ignored. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(JourneyRuntime.class);

  private final List<RuntimeListener> listeners;

  Listeners(List<RuntimeListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  void accepted(SignalResult result, long nanos) {
    for (RuntimeListener l : listeners) {
      try {
        l.onAccepted(result, nanos);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  void refused(Signal signal, SignalRefusedException reason) {
    for (RuntimeListener l : listeners) {
      try {
        l.onRefused(signal, reason);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  void executed(OutboxEntry entry, ExecutionResult result, long nanos) {
    for (RuntimeListener l : listeners) {
      try {
        l.onExecuted(entry, result, nanos);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  void laneFailed(String lane, RuntimeException failure) {
    for (RuntimeListener l : listeners) {
      try {
        l.onLaneFailed(lane, failure);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  void healthChanged(RuntimeHealth previous, RuntimeHealth current) {
    for (RuntimeListener l : listeners) {
      try {
        l.onHealthChanged(previous, current);
      } catch (RuntimeException e) {
        failed(l, e);
      }
    }
  }

  private static void failed(RuntimeListener l, RuntimeException e) {
    LOG.warn("runtime listener {} failed; ignored", l.getClass().getName(), e);
  }
}
