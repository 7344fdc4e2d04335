package dev.journey.testkit.replay;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.journey.core.InvalidSignalException;
import dev.journey.core.Signal;
import dev.journey.jackson.JourneyJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads and writes signal logs and decision logs as JSON lines (one JSON object per line, UTF-8,
 * in the form of {@link JourneyJson#mapper()}). Blank lines are skipped when reading.
 *
 * <pre>{@code
 * List<Signal> signals = JsonLines.readSignals(Path.of("signals.jsonl"));
 * JsonLines.writeDecisions(Path.of("decisions.jsonl"), result.decisions());
 * }</pre>
 */
public final class JsonLines {
  private static final ObjectMapper MAPPER = JourneyJson.mapper();

  private JsonLines() {}

  /**
   * Reads signals.
   *
   * @throws SignalLogException naming the file and line when a line is not a valid signal or the
   *     file cannot be read
   */
  public static List<Signal> readSignals(Path file) {
    return read(file, Signal.class, "signal");
  }

  /**
   * Reads a decision log.
   *
   * @throws SignalLogException naming the file and line when a line is not a valid decision
   */
  public static List<LoggedDecision> readDecisions(Path file) {
    return read(file, LoggedDecision.class, "logged decision");
  }

  /**
   * Writes signals, one per line, replacing the file.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void writeSignals(Path file, List<Signal> signals) {
    write(file, signals);
  }

  /**
   * Writes a decision log, one decision per line, replacing the file.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void writeDecisions(Path file, List<LoggedDecision> decisions) {
    write(file, decisions);
  }

  private static void write(Path file, List<?> values) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (Object value : values) {
          out.write(MAPPER.writeValueAsString(value));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static <T> List<T> read(Path file, Class<T> type, String what) {
    List<T> values = new ArrayList<>();
    int number = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          values.add(MAPPER.readValue(line, type));
        } catch (JsonProcessingException e) {
          throw new SignalLogException(file.toString(), number, problem(e, what), e);
        }
      }
    } catch (IOException e) {
      throw new SignalLogException(
          file.toString(), number, "cannot read the file: " + e.getClass().getSimpleName(), e);
    }
    return values;
  }

  /** What was wrong, without echoing values (which may be personal data). */
  static String problem(JsonProcessingException e, String what) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidSignalException) {
        return "invalid " + what + ": " + t.getMessage();
      }
    }
    if (e instanceof UnrecognizedPropertyException) {
      UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
      return String.format(
          Locale.ROOT,
          "unknown field '%s' in a %s; allowed: %s",
          path(u),
          what,
          u.getKnownPropertyIds() == null
              ? "?"
              : u.getKnownPropertyIds().stream()
                  .map(String::valueOf)
                  .sorted()
                  .collect(Collectors.toList()));
    }
    if (e instanceof MismatchedInputException) {
      MismatchedInputException m = (MismatchedInputException) e;
      String path = path(m);
      return path.isEmpty()
          ? "expected one JSON " + what + " object per line, but found another JSON value"
          : String.format(Locale.ROOT, "field '%s' of a %s has the wrong type or form", path, what);
    }
    if (e instanceof JsonParseException) {
      return String.format(
          Locale.ROOT,
          "expected one JSON %s object per line, but found malformed JSON at column %d",
          what,
          e.getLocation() == null ? 0 : e.getLocation().getColumnNr());
    }
    if (e instanceof JsonMappingException && !path((JsonMappingException) e).isEmpty()) {
      return String.format(
          Locale.ROOT, "field '%s' of a %s is invalid", path((JsonMappingException) e), what);
    }
    return "not a valid " + what + " (" + e.getClass().getSimpleName() + ")";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
