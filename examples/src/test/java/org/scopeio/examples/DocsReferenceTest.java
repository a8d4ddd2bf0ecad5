package org.scopeio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every reference to the format reference in the repository resolves: each {@code docs/formats.md
 * §N.M} names a section of docs/formats.md and each {@code decision N} one of its decisions, in
 * code, configs, scripts and the README; and no file points to a document outside the repository.
 */
class DocsReferenceTest {
  static final Path ROOT = root();

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/formats.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no docs/formats.md above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static final Pattern HEADING = Pattern.compile("(?m)^#{2,3} (\\d+(?:\\.\\d+)?)\\.? ");
  static final Pattern DECISION =
      Pattern.compile("(?m)^(?:(\\d+)\\. \\*\\*|\\s+- \\*\\*(\\d+[a-z])\\.)");
  static final Pattern REFERENCE = Pattern.compile("docs/formats\\.md([^\\n]{0,120})");
  static final Pattern SECTION = Pattern.compile("§(\\d+(?:\\.\\d+)?)");
  static final Pattern DECISIONS =
      Pattern.compile("decisions? (\\d+[a-z]?)(?: (?:to|and) (\\d+[a-z]?))?");

  @Test
  void everyReferenceToTheFormatsDocumentResolves() throws IOException {
    String formats = Files.readString(ROOT.resolve("docs/formats.md"));
    Set<String> sections = collect(HEADING, formats);
    Set<String> decisions = new TreeSet<>();
    for (Matcher m = DECISION.matcher(formats); m.find(); ) {
      decisions.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    assertThat(sections).contains("3.6", "4.8", "4.10");
    assertThat(decisions).contains("2", "3a", "15a", "21a", "31");
    List<String> broken = new ArrayList<>();
    int references = 0;
    for (Path file : sources()) {
      // Javadoc and comment lines joined, so that a reference broken over lines still reads whole
      String text = Files.readString(file).replaceAll("\\n\\s*(\\*|//|#)\\s?", " ");
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        references++;
        String tail = m.group(1);
        int end = indexOfAny(tail, ")", ". ", ";");
        String scope = end < 0 ? tail : tail.substring(0, end);
        for (Matcher s = SECTION.matcher(scope); s.find(); ) {
          if (!sections.contains(s.group(1))) {
            broken.add(ROOT.relativize(file) + ": §" + s.group(1));
          }
        }
        for (Matcher d = DECISIONS.matcher(scope); d.find(); ) {
          for (int g = 1; g <= 2; g++) {
            if (d.group(g) != null && !decisions.contains(d.group(g))) {
              broken.add(ROOT.relativize(file) + ": decision " + d.group(g));
            }
          }
        }
      }
    }
    assertThat(references).isGreaterThan(40);
    assertThat(broken).isEmpty();
  }

  @Test
  void nothingPointsOutsideTheRepository() throws IOException {
    List<String> outside = new ArrayList<>();
    for (Path file : sources()) {
      String text = Files.readString(file);
      // the shared design notes lived beside the repository, where a clone cannot read them
      if (text.contains("../" + "shared/") || text.matches("(?s).*(?<!docs/)\\bformats\\.md §.*")) {
        outside.add(ROOT.relativize(file).toString());
      }
    }
    assertThat(outside).isEmpty();
    assertThat(ROOT.resolve("docs/architecture.md")).exists();
  }

  private static Set<String> collect(Pattern p, String text) {
    Set<String> out = new TreeSet<>();
    for (Matcher m = p.matcher(text); m.find(); ) {
      out.add(m.group(1));
    }
    return out;
  }

  private static int indexOfAny(String s, String... needles) {
    int best = -1;
    for (String n : needles) {
      int i = s.indexOf(n);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  /** Code, configs, scripts and the README, without build output or fuzz corpora. */
  static List<Path> sources() throws IOException {
    try (Stream<Path> all = Files.walk(ROOT)) {
      return all.filter(Files::isRegularFile)
          .filter(
              p -> {
                String s = ROOT.relativize(p).toString();
                return !s.contains("target/")
                    && !s.startsWith(".git")
                    && !s.contains("Inputs/")
                    && !s.startsWith("docs/")
                    && s.matches(".*\\.(java|yaml|yml|js|sh|py|md)");
              })
          .toList();
    }
  }
}
