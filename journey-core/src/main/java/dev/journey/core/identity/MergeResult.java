package dev.journey.core.identity;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.state.JourneySnapshot;
import java.util.List;
import java.util.Objects;

/** What a {@link SubjectMerger#merge} did. Switch on the record type. */
public sealed interface MergeResult {

  /** The merge request's id. */
  String mergeId();

  /**
   * The subjects were merged, in one commit.
   *
   * @param mergeId the request id
   * @param survivor the survivor's merged snapshot
   * @param absorbed the subjects folded into it
   */
  record Merged(String mergeId, JourneySnapshot survivor, List<SubjectRef> absorbed)
      implements MergeResult {
    /** Validates and copies. */
    public Merged {
      Objects.requireNonNull(mergeId, "mergeId");
      Objects.requireNonNull(survivor, "survivor");
      absorbed = List.copyOf(absorbed);
    }
  }

  /**
   * Nothing changed: the request id was processed before, or every absorbed subject already
   * belongs to the survivor.
   *
   * @param mergeId the request id
   * @param survivor the subject they belong to
   */
  record Unchanged(String mergeId, SubjectRef survivor) implements MergeResult {
    /** Validates. */
    public Unchanged {
      Objects.requireNonNull(mergeId, "mergeId");
      Objects.requireNonNull(survivor, "survivor");
    }
  }

  /**
   * The merge was refused by the {@link IdentityPolicy}: nothing was merged, the refusal is in
   * the audit of every subject concerned and the review item in the store's quarantine.
   *
   * @param mergeId the request id
   * @param review the review item (kind {@link QuarantinedInput.Kind#IDENTITY_REVIEW})
   * @param violations the identifier types that would have exceeded their limit
   */
  record Refused(String mergeId, QuarantinedInput review, List<String> violations)
      implements MergeResult {
    /** Validates and copies. */
    public Refused {
      Objects.requireNonNull(mergeId, "mergeId");
      Objects.requireNonNull(review, "review");
      violations = List.copyOf(violations);
    }
  }
}
