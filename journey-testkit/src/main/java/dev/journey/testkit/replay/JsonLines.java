package dev.journey.testkit.replay;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads and writes signal logs and decision logs as JSON lines (one JSON object per line, UTF-8,
 * in the form of {@link JourneyJson#mapper()}). Blank lines are skipped when reading.
 *
 * <p>Reading streams with Jackson's {@link MappingIterator}: {@link #streamSignals(Path)} holds one
 * value at a time, so a multi-gigabyte log is read in constant memory; {@link
 * #readSignals(Path)} collects the same stream into a list.
 *
 * <pre>{@code
 * try (Stream<Signal> signals = JsonLines.streamSignals(Path.of("signals.jsonl"))) {
 *   signals.forEach(engine::accept);
 * }
 * List<Signal> all = JsonLines.readSignals(Path.of("signals.jsonl"));
 * JsonLines.writeDecisions(Path.of("decisions.jsonl"), result.decisions());
 * }</pre>
 */
public final class JsonLines {
  private static final ObjectMapper MAPPER =
      JourneyJson.mapper().addMixIn(LoggedDecision.class, LoggedDecisionMixin.class);

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
   * Streams signals, one at a time, in file order. Close the stream (try-with-resources) to close
   * the file.
   *
   * @throws SignalLogException naming the file and line, when the file cannot be opened or (while
   *     the stream is consumed) a line is not a valid signal
   */
  public static Stream<Signal> streamSignals(Path file) {
    return stream(file, Signal.class, "signal");
  }

  /**
   * Streams a decision log, one decision at a time. Close the stream to close the file.
   *
   * @throws SignalLogException naming the file and line of the first bad line
   */
  public static Stream<LoggedDecision> streamDecisions(Path file) {
    return stream(file, LoggedDecision.class, "logged decision");
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
    try (Stream<T> values = stream(file, type, what)) {
      return values.collect(Collectors.toList());
    }
  }

  private static <T> Stream<T> stream(Path file, Class<T> type, String what) {
    BufferedReader in;
    MappingIterator<T> values;
    try {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SignalLogException(
          file.toString(), 0, "cannot read the file: " + e.getClass().getSimpleName(), e);
    }
    try {
      values = MAPPER.readerFor(type).readValues(in);
    } catch (IOException e) {
      close(in);
      throw failure(file, e, 0, 1, what);
    }
    Iterator<T> checked =
        new Iterator<>() {
          /** The line the value being read starts on; 0 before the first. */
          private int valueLine;

          @Override
          public boolean hasNext() {
            try {
              boolean more = values.hasNextValue();
              if (more) {
                valueLine = values.getParser().currentTokenLocation().getLineNr();
              }
              return more;
            } catch (IOException e) {
              throw failure(file, e, valueLine, line(values), what);
            }
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException("no more values in " + file);
            }
            T value;
            try {
              value = values.nextValue();
            } catch (IOException e) {
              throw failure(file, e, valueLine, line(values), what);
            }
            int endLine = line(values);
            if (endLine != valueLine) {
              throw new SignalLogException(
                  file.toString(),
                  valueLine,
                  String.format(
                      Locale.ROOT,
                      "expected one JSON %s object per line, but the value ends on line %d",
                      what,
                      endLine),
                  null);
            }
            return value;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(checked, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(
            () -> {
              try {
                values.close();
              } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
              } finally {
                close(in);
              }
            });
  }

  private static int line(MappingIterator<?> values) {
    JsonLocation at = values.getCurrentLocation();
    return at == null ? 0 : at.getLineNr();
  }

  /**
   * The failure of the value starting on {@code valueLine}: a value must end on its own line, so
   * an error found on a later line (a truncated line, then the next one) belongs to the value's
   * line, at the column after its last character, as a line-by-line reader would report it.
   */
  private static SignalLogException failure(Path file, IOException e, int valueLine, int fallbackLine, String what) {
    if (e instanceof JsonProcessingException json) {
      int line = json.getLocation() != null && json.getLocation().getLineNr() > 0
          ? json.getLocation().getLineNr()
          : fallbackLine;
      if (valueLine > 0 && line > valueLine) {
        return new SignalLogException(
            file.toString(), valueLine, problem(json, what, lineLength(file, valueLine) + 1), e);
      }
      return new SignalLogException(file.toString(), line, problem(json, what), e);
    }
    return new SignalLogException(
        file.toString(), fallbackLine, "cannot read the file: " + e.getClass().getSimpleName(), e);
  }

  /** The length of one line of the file (read again, on the error path only); 0 when unreadable. */
  private static int lineLength(Path file, int line) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.skip(line - 1L).findFirst().map(String::length).orElse(0);
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static void close(BufferedReader in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing was read; the open failure is what is reported
    }
  }

  /** What was wrong, without echoing values (which may be personal data). */
  static String problem(JsonProcessingException e, String what) {
    return problem(e, what, e.getLocation() == null ? 0 : e.getLocation().getColumnNr());
  }

  /** What was wrong; a malformed value is placed at {@code column}. */
  static String problem(JsonProcessingException e, String what, int column) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidSignalException) {
        return "invalid " + what + ": " + t.getMessage();
      }
    }
    if (e instanceof UnrecognizedPropertyException u) {
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
    if (e instanceof MismatchedInputException m) {
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
          column);
    }
    if (e instanceof JsonMappingException mapping && !path(mapping).isEmpty()) {
      return String.format(Locale.ROOT, "field '%s' of a %s is invalid", path(mapping), what);
    }
    return "not a valid " + what + " (" + e.getClass().getSimpleName() + ")";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** A logged decision's error is the string it always was in the log: {@code ""} when absent. */
  abstract static class LoggedDecisionMixin {
    @JsonSerialize(converter = ErrorText.class)
    @JsonDeserialize(converter = ErrorValue.class)
    abstract Optional<String> error();
  }

  /** Absent as {@code ""}. */
  static final class ErrorText extends StdConverter<Optional<String>, String> {
    @Override
    public String convert(Optional<String> value) {
      return value.orElse("");
    }
  }

  /** {@code ""} as absent. */
  static final class ErrorValue extends StdConverter<String, Optional<String>> {
    @Override
    public Optional<String> convert(String value) {
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
  }
}
