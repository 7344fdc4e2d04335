package dev.journey.core.spi;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import java.util.Objects;

/**
 * A change to the alias rows a store commits with a signal's snapshot (see {@link
 * AliasStore#commit(Commit, java.util.List)}).
 */
public sealed interface AliasChange {

  /** The alias concerned. */
  Alias alias();

  /**
   * The alias now points to {@code subject}. With {@code replace} false (an identifier), an alias
   * already pointing to another subject makes the whole commit a {@link CommitResult#CONFLICT}
   * (the resolver decides on collisions, not the store); with {@code replace} true (a contact's
   * account link) it is re-pointed.
   *
   * @param alias the alias
   * @param subject the subject it points to
   * @param replace whether an existing row of another subject is re-pointed
   */
  record Attach(Alias alias, SubjectRef subject, boolean replace) implements AliasChange {
    /** Validates. */
    public Attach {
      Objects.requireNonNull(alias, "alias");
      Objects.requireNonNull(subject, "subject");
    }
  }

  /**
   * The alias row is removed (a contact unlinked from its company); nothing when absent.
   *
   * @param alias the alias
   */
  record Detach(Alias alias) implements AliasChange {
    /** Validates. */
    public Detach {
      Objects.requireNonNull(alias, "alias");
    }
  }
}
