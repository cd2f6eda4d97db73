package org.smtptrail.engine.state;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.openhft.chronicle.map.ChronicleMap;
import org.smtptrail.engine.DataDirectory;

/**
 * Opens the Chronicle Map files of a data folder ({@code DATA/state}, 0700, files 0600). Only one process writes a
 * data folder at a time (the index's write lock guarantees it), so the maps are not shared between processes.
 */
public final class StateStore implements Closeable {
  static {
    // Chronicle libraries phone home unless told not to, and they read this when their classes initialise.
    System.setProperty("chronicle.analytics.disable", "true");
  }

  private static final long MAX_FILES = 200_000;
  private static final long MAX_MESSAGES_IN_FLIGHT = 1_000_000;

  private final ChronicleMap<String, String> checkpointMap;
  private final ChronicleMap<String, String> inFlightMap;

  private StateStore(ChronicleMap<String, String> checkpointMap, ChronicleMap<String, String> inFlightMap) {
    this.checkpointMap = checkpointMap;
    this.inFlightMap = inFlightMap;
  }

  /** Opens (creating if needed) the state of a data folder. */
  public static StateStore open(DataDirectory dataDirectory) throws IOException {
    Path dir = dataDirectory.state();
    Files.createDirectories(dir);
    restrict(dir, "rwx------");
    ChronicleMap<String, String> checkpoints = ChronicleMap.of(String.class, String.class)
        .name("checkpoints")
        .averageKey("0123456789abcdef0123456789abcdef")
        .averageValue("1234567890123 12345678")
        .entries(MAX_FILES)
        .maxBloatFactor(5)
        .createPersistedTo(dir.resolve("checkpoints.dat").toFile());
    ChronicleMap<String, String> inFlight;
    try {
      inFlight = ChronicleMap.of(String.class, String.class)
          .name("in-flight")
          .averageKey("postfix\u0000mx1.example.com\u00004hnbBCg5fSSvC1")
          .averageValue("postfix:mx1.example.com:4hnbBCg5fSSvC1\u00011763900000000\u00010")
          .entries(MAX_MESSAGES_IN_FLIGHT)
          .maxBloatFactor(5)
          .createPersistedTo(dir.resolve("in-flight.dat").toFile());
    } catch (IOException | RuntimeException e) {
      checkpoints.close();
      throw e;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        restrict(file, "rw-------");
      }
    }
    return new StateStore(checkpoints, inFlight);
  }

  public Checkpoints checkpoints() {
    return new Checkpoints(checkpointMap);
  }

  public InFlightMessages inFlightMessages() {
    return new InFlightMessages(inFlightMap);
  }

  /** Owner-only: the state names addresses and hosts. */
  private static void restrict(Path path, String permissions) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }

  @Override
  public void close() {
    checkpointMap.close();
    inFlightMap.close();
  }
}
