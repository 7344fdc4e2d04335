package dev.journey.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store's area for poison inputs: inputs that failed and were set aside so that they block
 * nothing else (see {@link QuarantinedInput}). Operators list and inspect them, fix the cause
 * (deploy corrected rules, repair the source) and then requeue or discard them.
 *
 * <p>An input is identified by its {@linkplain QuarantinedInput#kind() kind} and {@linkplain
 * QuarantinedInput#id() id}. A quarantined {@link QuarantinedInput.Kind#TIMER timer} is not
 * claimed by {@link JourneyStore#claimDueTimers} until it is requeued. Implementations must be
 * thread-safe.
 */
public interface Quarantine {

  /**
   * Sets an input aside, replacing an input of the same kind and id.
   *
   * @throws NullPointerException when {@code input} is null
   */
  void quarantine(QuarantinedInput input);

  /** Every quarantined input, oldest first. */
  List<QuarantinedInput> quarantined();

  /** The quarantined input of that kind and id, if any. */
  Optional<QuarantinedInput> inspect(QuarantinedInput.Kind kind, String id);

  /**
   * Takes an input out of the quarantine to be processed again. A timer becomes claimable at
   * {@code now}; any other input is returned so that the caller can redeliver it from its source.
   *
   * @return the input taken out, empty when there was none
   */
  Optional<QuarantinedInput> requeue(QuarantinedInput.Kind kind, String id, Instant now);

  /**
   * Deletes an input from the quarantine for good. A timer is removed from the due-timer index
   * and never fires.
   *
   * @return {@code false} when there was no such input
   */
  boolean discard(QuarantinedInput.Kind kind, String id);
}
