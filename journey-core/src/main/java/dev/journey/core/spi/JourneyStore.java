package dev.journey.core.spi;

/**
 * Where journeys live, as the engine and the relay need it: the {@linkplain SnapshotStore
 * snapshots, inbox, shared state and audit} with their atomic commit, the {@linkplain TimerIndex
 * due-timer index}, the {@linkplain Outbox outbox} with its {@linkplain DeadLetters dead letters},
 * the {@linkplain Quarantine quarantine} for poison inputs and the {@linkplain RuleSetArchive archive}
 * of rule-set sources. It declares no methods of its own.
 *
 * <p>The central promise is {@link #commit(Commit)}: one atomic step per signal. Stores may also
 * implement the optional {@link Retention} and {@link Erasure}. Implementations must be
 * thread-safe. The testkit ships a contract test suite ({@code JourneyStoreContract}) every
 * implementation should pass.
 */
public interface JourneyStore
    extends SnapshotStore, TimerIndex, Outbox, DeadLetters, Quarantine, RuleSetArchive {}
