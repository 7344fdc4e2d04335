package dev.journey.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonLinesStreamTest {
  private static final Path SIGNALS = Path.of("src/test/resources/golden/lead-handoff/signals.jsonl");

  @TempDir Path temp;

  private static String line(int i) {
    return "{\"id\":\"s-" + i + "\",\"subject\":\"contact:" + (i % 7) + "\",\"type\":\"FORM_SUBMITTED\","
        + "\"occurredAt\":\"2026-03-02T08:10:00Z\",\"source\":\"hubspot\",\"attributes\":{\"n\":" + i + "}}";
  }

  @Test
  void should_hand_out_the_good_lines_before_reaching_a_bad_one() throws IOException {
    // given: two good lines, then a broken one
    Path file = temp.resolve("signals.jsonl");
    Files.write(file, List.of(line(1), line(2), "{\"id\":"), StandardCharsets.UTF_8);
    List<Signal> seen = new ArrayList<>();

    // when / then: the stream yields the first two before it fails at line 3
    try (Stream<Signal> signals = JsonLines.streamSignals(file)) {
      Iterator<Signal> it = signals.iterator();
      seen.add(it.next());
      seen.add(it.next());
      assertThatThrownBy(it::next)
          .isInstanceOf(SignalLogException.class)
          .satisfies(e -> assertThat(((SignalLogException) e).line()).isEqualTo(3));
    }
    assertThat(seen).extracting(Signal::id).containsExactly("s-1", "s-2");
  }

  @Test
  void should_reject_a_value_spread_over_two_lines_at_its_first_line() throws IOException {
    // given: line 2 holds the start of a signal, line 3 the rest
    Path file = temp.resolve("split.jsonl");
    String split = line(2).replace(",\"type\"", ",\n\"type\"");
    Files.writeString(file, line(1) + "\n" + split + "\n", StandardCharsets.UTF_8);

    // when / then
    assertThatThrownBy(() -> JsonLines.readSignals(file))
        .isInstanceOf(SignalLogException.class)
        .hasMessage(file + ":2: expected one JSON signal object per line, but the value ends on line 3");
  }

  @Test
  void should_stream_the_same_signals_as_the_list_reader() {
    // given / when
    List<Signal> streamed;
    try (Stream<Signal> signals = JsonLines.streamSignals(SIGNALS)) {
      streamed = signals.collect(Collectors.toList());
    }

    // then
    assertThat(streamed).isNotEmpty().isEqualTo(JsonLines.readSignals(SIGNALS));
  }

  @Test
  void should_name_a_missing_file_when_opening_the_stream() {
    // given
    Path missing = temp.resolve("missing.jsonl");

    // when / then
    assertThatThrownBy(() -> JsonLines.streamSignals(missing))
        .isInstanceOf(SignalLogException.class)
        .hasMessage(missing + ":0: cannot read the file: NoSuchFileException");
  }

  @Property(tries = 30)
  void should_read_back_what_was_written_with_blank_lines_anywhere(
      @ForAll @IntRange(min = 0, max = 60) int count, @ForAll @IntRange(min = 1, max = 5) int blankEvery)
      throws IOException {
    // given
    List<String> lines = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % blankEvery == 0) {
        lines.add("");
      }
      lines.add(line(i));
      ids.add("s-" + i);
    }
    Path file = Files.createTempFile("signals", ".jsonl");
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);

      // when
      List<String> read;
      try (Stream<Signal> signals = JsonLines.streamSignals(file)) {
        read = signals.map(Signal::id).collect(Collectors.toList());
      }

      // then
      assertThat(read).isEqualTo(ids);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
