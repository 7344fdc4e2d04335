package dev.journey.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3, x86 32-bit variant, seed 0, over the UTF-8 bytes of a string: the same value as
 * Guava's {@code Hashing.murmur3_32_fixed().hashString(s, UTF_8).asInt()}, which rollout buckets
 * were first computed with (a test pins both). Kept here so that core needs no Guava.
 */
public final class Murmur3 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  /** The 32-bit hash of {@code text}'s UTF-8 bytes. */
  public static int hash32(String text) {
    return hash32(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The 32-bit hash of {@code bytes}, seed 0. */
  public static int hash32(byte[] bytes) {
    int h = 0;
    int blocks = bytes.length / 4;
    for (int i = 0; i < blocks; i++) {
      int at = i * 4;
      int k =
          (bytes[at] & 0xff)
              | (bytes[at + 1] & 0xff) << 8
              | (bytes[at + 2] & 0xff) << 16
              | (bytes[at + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = blocks * 4;
    int rest = bytes.length & 3;
    if (rest > 0) {
      int k = 0;
      for (int i = rest - 1; i >= 0; i--) {
        k = k << 8 | (bytes[tail + i] & 0xff);
      }
      h ^= mixK(k);
    }
    h ^= bytes.length;
    return fmix32(h);
  }

  /** murmur3's 32-bit finalizer: spreads every input bit over the whole word. */
  public static int fmix32(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }
}
