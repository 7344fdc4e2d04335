package dev.journey.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

final class RolloutPlanTest {

  @Test
  void should_keep_buckets_stable_across_restarts_and_versions() {
    // given two plans of the same rule set with other versions, made independently
    RolloutPlan first = RolloutPlan.start("lead-handoff", "1", "2");
    RolloutPlan later = RolloutPlan.start("lead-handoff", "7", "8").next().next();
    // when / then the buckets are these fixed numbers (murmur3_32_fixed of "lead-handoff:<subject>"),
    // so they cannot change with a restart, a JVM or a version
    assertThat(first.bucket(SubjectRef.contact("1001"))).isEqualTo(BUCKET_1001);
    assertThat(first.bucket(SubjectRef.contact("90123456789"))).isEqualTo(BUCKET_90123456789);
    for (int i = 0; i < 1000; i++) {
      SubjectRef subject = SubjectRef.contact(Integer.toString(i));
      assertThat(later.bucket(subject)).isEqualTo(first.bucket(subject)).isBetween(0, 9999);
    }
  }

  // Computed once with Guava's Hashing.murmur3_32_fixed() over "lead-handoff:contact:<id>", mod
  // 10,000; if these change, every running rollout reshuffles its subjects.
  private static final int BUCKET_1001 = 8330;
  private static final int BUCKET_90123456789 = 5156;

  @Test
  void should_step_through_1_10_50_100_and_roll_back() {
    // given
    RolloutPlan plan = RolloutPlan.start("r", "1", "2");
    // when / then
    assertThat(plan.percent()).isEqualTo(1);
    assertThat(plan.next().percent()).isEqualTo(10);
    assertThat(plan.next().next().percent()).isEqualTo(50);
    RolloutPlan full = plan.next().next().next();
    assertThat(full.percent()).isEqualTo(100);
    assertThat(full.versionFor(SubjectRef.contact("42"))).isEqualTo("2");
    assertThatThrownBy(full::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rollout of r@2 is already at 100%: call promote()");
    RolloutPlan back = full.rollback();
    assertThat(back.percent()).isZero();
    assertThat(back.toString()).isEqualTo("r: 1 -> 2 at 0%");
    for (int i = 0; i < 1000; i++) {
      assertThat(back.versionFor(SubjectRef.contact(Integer.toString(i)))).isEqualTo("1");
    }
    assertThat(back.next().percent()).isEqualTo(1);
    assertThat(full.promote()).isEqualTo(RolloutPlan.pinned("r", "2"));
    assertThatThrownBy(plan::promote).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RolloutPlan.start("r", "1", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("candidate must differ from the live version, but both were '1'");
  }

  @Test
  void should_put_about_the_planned_share_on_the_candidate() {
    // given
    RolloutPlan plan = RolloutPlan.start("r", "1", "2").next(); // 10%
    // when
    long onCandidate =
        java.util.stream.IntStream.range(0, 20_000)
            .filter(i -> plan.versionFor(SubjectRef.contact("c" + i)).equals("2"))
            .count();
    // then 10% of 20,000 = 2,000, within a generous binomial margin (sd ~ 42)
    assertThat(onCandidate).isBetween(1_800L, 2_200L);
  }

  @Property(tries = 300)
  void a_subject_on_the_candidate_stays_there_as_the_rollout_grows(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String id) {
    SubjectRef subject = SubjectRef.contact(id);
    RolloutPlan plan = RolloutPlan.start("r", "1", "2");
    boolean onCandidate = false;
    for (int step = 0; step < 4; step++) {
      boolean now = plan.versionFor(subject).equals("2");
      assertThat(!onCandidate || now).as("monotonic at %s", plan).isTrue();
      assertThat(now).isEqualTo(plan.bucket(subject) < plan.percent() * 100);
      onCandidate = now;
      if (step < 3) {
        plan = plan.next();
      }
    }
    assertThat(onCandidate).isTrue();
  }
}
