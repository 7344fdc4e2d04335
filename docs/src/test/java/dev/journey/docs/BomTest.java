package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM is what users import to set one version for every module: it must list every module the
 * build publishes, at the project's version, and nothing else.
 */
final class BomTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

  @Test
  void should_list_every_published_module_of_the_reactor() throws IOException {
    // given
    List<String> published = new ArrayList<>();
    for (String module : matches(MODULE, read(ROOT.resolve("pom.xml")))) {
      String pom = read(ROOT.resolve(module).resolve("pom.xml"));
      boolean skipped = pom.contains("<maven.deploy.skip>true</maven.deploy.skip>");
      boolean aggregate = pom.contains("<packaging>pom</packaging>");
      if (!skipped && !aggregate) {
        published.add(artifactId(pom));
      }
    }

    // when
    String bom = read(ROOT.resolve("journey-bom").resolve("pom.xml"));
    String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));

    // then
    assertThat(matches(ARTIFACT, managed)).containsExactlyInAnyOrderElementsOf(published);
    assertThat(managed).doesNotContain("<version>0").contains("<version>${project.version}</version>");
    assertThat(bom).contains("<version>" + projectVersion() + "</version>");
  }

  @Test
  void should_pin_the_plugins_that_publish_it_as_the_parent_does() throws IOException {
    // given the BOM, which has no parent, and the parent's plugin versions
    String bom = read(ROOT.resolve("journey-bom").resolve("pom.xml"));
    String parent = read(ROOT.resolve("pom.xml"));

    // when / then: Maven's default install and deploy plugins (2.x) are not the build's
    for (String plugin : List.of("maven-install-plugin", "maven-deploy-plugin")) {
      Matcher inParent = Pattern.compile("<" + plugin + "\\.version>([^<]+)<").matcher(parent);
      assertThat(inParent.find()).as(plugin + " version in the parent").isTrue();
      assertThat(bom)
          .as(plugin + " in the BOM")
          .containsPattern("<artifactId>" + plugin + "</artifactId>\\s*<version>" + Pattern.quote(inParent.group(1)) + "</version>");
    }
  }

  private static String projectVersion() throws IOException {
    String root = read(ROOT.resolve("pom.xml"));
    Matcher m = Pattern.compile("<artifactId>journey-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(root);
    assertThat(m.find()).as("the parent's version in pom.xml").isTrue();
    return m.group(1);
  }

  /** The module's own artifactId: the first one after its parent block. */
  private static String artifactId(String pom) {
    String own = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
    return matches(ARTIFACT, own).get(0);
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path);
  }
}
