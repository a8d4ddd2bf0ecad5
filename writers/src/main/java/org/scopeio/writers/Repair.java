package org.scopeio.writers;

import java.util.List;

/**
 * What {@code scopeio repair} did to one writer's files of a killed recording.
 *
 * @param done a sentence saying what was completed
 * @param problems what could not be recovered (garbled journal lines, a cut-off last frame), each
 *     naming the file; empty when nothing was lost
 */
public record Repair(String done, List<String> problems) {
  public Repair {
    problems = List.copyOf(problems);
  }
}
