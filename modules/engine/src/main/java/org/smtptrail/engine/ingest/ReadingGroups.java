package org.smtptrail.engine.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the files of a batch run into groups that may be read at the same time. Correlation needs the files of one
 * server in order, so a group is one source (a source is one server's logs), and sources that share a rotated set (a
 * set split over two PATH arguments, {@code mail.log.1 mail.log}) are one group. Within a group the files keep their
 * reading order; different groups touch different message keys.
 */
final class ReadingGroups {
  private ReadingGroups() {}

  /**
   * The groups, each in the reading order of {@code files} (already sorted by {@link RotationOrder}), ordered by
   * their first file.
   *
   * @param files    every file of the run, in reading order
   * @param sourceOf the index of the source each file came from
   */
  static List<List<Path>> of(List<Path> files, Map<Path, Integer> sourceOf) {
    int sources = sourceOf.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    int[] parent = new int[sources];
    for (int i = 0; i < sources; i++) {
      parent[i] = i;
    }
    Map<String, Integer> sourceOfSet = new LinkedHashMap<>();
    for (Path file : files) {
      Integer first = sourceOfSet.putIfAbsent(RotationOrder.position(file).set(), sourceOf.get(file));
      if (first != null) {
        parent[root(parent, sourceOf.get(file))] = root(parent, first);
      }
    }
    Map<Integer, List<Path>> groups = new LinkedHashMap<>();
    for (Path file : files) {
      groups.computeIfAbsent(root(parent, sourceOf.get(file)), g -> new ArrayList<>()).add(file);
    }
    return List.copyOf(groups.values());
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
