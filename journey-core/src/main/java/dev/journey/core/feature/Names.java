package dev.journey.core.feature;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Name and duration checks of feature definitions. */
final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private Names() {}

  static void check(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "feature name must be 1 to 64 characters: a lower-case letter, then lower-case"
                  + " letters, digits or '_', but was '%s'",
              name));
    }
  }

  static void wholeSeconds(String name, String what, Duration d) {
    if (d.getNano() != 0 || d.getSeconds() < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "feature '%s': %s must be whole seconds, at least 1 s, but was %s", name, what, d));
    }
  }

  /** A 64-bit hash of a text: FNV-1a over its UTF-16 units, then MurmurHash3's finalizer. */
  static long hash64(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
