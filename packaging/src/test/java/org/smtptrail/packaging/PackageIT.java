package org.smtptrail.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package on this machine, as root: lintian finds no error or warning; it installs with dpkg -i (the user
 * smtptrail in group adm, /var/lib/smtptrail 0700, the conffile, man pages and completion where Debian looks); the
 * unit passes systemd-analyze verify; as the user smtptrail, index and trace read the logs a real Debian Postfix
 * wrote (sample-logs/postfix) and the unit's ExecStart line serves them over HTTP (systemd is not PID 1 here, so the
 * line is run with setpriv as the unit would, on a free port instead of 8025); a rebuilt package with a higher
 * version installs over it and keeps the changed config and the index, which the new version opens; purge says what
 * it removes and leaves nothing of the package behind.
 *
 * <p>Needs root, dpkg, lintian, setpriv and systemd-analyze, and a machine without a smtptrail package or user of its
 * own (it would not touch them); otherwise skipped, unless SMTPTRAIL_REQUIRE_PACKAGE=1 (CI) makes it fail.
 */
class PackageIT {
  private static final Path UNIT = Path.of("/lib/systemd/system/smtptrail.service");
  private static final Path CONFIG = Path.of("/etc/smtptrail/smtptrail.yaml");
  private static final Path DATA = Path.of("/var/lib/smtptrail");
  /** Everything the package installs or its scripts make; after purge none of it may be left. */
  private static final List<Path> PACKAGE_PATHS = List.of(Path.of("/usr/bin/smtptrail"),
      Path.of("/usr/lib/smtptrail"), Path.of("/usr/share/smtptrail"), Path.of("/usr/share/doc/smtptrail"),
      Path.of("/etc/smtptrail"), DATA, UNIT, Path.of("/usr/share/man/man1/smtptrail.1.gz"),
      Path.of("/usr/share/man/man1/smtptrail-trace.1.gz"),
      Path.of("/usr/share/bash-completion/completions/smtptrail"),
      Path.of("/usr/share/zsh/vendor-completions/_smtptrail"), Path.of("/usr/share/lintian/overrides/smtptrail"));

  @TempDir Path temp;
  /** A copy of the Postfix sample logs the user smtptrail can read as /var/log/mail.log is read: root:adm 0640. */
  private Path logs;
  private boolean installed;

  @BeforeEach
  void preconditions() throws IOException, InterruptedException {
    Release.requireBuilt();
    Release.require("root".equals(System.getProperty("user.name")), "installing a package needs root");
    for (String tool : List.of("dpkg", "lintian", "setpriv", "systemd-analyze")) {
      Release.require(Commands.available(tool), tool + " is not installed (apt-get install lintian systemd)");
    }
    Release.require(Commands.run(List.of("dpkg-query", "-W", "smtptrail")).exit() != 0
            && Commands.run(List.of("getent", "passwd", "smtptrail")).exit() != 0,
        "this machine has a smtptrail package or user of its own, which this test must not replace or purge");
  }

  @AfterEach
  void purgeAndRemoveLogs() throws IOException, InterruptedException {
    if (installed) {
      Commands.run(List.of("dpkg", "--purge", "smtptrail"));
    }
    if (logs != null) {
      try (Stream<Path> files = Files.walk(logs)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @Test
  void installsRunsUpgradesAndPurges() throws IOException, InterruptedException {
    Commands.Result lintian = Commands.run(List.of("lintian", "--fail-on", "error,warning", Release.DEB.toString()));
    assertThat(lintian.exit()).as("lintian:%n%s%s", lintian.out(), lintian.err()).isZero();
    assertThat(lintian.out()).doesNotContainPattern("(?m)^[EW]: ");

    installed = true;
    Commands.run(List.of("dpkg", "-i", Release.DEB.toString())).ok();
    assertInstalled(Release.DEB_VERSION);
    Commands.Result verify = Commands.run(List.of("systemd-analyze", "verify", UNIT.toString())).ok();
    assertThat(verify.err()).as("systemd-analyze verify").isBlank();
    String unit = Files.readString(UNIT);
    assertThat(unit).contains("User=smtptrail", "SupplementaryGroups=adm", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "ReadOnlyPaths=/var/log",
        "ReadWritePaths=/var/lib/smtptrail");
    assertThat(Commands.run(List.of("/usr/bin/smtptrail", "--version")).ok().out())
        .contains("smtptrail " + Release.VERSION);
    assertThat(Files.readString(CONFIG)).contains("glob: /var/log/mail.log*");

    // the admin points the config at the logs (here a copy of what a real Debian Postfix wrote)
    logs = postfixLogsReadableByAdm();
    String config = "# changed by the admin\nsources:\n  - glob: " + logs + "/mail.log*\n    format: postfix\n"
        + "    timezone: UTC\n";
    Files.writeString(CONFIG, config);
    assertThat(asSmtptrail("index", "--data", DATA.toString(), "--config", CONFIG.toString()).ok().out())
        .contains("indexed 3 file(s)");
    assertThat(asSmtptrail("trace", "--data", DATA.toString(), "--to", "quinn@tempfail.example.net").ok().out())
        .contains("DEFERRED").contains("postfix:mx1:6182B160379");
    assertThat(serveAsTheUnit("quinn@tempfail.example.net")).contains("\"verdict\":\"DEFERRED\"");

    // upgrade: the same tree rebuilt with a higher version
    Path newer = rebuild(Release.VERSION + "+upgrade");
    Commands.run(List.of("dpkg", "-i", newer.toString())).ok();
    assertInstalled(Release.DEB_VERSION + "+upgrade");
    assertThat(Files.readString(CONFIG)).as("the admin's config after the upgrade").isEqualTo(config);
    assertThat(asSmtptrail("trace", "--data", DATA.toString(), "--to", "alice@accept.example.net").ok().out())
        .as("the index of the older version, opened by the newer").contains("HANDED_OVER");
    assertThat(serveAsTheUnit("alice@accept.example.net")).contains("\"verdict\":\"HANDED_OVER\"");

    Commands.Result purge = Commands.run(List.of("dpkg", "--purge", "smtptrail")).ok();
    installed = false;
    assertThat(purge.out() + purge.err()).contains("purge removes /var/lib/smtptrail")
        .contains("/etc/smtptrail").contains("the system user and group smtptrail");
    for (Path path : PACKAGE_PATHS) {
      assertThat(Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("%s after purge", path).isFalse();
    }
    assertThat(Commands.run(List.of("getent", "passwd", "smtptrail")).exit()).as("user after purge").isNotZero();
    assertThat(Commands.run(List.of("getent", "group", "smtptrail")).exit()).as("group after purge").isNotZero();
    assertThat(Commands.run(List.of("dpkg-query", "-W", "smtptrail")).exit()).as("dpkg status").isNotZero();
    assertThat(Commands.run(List.of("grep", "-rl", "smtptrail", "/var/lib/systemd/")).out())
        .as("systemd state naming smtptrail").isBlank();
  }

  private void assertInstalled(String debVersion) throws IOException, InterruptedException {
    assertThat(Commands.run(List.of("dpkg-query", "-W", "-f", "${Version} ${Status}", "smtptrail")).ok().out())
        .isEqualTo(debVersion + " install ok installed");
    assertThat(Commands.run(List.of("id", "-Gn", "smtptrail")).ok().out().split("\\s+")).contains("smtptrail", "adm");
    PosixFileAttributes data = Files.readAttributes(DATA, PosixFileAttributes.class);
    assertThat(data.owner().getName()).isEqualTo("smtptrail");
    assertThat(PosixFilePermissions.toString(data.permissions())).isEqualTo("rwx------");
    assertThat(Commands.run(List.of("dpkg-query", "-W", "-f", "${Conffiles}", "smtptrail")).ok().out())
        .contains(CONFIG.toString());
    for (Path path : PACKAGE_PATHS) {
      assertThat(path).as("installed").exists();
    }
  }

  /** smtptrail ARGS as the unit runs it: the user smtptrail with its groups, an empty environment but PATH. */
  private Commands.Result asSmtptrail(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(asTheUser(Map.of()));
    command.add("/usr/bin/smtptrail");
    command.addAll(List.of(arguments));
    return Commands.run(command, Path.of("/"), null, Duration.ofMinutes(3));
  }

  private static List<String> asTheUser(Map<String, String> environment) {
    List<String> command = new ArrayList<>(List.of("setpriv", "--reuid", "smtptrail", "--regid", "smtptrail",
        "--init-groups", "env", "-i", "PATH=/usr/bin:/bin", "HOME=" + DATA, "LANG=C.UTF-8"));
    environment.forEach((name, value) -> command.add(name + "=" + value));
    return command;
  }

  /**
   * Runs the unit's ExecStart line (its Environment= too) as its user, on a free port, asks /api/check for this
   * recipient and stops it as systemd would (SIGTERM); returns the answer.
   */
  private String serveAsTheUnit(String recipient) throws IOException, InterruptedException {
    String unit = Files.readString(UNIT);
    String execStart = unit.lines().filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow()
        .substring("ExecStart=".length());
    assertThat(execStart).contains(" --port 8025");
    Map<String, String> environment = new java.util.TreeMap<>();
    unit.lines().filter(line -> line.startsWith("Environment=")).map(line -> line.substring(12).split("=", 2))
        .forEach(pair -> environment.put(pair[0], pair[1]));
    List<String> command = new ArrayList<>(asTheUser(environment));
    command.addAll(List.of(execStart.replace(" --port 8025", " --port 0").split(" ")));
    Path out = temp.resolve("serve.out");
    Process server = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectOutput(out.toFile())
        .redirectError(temp.resolve("serve.err").toFile()).start();
    try {
      URI base = URI.create(Commands.awaitServing(out, server));
      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("api/check?to=" + recipient)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      return answer.body();
    } finally {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
    }
  }

  /** The package rebuilt from this build's jar, man pages and completion with another version, in temp. */
  private Path rebuild(String version) throws IOException, InterruptedException {
    Path out = Files.createDirectories(temp.resolve("newer"));
    Commands.run(List.of("bash", Release.REPO.resolve("packaging/build-release.sh").toString(), "--version", version,
        "--jar", System.getProperty("smtptrail.jar"), "--man", System.getProperty("smtptrail.manDir"),
        "--completion", System.getProperty("smtptrail.completion"),
        "--work", System.getProperty("smtptrail.releaseWork"), "--out", out.toString()),
        null, null, Duration.ofMinutes(10)).ok();
    return out.resolve("smtptrail_" + version.replace('-', '~') + "_amd64.deb");
  }

  private Path postfixLogsReadableByAdm() throws IOException {
    Path folder = Files.createTempDirectory(Path.of("/var/tmp"), "smtptrail-package-it-");
    UserPrincipalLookupService names = folder.getFileSystem().getUserPrincipalLookupService();
    GroupPrincipal adm = names.lookupPrincipalByGroupName("adm");
    for (String name : List.of("mail.log.2.gz", "mail.log.1", "mail.log")) {
      Path copy = Files.copy(Release.SAMPLE_POSTFIX.resolve(name), folder.resolve(name));
      Files.getFileAttributeView(copy, PosixFileAttributeView.class).setGroup(adm);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r-----"));
    }
    Files.getFileAttributeView(folder, PosixFileAttributeView.class).setGroup(adm);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
    return folder;
  }
}
