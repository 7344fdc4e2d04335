package dev.journey.core.internal;

import dev.journey.core.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for configuration documents, so that journey-core needs
 * no JSON library. Not API.
 *
 * <p>Objects become insertion-ordered unmodifiable {@code Map<String, Object>}, arrays unmodifiable
 * {@code List<Object>}, integral numbers {@code Long}, other numbers {@code Double}, {@code
 * true/false} {@code Boolean}; {@code null} is rejected (omit the key). Duplicate keys, trailing
 * commas, comments and trailing content are rejected with the line and column.
 */
public final class JsonReader {
  private static final int MAX_DEPTH = 64;

  private final String source;
  private final String text;
  private int pos;

  private JsonReader(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /**
   * Parses a JSON document.
   *
   * @param source the document's name for error messages, e.g. {@code owners.json}
   * @param text the JSON text
   * @return the value
   * @throws InvalidConfigurationException naming the line and column of the first error
   */
  public static Object parse(String source, String text) {
    Checks.notBlank(source, "source");
    java.util.Objects.requireNonNull(text, "text");
    JsonReader reader = new JsonReader(source, text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos < text.length()) {
      throw reader.error("the end of the document", describe(text.charAt(reader.pos)));
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested at most " + MAX_DEPTH + " levels", "deeper");
    }
    if (pos >= text.length()) {
      throw error("a JSON value", "the end of the document");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        throw error("a JSON value other than null (omit the key instead)", "null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("a JSON value", describe(c));
    }
  }

  private Map<String, Object> object(int depth) {
    pos++; // {
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("a quoted key", describeAt());
      }
      int keyPos = pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = value(depth + 1);
      if (map.put(key, value) != null) {
        pos = keyPos;
        throw error("a key used once per object", "'" + key + "' again");
      }
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
        continue;
      }
      if (c == '}') {
        pos++;
        return Collections.unmodifiableMap(map);
      }
      throw error("',' or '}'", describeAt());
    }
  }

  private List<Object> array(int depth) {
    pos++; // [
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
        continue;
      }
      if (c == ']') {
        pos++;
        return Collections.unmodifiableList(list);
      }
      throw error("',' or ']'", describeAt());
    }
  }

  private String string() {
    pos++; // "
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("a closing '\"'", "the end of the document");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("an escaped control character", describe(c));
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("an escape sequence", "the end of the document");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"':
        case '\\':
        case '/':
          sb.append(e);
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          if (pos + 4 > text.length()) {
            throw error("4 hex digits after \\u", "the end of the document");
          }
          String hex = text.substring(pos, pos + 4);
          try {
            sb.append((char) Integer.parseInt(hex, 16));
          } catch (NumberFormatException ex) {
            throw error("4 hex digits after \\u", "'" + hex + "'");
          }
          pos += 4;
          break;
        default:
          pos--;
          throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", "\\" + e);
      }
    }
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("a digit", describeAt());
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error("a digit after '.'", describeAt());
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("a digit in the exponent", describeAt());
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    String literal = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("an integer within 64 bits", literal);
      }
    }
    double d = Double.parseDouble(literal);
    if (Double.isInfinite(d)) {
      pos = start;
      throw error("a finite number", literal);
    }
    return d;
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw error("a JSON value", describeAt());
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'", describeAt());
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private String describeAt() {
    return pos >= text.length() ? "the end of the document" : describe(text.charAt(pos));
  }

  private static String describe(char c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private InvalidConfigurationException error(String allowed, String actual) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new InvalidConfigurationException(
        source,
        String.format(Locale.ROOT, "line %d, column %d", line, column),
        allowed,
        actual);
  }
}
