package dev.journey.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RuleSetTest {

  @Test
  void should_hash_content_independently_of_name_version_and_order() {
    // given
    RuleSet a = RuleSet.builder("a", "1").drl("x.drl", "X").drl("y.drl", "Y").build();
    RuleSet b = RuleSet.builder("b", "7").drl("y.drl", "Y").drl("x.drl", "X").build();
    RuleSet c = RuleSet.builder("a", "1").drl("x.drl", "X").drl("y.drl", "Y ").build();
    // when / then
    assertThat(a.hash()).isEqualTo(b.hash()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(c.hash()).isNotEqualTo(a.hash());
    assertThat(a.ref().key()).isEqualTo("a@1");
    assertThat(a.sources()).extracting(DrlSource::name).containsExactly("x.drl", "y.drl");
  }

  @Test
  void should_read_every_drl_file_of_a_directory(@TempDir Path dir) throws IOException {
    // given
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("a.drl"), "A");
    Files.writeString(dir.resolve("sub/b.drl"), "B");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    // when
    RuleSet rules = RuleSet.builder("dir", "1").directory(dir).build();
    // then
    assertThat(rules.sources()).extracting(DrlSource::name).containsExactly("a.drl", "sub/b.drl");
  }

  @Test
  void should_reject_bad_names_and_empty_sets() {
    assertThatThrownBy(() -> RuleSet.builder("1abc", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must be a letter followed by up to 63 letters, digits, '_', '.', '-', but was '1abc'");
    assertThatThrownBy(() -> RuleSet.builder("a", "1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a rule set needs at least one DRL source");
    assertThatThrownBy(() -> RuleSet.builder("a", "1").drl("../x.drl", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("but was '../x.drl'");
    assertThatThrownBy(() -> RuleSet.builder("a", "1").drl("x.drl", "").drl("x.drl", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DRL source names must be unique in a rule set, but 'x.drl' was added twice");
    assertThatThrownBy(() -> RuleSet.builder("a", "1").classpath("rules/missing.drl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classpath resource must exist, but 'rules/missing.drl' was not found");
  }
}
