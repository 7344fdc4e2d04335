package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * PostgreSQL's lane choice against a reference model: over any interleaving of commits starting
 * (with any lane queues) and ending, a subject's in-flight commits are never on two lanes, and a
 * subject with none in flight joins the first lane whose next group is not full (the least queued
 * when all are full).
 */
final class AdaptiveLanesProperties {

  /**
   * One step: a commit of {@code subject} starts, the lanes' queues then being {@code queued}
   * long; or (when {@code end}) the in-flight commit at {@code pick} (modulo) ends.
   */
  record Step(boolean end, int subject, int pick, List<Integer> queued) {}

  @Provide
  Arbitrary<Step> steps() {
    return Combinators.combine(
            Arbitraries.of(true, false, false),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 63),
            Arbitraries.integers().between(0, 5).list().ofSize(4))
        .as(Step::new);
  }

  @Property(tries = 200)
  void should_keep_a_subjects_commits_on_one_lane_and_fill_lanes_in_order(
      @ForAll @IntRange(min = 1, max = 4) int lanes,
      @ForAll @IntRange(min = 1, max = 4) int maxGroup,
      @ForAll @Size(min = 1, max = 60) List<@From("steps") Step> steps) {
    // given
    AdaptiveLanes chooser = new AdaptiveLanes(lanes, maxGroup);
    List<String> flightSubjects = new ArrayList<>();
    List<Integer> flightLanes = new ArrayList<>();

    for (Step step : steps) {
      if (step.end()) {
        if (flightSubjects.isEmpty()) {
          continue;
        }
        // when
        int i = step.pick() % flightSubjects.size();
        chooser.release(flightSubjects.remove(i));
        flightLanes.remove(i);
      } else {
        String subject = "contact:" + step.subject();
        int expected = modelLane(subject, flightSubjects, flightLanes, step.queued(), lanes, maxGroup);
        // when
        int lane = chooser.acquire(subject, l -> step.queued().get(l));
        // then
        assertThat(lane).isEqualTo(expected);
        flightSubjects.add(subject);
        flightLanes.add(lane);
      }
      // then
      Map<String, Integer> laneOf = new HashMap<>();
      for (int i = 0; i < flightSubjects.size(); i++) {
        Integer before = laneOf.putIfAbsent(flightSubjects.get(i), flightLanes.get(i));
        assertThat(before == null || before.equals(flightLanes.get(i)))
            .as("%s in flight on lanes %s and %s", flightSubjects.get(i), before, flightLanes.get(i))
            .isTrue();
      }
      assertThat(chooser.subjectsInFlight()).isEqualTo(laneOf.size());
    }
  }

  private static int modelLane(
      String subject,
      List<String> flightSubjects,
      List<Integer> flightLanes,
      List<Integer> queued,
      int lanes,
      int maxGroup) {
    int at = flightSubjects.indexOf(subject);
    if (at >= 0) {
      return flightLanes.get(at);
    }
    for (int lane = 0; lane < lanes; lane++) {
      if (queued.get(lane) < maxGroup) {
        return lane;
      }
    }
    int least = 0;
    for (int lane = 1; lane < lanes; lane++) {
      if (queued.get(lane) < queued.get(least)) {
        least = lane;
      }
    }
    return least;
  }
}
