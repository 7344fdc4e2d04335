package dev.journey.core.spi;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import java.util.List;
import java.util.Optional;

/**
 * An optional store capability: the identity graph. Aliases (CRM ids, hashed emails, product
 * user ids, company domains) point to canonical subjects; a merge folds subjects into a survivor
 * and leaves a {@link Alias#SUBJECT subject} row behind, so that later signals for the merged id
 * go to the survivor; a contact's {@link Alias#ACCOUNT account} row links it to its company.
 *
 * <p>Every change happens inside an atomic commit: aliases with the snapshot of the signal that
 * brought them ({@link #commit(Commit, List)}), a merge in one {@link #commitMerge(MergeCommit)}.
 * {@link Erasure#erase} on a store with aliases erases the subject's alias rows and the subjects
 * merged into it as well. Every bundled store implements it; the testkit's contract suite covers
 * it. Implementations must be thread-safe.
 */
public interface AliasStore {

  /** The subject an alias points to, if any. */
  Optional<SubjectRef> resolve(Alias alias);

  /** The aliases that point to {@code subject} (reserved types included), sorted. */
  List<Alias> aliases(SubjectRef subject);

  /**
   * {@link SnapshotStore#commit(Commit)} plus alias changes, all in one atomic step. An
   * {@link AliasChange.Attach} without replace of an alias that points to another subject makes
   * it a {@link CommitResult#CONFLICT} and nothing is written.
   */
  CommitResult commit(Commit commit, List<AliasChange> aliases);

  /**
   * Commits a merge, atomically (see {@link MergeCommit}).
   *
   * @return committed, duplicate (the merge id is in the inbox) or conflict (a version moved)
   */
  CommitResult commitMerge(MergeCommit merge);
}
