package dev.journey.examples.leadhandoff;

import java.util.List;
import java.util.Random;

/**
 * Seeded randomness built on {@link Random}'s specified algorithm only ({@code nextInt(bound)} and
 * {@code nextDouble()}), so that a seed gives the same log on every JDK. Not thread-safe.
 */
final class Rng {
  private final Random random;

  private Rng(long seed) {
    this.random = new Random(seed);
  }

  /** A generator for {@code seed}. */
  static Rng of(long seed) {
    return new Rng(seed);
  }

  /** An independent generator for stream {@code stream} of {@code seed} (SplitMix64 mixing). */
  static Rng of(long seed, long stream) {
    return new Rng(mix(seed ^ mix(stream + 0x9E3779B97F4A7C15L)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform int in {@code [min, max]}. */
  int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  /** {@code true} with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** A uniform double in {@code [0, 1)}. */
  double unit() {
    return random.nextDouble();
  }

  /** A uniform element. */
  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The index chosen with probability proportional to its weight. */
  int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /**
   * A bell-shaped int around {@code centre} (the mean of four uniforms, spread {@code ±spread}),
   * clamped to {@code [min, max]}.
   */
  int bell(int centre, int spread, int min, int max) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += random.nextDouble();
    }
    int value = (int) Math.round(centre + (sum / 4 - 0.5) * 2 * spread);
    return Math.max(min, Math.min(max, value));
  }
}
