package dev.journey.core.routing;

import java.util.Collection;
import java.util.Optional;

/**
 * Where routing looks up owners and pools. Implementations must be thread-safe; they may be
 * backed by a CRM's owner list, a database or {@link InMemoryOwnerDirectory}.
 *
 * <p>Routing reads the directory during a decision, so answers should be fast and stable: a
 * directory that changes between the attempts of one decision (a retried commit) may route the
 * retry differently, which is safe (the retry replaces the first attempt) but harder to explain.
 */
public interface OwnerDirectory {

  /** The owner with that id, if known. */
  Optional<Owner> owner(String id);

  /** The pool with that name, if known. */
  Optional<Pool> pool(String name);

  /** Every owner. */
  Collection<Owner> owners();
}
