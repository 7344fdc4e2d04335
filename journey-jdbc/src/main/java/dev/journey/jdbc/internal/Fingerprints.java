package dev.journey.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * How the inbox stores a signal's fingerprint. On SQLite (schema version 11) a fingerprint of
 * lower-case hexadecimal digits, an even number of them, is stored as the bytes they spell (a
 * BLOB in the same column: SQLite's columns are dynamically typed), half the size of its text:
 * the inbox is a {@code WITHOUT ROWID} B-tree, so a smaller row is fewer pages per commit. Any
 * other fingerprint, and every fingerprint on H2 and PostgreSQL, is stored as its text. {@link
 * #read} turns either back into exactly the text that was stored, so a redelivery compares its
 * fingerprint with the same string as before.
 */
public final class Fingerprints {
  private static final HexFormat HEX = HexFormat.of();

  private Fingerprints() {}

  /** Binds {@code fingerprint} (null for none) at {@code index} as {@code dialect} stores it. */
  public static void bind(PreparedStatement ps, int index, String fingerprint, Dialect dialect)
      throws SQLException {
    if (dialect == Dialect.SQLITE && fingerprint != null && isBytes(fingerprint)) {
      ps.setBytes(index, HEX.parseHex(fingerprint));
    } else {
      ps.setString(index, fingerprint);
    }
  }

  /**
   * The fingerprint text of a stored column value ({@code ResultSet.getObject}): the lower-case
   * hexadecimal digits of bytes, a text as it is, null as null.
   */
  public static String read(Object stored) {
    if (stored == null) {
      return null;
    }
    if (stored instanceof byte[] bytes) {
      return HEX.formatHex(bytes);
    }
    return stored.toString();
  }

  /**
   * Returns {@code true} when {@code fingerprint} is stored as bytes on SQLite: a non-empty,
   * even number of the digits {@code 0-9a-f}, which the bytes give back unchanged.
   */
  static boolean isBytes(String fingerprint) {
    int n = fingerprint.length();
    if (n == 0 || (n & 1) != 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char ch = fingerprint.charAt(i);
      if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
