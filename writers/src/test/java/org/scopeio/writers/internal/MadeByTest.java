package org.scopeio.writers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MadeByTest {
  @Test
  void theOmeXmlGetsTheCommandLineAsAShellReadsIt() {
    Map<String, String> facts = new TreeMap<>();
    new MadeBy(
            "Scopeio 9.9",
            List.of(
                "scopeio", "record", "--out", "day 1/run", "-O", "note=it's", "", "[a]", "x,y=z"))
        .addTo(facts);
    assertThat(facts)
        .containsExactly(
            Map.entry(
                "made_by.command",
                "scopeio record --out 'day 1/run' -O 'note=it'\\''s' '' '[a]' x,y=z"),
            Map.entry("made_by.software", "Scopeio 9.9"));
  }

  @Test
  void withoutACommandOnlyTheSoftwareIsRecorded() {
    Map<String, String> facts = new TreeMap<>();
    new MadeBy("Scopeio", List.of()).addTo(facts);
    assertThat(facts).containsExactly(Map.entry("made_by.software", "Scopeio"));
  }
}
