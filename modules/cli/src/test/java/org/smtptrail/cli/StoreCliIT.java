package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.store.opensearch.OpenSearchCluster;
import org.smtptrail.store.opensearch.OpenSearchStore;
import org.smtptrail.store.opensearch.SharedOpenSearch;

/**
 * {@code --store URL}: the samples indexed into OpenSearch answer trace, check, events and stats exactly as the same
 * samples indexed into the data folder's own index, in every format and with the same exit codes; {@code store init}
 * says what it made, and nothing the second time; a cluster that is not there is one line saying what to check.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreCliIT {
  @TempDir static Path temp;
  private static String store;
  private static String localData;
  private static String agentData;

  @BeforeAll
  static void indexTheSamplesIntoBothStores(OpenSearchCluster cluster) throws IOException {
    store = cluster.httpUri().toString().replaceAll("/+$", "") + "/clitest"; // indices of this class's own
    localData = temp.resolve("local").toString();
    agentData = temp.resolve("agent").toString();
    for (String folder : ServedIndex.sampleFolders()) {
      assertThat(CliRun.of("index", "--data", localData, folder).exitCode()).as(folder).isZero();
      CliRun indexed = CliRun.of("index", "--data", agentData, "--store", store, folder);
      assertThat(indexed.exitCode()).as(folder + ": " + indexed.err()).isZero();
    }
  }

  /** Runs a command on the local index and on the store: same exit code, same output, same errors. */
  private static CliRun assertSame(String... command) {
    return CliRun.assertSameAs(command, List.of("--data", localData), List.of("--data", agentData, "--store", store));
  }

  @Test
  void traceFromTheStorePrintsWhatTheLocalIndexPrints() {
    for (String format : List.of("table", "json", "csv")) {
      assertSame("trace", "--format", format, "--domain", "example.net", "--limit", "5", "--page", "2");
      assertSame("trace", "--format", format, "--to", "alice@accept.example.net", "--evidence");
      assertSame("trace", "--format", format, "--status", "DEFERRED", "--since", "2026-11-01", "--until", "2027-01-01");
      assertSame("trace", "--format", format, "--from", "@example.com", "--redact", "--limit", "4");
    }
    CliRun all = assertSame("trace", "--format", "json", "--limit", "0");
    assertThat(all.jsonLines()).as("every row of every sample").hasSizeGreaterThan(50);
    assertSame("trace", "--format", "json", "--id", "4A1B2C3D4E");
    assertSame("trace", "--to", "*@*.example.org", "--limit", "0");
    assertSame("trace", "--to", "nobody@nowhere.example");
  }

  @Test
  void checkEventsAndStatsFromTheStoreAreTheLocalOnes() {
    List<String> recipients = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (var row : CliRun.of("trace", "--format", "json", "--limit", "0", "--data", localData).jsonLines()) {
      recipients.add(row.get("recipient").asText());
      keys.add(row.get("key").asText());
    }
    for (int i = 0; i < recipients.size(); i += 7) { // a spread: every verdict's exit code comes up
      assertSame("check", recipients.get(i));
      assertSame("events", keys.get(i));
    }
    assertSame("check", "nobody@nowhere.example");
    for (String by : List.of("domain", "relay", "category", "verdict", "host")) {
      assertSame("stats", "--by", by, "--format", "json");
    }
    assertSame("stats");
  }

  /** serve over the store answers the API as serve over the local index: the CLI through each prints the same. */
  @Test
  void serveOverTheStoreAnswersAsServeOverTheLocalIndex() throws IOException {
    try (ServedIndex local = ServedIndex.start(Path.of(localData), ServedIndex.settings());
        ServedIndex remote = ServedIndex.start(Path.of(agentData), OpenSearchStore.of(store), ServedIndex.settings())) {
      List<String> fromLocal = List.of("--server", local.url());
      List<String> fromStore = List.of("--server", remote.url());
      for (String format : List.of("table", "json")) {
        CliRun.assertSameAs(new String[] {"trace", "--format", format, "--domain", "example.net", "--limit", "5"},
            fromLocal, fromStore);
        CliRun.assertSameAs(new String[] {"trace", "--format", format, "--to", "alice@accept.example.net"},
            fromLocal, fromStore);
      }
      CliRun all = CliRun.assertSameAs(new String[] {"trace", "--format", "json", "--limit", "0"}, fromLocal,
          fromStore);
      assertThat(all.jsonLines()).hasSizeGreaterThan(50);
      CliRun.assertSameAs(new String[] {"check", "alice@accept.example.net"}, fromLocal, fromStore);
      CliRun.assertSameAs(new String[] {"stats", "--by", "verdict", "--format", "json"}, fromLocal, fromStore);
      String metrics = remote.get("/metrics").body();
      assertThat(metrics).contains("smtptrail_index_events " + local.get("/metrics").body().lines()
          .filter(line -> line.startsWith("smtptrail_index_events ")).findFirst().orElseThrow()
          .substring("smtptrail_index_events ".length()));
    }
  }

  @Test
  void storeInitSaysWhatItMadeAndNothingTheSecondTime() {
    String fresh = store.replace("/clitest", "/initcheck");
    CliRun first = CliRun.of("store", "init", "--store", fresh, "--retention-days", "30");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("created template initcheck-events", "created template initcheck-rows");
    CliRun second = CliRun.of("store", "init", "--store", fresh, "--retention-days", "30");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).doesNotContain("created", "updated").contains("unchanged template initcheck-events");
    CliRun reshaped = CliRun.of("store", "init", "--store", fresh, "--retention-days", "30", "--replicas", "0");
    assertThat(reshaped.out()).contains("updated template initcheck-events");
    // an agent writing afterwards leaves the operator's layout as it is
    CliRun written = CliRun.of("index", "--store", fresh, "--data", temp.resolve("initcheck").toString(),
        ServedIndex.SAMPLES.resolve("postfix").toString());
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(CliRun.of("store", "init", "--store", fresh, "--retention-days", "30", "--replicas", "0").out())
        .doesNotContain("created", "updated");
  }

  @Test
  void storeInTheConfigFileIsWhereIndexWrites() throws IOException {
    String yamlStore = store.replace("/clitest", "/yamltest");
    Path config = Files.writeString(temp.resolve("smtptrail.yaml"), "store: " + yamlStore + "\nsources:\n  - path: "
        + ServedIndex.SAMPLES.resolve("postfix").toAbsolutePath() + "\n    timezone: UTC\n");
    String data = temp.resolve("configured").toString();
    CliRun indexed = CliRun.of("index", "--config", config.toString(), "--data", data);
    assertThat(indexed.exitCode()).as(indexed.err()).isZero();
    assertThat(CliRun.of("trace", "--format", "json", "--limit", "0", "--data", data).jsonLines())
        .as("nothing in the data folder's own index").isEmpty();
    assertThat(CliRun.of("trace", "--format", "json", "--limit", "0", "--data", data, "--store", yamlStore)
        .jsonLines()).isNotEmpty();
  }

  /**
   * One agent per mail server, each with its own data folder, feeding one store: a message's journey from one server
   * to the next (Xeams or Postfix mx1, then Postfix mx2), each hop written by another agent, is tied when asked, as in one data folder that read
   * all three servers' logs.
   */
  @Test
  void oneAgentPerServerFeedsOneStoreAndJourneysAreTiedWhenAsked() {
    Path journey = ServedIndex.SAMPLES.resolve("journey");
    String shared = store.replace("/clitest", "/agents");
    String together = temp.resolve("together").toString();
    assertThat(CliRun.of("index", "--timezone", "UTC", "--data", together, journey.toString()).exitCode()).isZero();
    for (String server : List.of("mail.example.com", "mx1", "mx2")) {
      CliRun agent = CliRun.of("index", "--timezone", "UTC", "--data", temp.resolve("agent-" + server).toString(),
          "--store", shared, journey.resolve(server).toString());
      assertThat(agent.exitCode()).as(server + ": " + agent.err()).isZero();
    }
    CliRun rows = CliRun.assertSameAs(new String[] {"trace", "--format", "json", "--limit", "0", "--evidence"},
        List.of("--data", together), List.of("--data", temp.resolve("agent-mx2").toString(), "--store", shared));
    assertThat(rows.jsonLines()).as("journeys whose hops were written by two agents")
        .filteredOn(row -> row.get("hops").size() == 2).hasSizeGreaterThan(3);
  }

  @Test
  void storePruneDropsWholeOldMonthsAndSaysWhatTheyHeld() {
    String pruned = store.replace("/clitest", "/prunecheck");
    String data = temp.resolve("prunecheck").toString();
    assertThat(CliRun.of("index", "--store", pruned, "--data", data, ServedIndex.SAMPLES.resolve("journey").toString(),
        "--timezone", "UTC").exitCode()).isZero();
    int rows = CliRun.of("trace", "--format", "json", "--limit", "0", "--store", pruned, "--data", data)
        .jsonLines().size();
    assertThat(rows).isPositive();

    CliRun dry = CliRun.of("store", "prune", "--store", pruned, "--older-than", "30d", "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("would drop 2026-03: prunecheck-events-2026.03, prunecheck-rows-2026.03 (",
        "would drop 1 month(s) that ended before ");
    assertThat(CliRun.of("trace", "--format", "json", "--limit", "0", "--store", pruned, "--data", data)
        .jsonLines()).hasSize(rows);

    CliRun run = CliRun.of("store", "prune", "--store", pruned, "--older-than", "1m");
    assertThat(run.out()).contains("dropped 2026-03: ", "dropped 1 month(s)");
    assertThat(CliRun.of("trace", "--format", "json", "--limit", "0", "--store", pruned, "--data", data)
        .jsonLines()).isEmpty();
    assertThat(CliRun.of("store", "prune", "--store", pruned, "--older-than", "1m").out())
        .startsWith("dropped 0 month(s)");

    CliRun bad = CliRun.of("store", "prune", "--store", pruned, "--older-than", "2h");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("400d or 13m");
    assertThat(CliRun.of("store", "prune", "--older-than", "30d").err()).contains("prune needs the cluster: --store");
  }

  @Test
  void aClusterThatIsNotThereIsOneLineSayingWhatToCheck() {
    CliRun run = CliRun.of("trace", "--to", "alice@example.net", "--data", agentData,
        "--store", "http://127.0.0.1:1/nothing");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().lines().findFirst().orElse(""))
        .contains("OpenSearch at http://127.0.0.1:1 is unreachable", "check the store URL");
  }
}
