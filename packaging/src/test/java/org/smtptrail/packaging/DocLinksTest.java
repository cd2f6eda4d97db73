package org.smtptrail.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/ leads somewhere: the file or folder exists, and a #fragment names a
 * heading of the Markdown file it points into (GitHub's anchors: lower case, punctuation dropped, spaces as '-', a
 * repeated heading numbered -1, -2, ...). Links to the web are not followed (the build is offline).
 */
class DocLinksTest {
  private static final Path REPO = Path.of(System.getProperty("smtptrail.repo", "..")).toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} (.*)$");
  private static final Pattern WEB = Pattern.compile("^[a-z]+:.*");

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(REPO.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(REPO.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    int checked = 0;
    for (Path page : pages) {
      for (String target : links(Files.readString(page))) {
        if (WEB.matcher(target).matches()) {
          continue;
        }
        checked++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(REPO.relativize(page) + ": " + target + " (no such file)");
        } else if (hash >= 0 && resolved.toString().endsWith(".md")) {
          Set<String> known = anchors.computeIfAbsent(resolved, DocLinksTest::anchorsOf);
          if (!known.contains(target.substring(hash + 1))) {
            broken.add(REPO.relativize(page) + ": " + target + " (no such heading in " + REPO.relativize(resolved)
                + ")");
          }
        }
      }
    }
    assertThat(broken).as("broken links among %d relative links", checked).isEmpty();
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void anchorsAreGitHubs() {
    assertThat(anchorsOf("# `tail PATH...`: follow live logs\n## Usage\n## Usage\n```\n# not a heading\n```\n"))
        .containsExactlyInAnyOrder("tail-path-follow-live-logs", "usage", "usage-1");
  }

  /** The link targets of a page, outside code blocks. */
  private static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    boolean code = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) {
        code = !code;
      } else if (!code) {
        Matcher link = LINK.matcher(line);
        while (link.find()) {
          targets.add(link.group(1));
        }
      }
    }
    return targets;
  }

  private static Set<String> anchorsOf(Path page) {
    try {
      return anchorsOf(Files.readString(page));
    } catch (IOException unreadable) {
      throw new AssertionError("cannot read " + page, unreadable);
    }
  }

  static Set<String> anchorsOf(String markdown) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean code = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (!code && heading.matches()) {
        String slug = heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
            .replace(' ', '-');
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
    }
    return anchors;
  }
}
