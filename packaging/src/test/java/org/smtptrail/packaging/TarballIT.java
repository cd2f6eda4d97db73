package org.smtptrail.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as an admin uses it: unpacked into a temporary folder and run with a PATH that holds no JDK
 * (only links to bash and the few tools the launcher uses) and no JAVA_HOME, so only its own runtime can run it. The README's quick start, a tail and a serve answering over HTTP run from it; every man page
 * lists the options its command's --help lists; the bash completion completes commands, options and their values.
 */
class TarballIT {
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z0-9-]*");

  /** The programs on the PATH: what bash, the launcher and these tests run, and no java. */
  private static final List<String> TOOLS = List.of("bash", "sh", "env", "dirname", "readlink", "sed", "awk", "cat",
      "head", "cut", "tr", "ls", "mkdir");

  @TempDir Path temp;
  private Path bin;
  private Path home;
  private Map<String, String> noJdk;

  @BeforeEach
  void unpack() throws IOException, InterruptedException {
    Release.requireBuilt();
    Commands.run(List.of("tar", "-xzf", Release.TARBALL.toString(), "-C", temp.toString())).ok();
    home = temp.resolve("smtptrail-" + Release.VERSION);
    bin = Files.createDirectories(temp.resolve("path-without-jdk"));
    for (String tool : TOOLS) {
      Path program = Stream.of("/usr/bin/", "/bin/").map(folder -> Path.of(folder + tool)).filter(Files::isExecutable)
          .findFirst().orElseThrow(() -> new AssertionError(tool + " not found in /usr/bin or /bin"));
      assertThat(program.toRealPath().startsWith("/usr/lib/jvm")).as("%s is a JDK's", program).isFalse();
      Files.createSymbolicLink(bin.resolve(tool), program.toRealPath());
    }
    assertThat(bin.resolve("java")).doesNotExist();
    // SMTPTRAIL_DATA: the quick start's default data folder is under the user's home, which Java takes from the
    // password database, not from HOME
    noJdk = Map.of("PATH", bin.toString(), "HOME", Files.createDirectories(temp.resolve("home")).toString(),
        "SMTPTRAIL_DATA", temp.resolve("quick-start-data").toString(), "LANG", "C.UTF-8");
  }

  /** The links first: JUnit warns about each link to a file outside the temporary folder it deletes. */
  @AfterEach
  void removeLinks() throws IOException {
    if (bin != null) {
      for (String tool : TOOLS) {
        Files.deleteIfExists(bin.resolve(tool));
      }
    }
  }

  @Test
  void theQuickStartRunsOnTheBundledRuntime() throws IOException, InterruptedException {
    // the README's first command, with bin/smtptrail for ./smtptrail
    Commands.Result quickStart = shell(
        "bin/smtptrail index sample-logs/postfix && bin/smtptrail trace --to quinn@tempfail.example.net").ok();
    assertThat(quickStart.out()).contains("indexed 4 file(s)").contains("DEFERRED")
        .contains("quinn@tempfail.example.net").contains("postfix:mx1:6182B160379");
    assertThat(quickStart.err()).doesNotContain("WARNING");
    assertThat(shell("bin/smtptrail --version").ok().out()).contains("smtptrail " + Release.VERSION);
    // only java in the runtime's bin, and no desktop module (no libawt, freetype, libjpeg)
    try (Stream<Path> launchers = Files.list(home.resolve("runtime/bin"))) {
      assertThat(launchers.map(path -> path.getFileName().toString())).containsExactly("java");
    }
    assertThat(Files.readString(home.resolve("runtime/release"))).contains("jdk.compiler")
        .doesNotContain("java.desktop");
  }

  @Test
  void tailAndServeRunOnTheBundledRuntime() throws IOException, InterruptedException {
    Commands.Result tail = shell("bin/smtptrail tail --data data --max-seconds 4 sample-logs/postfix/mail.log").ok();
    assertThat(tail.out()).containsPattern("stopped: \\d+ lines read");
    assertThat(shell("bin/smtptrail check --data data --to quinn@tempfail.example.net").exit()).isEqualTo(5);

    Path out = temp.resolve("serve.out");
    ProcessBuilder serve = new ProcessBuilder("bin/smtptrail", "serve", "--data", "data", "--port", "0",
        "--max-seconds", "60").directory(home.toFile()).redirectOutput(out.toFile())
        .redirectError(temp.resolve("serve.err").toFile());
    serve.environment().clear();
    serve.environment().putAll(noJdk);
    Process server = serve.start();
    try {
      URI base = URI.create(Commands.awaitServing(out, server));
      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("api/check?to=quinn@tempfail.example.net")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"verdict\":\"DEFERRED\"");
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void everyCommandHasAManPageListingTheOptionsOfItsHelp() throws IOException, InterruptedException {
    String top = shell("bin/smtptrail --help").ok().out();
    List<String> commands = top.lines().dropWhile(line -> !line.startsWith("Commands:")).skip(1)
        .takeWhile(line -> line.startsWith("  "))
        .filter(line -> line.matches("  \\S.*")) // a command's line; its wrapped description is indented further
        .map(line -> line.strip().split("\\s+")[0]).toList();
    assertThat(commands).contains("index", "tail", "trace", "check", "events", "stats", "serve", "upgrade",
        "formats", "completion");
    assertThat(options(manPage("smtptrail"))).isEqualTo(options(top));
    for (String command : commands) {
      if (command.equals("help")) {
        continue;
      }
      String help = shell("bin/smtptrail " + command + " --help").ok().out();
      assertThat(options(manPage("smtptrail-" + command))).as("options of smtptrail-%s(1) and of --help", command)
          .isEqualTo(options(help));
    }
  }

  @Test
  void bashCompletionCompletesCommandsOptionsAndValues() throws IOException, InterruptedException {
    assertThat(Files.readString(home.resolve("completion/smtptrail.bash"))).doesNotStartWith("#!");
    assertThat(complete("smtptrail", "tr")).contains("trace");
    assertThat(complete("smtptrail", "trace", "--st")).contains("--status");
    assertThat(complete("smtptrail", "trace", "--status", "")).contains("DEFERRED", "BOUNCED");
  }

  /** What bash completion offers for the last word. */
  private List<String> complete(String... words) throws IOException, InterruptedException {
    String line = String.join(" ", words);
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append(" '").append(word).append('\'');
    }
    String script = "source completion/smtptrail.bash; COMP_WORDS=(" + array + " ); COMP_CWORD="
        + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_smtptrail;"
        + " printf '%s\\n' \"${COMPREPLY[@]}\"";
    return Commands.run(List.of("bash", "-c", script), home, noJdk, Duration.ofSeconds(30)).out().lines()
        .map(String::strip).toList();
  }

  private String manPage(String name) throws IOException {
    // troff: \- is a hyphen, \fB \fI \fP switch fonts
    return Files.readString(home.resolve("man/man1/" + name + ".1")).replace("\\-", "-")
        .replaceAll("\\\\f[BIPR]", "");
  }

  private static TreeSet<String> options(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher matcher = OPTION.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  private Commands.Result shell(String commandLine) throws IOException, InterruptedException {
    return Commands.run(List.of("bash", "-c", commandLine), home, noJdk, Duration.ofMinutes(3));
  }
}
