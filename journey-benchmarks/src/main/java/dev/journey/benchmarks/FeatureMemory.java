package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Memory per subject of the example's ten features: N subjects (default 200,000), each folded
 * through a random 30-day history of {@code signals} web and sales signals (default 40: about the
 * busiest tenth of the example's contacts), then the retained heap of their {@link
 * FeatureSnapshot}s after full GCs (names and definitions are the feature set's, shared by every
 * subject) and the length of their stored form ({@link FeatureSnapshot#encode()}: what a JDBC
 * store writes, ASCII, so bytes).
 *
 * <p>Run: {@code java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.FeatureMemory 200000 40}
 */
public final class FeatureMemory {
  private static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "CONTENT_ENGAGED",
    "FORM_SUBMITTED", "DEMO_REQUESTED", "SALES_ACTIVITY", "MEETING_BOOKED"
  };

  private FeatureMemory() {}

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Runs the measurement. */
  public static void main(String[] args) {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int signals = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    for (boolean scored : new boolean[] {false, true}) {
      FeatureSet set = TenFeatures.features(scored);
      Random random = new Random(11);
      FeatureSnapshot[] kept = new FeatureSnapshot[subjects];
      int[] lengths = new int[subjects];
      long before = usedAfterGc();
      Instant t0 = EngineBenchmark.T0;
      for (int s = 0; s < subjects; s++) {
        SubjectRef subject = SubjectRef.contact(Integer.toString(10_000_000 + s));
        FeatureSnapshot f = FeatureSnapshot.EMPTY;
        long at = 0;
        for (int i = 0; i < signals; i++) {
          at += random.nextInt((int) (Duration.ofDays(30).getSeconds() / signals) * 2);
          String type = TYPES[random.nextInt(TYPES.length)];
          f = set.fold(f, new Signal("s", subject, type, t0.plusSeconds(at), "bench",
              Map.of("fitScore", random.nextInt(101), "pageUrl", "/p/" + random.nextInt(60),
                  "highValue", random.nextBoolean())));
        }
        kept[s] = f;
      }
      long after = usedAfterGc();
      for (int s = 0; s < subjects; s++) {
        lengths[s] = kept[s].encode().length();
      }
      Arrays.sort(lengths);
      System.out.printf(
          Locale.ROOT,
          "%s: subjects=%d signals/subject=%d heap per subject %.0f B; stored form mean %.0f B,"
              + " p50 %d B, p99 %d B, max %d B%n",
          scored ? "10 features + score + 2 segments" : "10 features",
          subjects, signals, (after - before) / (double) subjects,
          Arrays.stream(lengths).average().orElse(0), lengths[subjects / 2],
          lengths[(int) (subjects * 0.99)], lengths[subjects - 1]);
      if (kept[0].isEmpty()) {
        throw new IllegalStateException("nothing kept");
      }
    }
  }
}
