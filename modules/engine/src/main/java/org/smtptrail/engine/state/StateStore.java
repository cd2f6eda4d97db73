package org.smtptrail.engine.state;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
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

  /*
   * What a new file is laid out for, and how far beyond it it may grow (extra tiers, allocated as needed): the same
   * ceilings as the layouts of files made before issue 23 (200 000 x 5 files, 1 M x 5 messages in flight), which
   * keep theirs (an existing file's header holds its configuration). A start after a crash copies each file whole
   * and syncs the copy (MapFiles), so the layout is what it writes: 26 MB instead of 140 MB. Past its layout a map
   * has more tiers to walk: with 1 M messages in flight a write or read costs 10-20 % more, with 2 M 1.6 times
   * (benchmarks/RESULTS.md, "State after a crash").
   */
  private static final long FILES = 20_000;
  private static final double FILES_BLOAT = 50;
  private static final long MESSAGES_IN_FLIGHT = 200_000;
  private static final double MESSAGES_IN_FLIGHT_BLOAT = 25;

  /** Present while a process has the state open: found at open, the last one died (kill -9, power loss). */
  private static final String IN_USE_MARKER = "in-use";
  /** When the first writer opened this data folder, in epoch milliseconds; written once. */
  private static final String FIRST_OPENED = "first-opened";

  private final ChronicleMap<String, String> checkpointMap;
  private final ChronicleMap<String, String> inFlightMap;
  private final Path marker;
  private final Instant firstOpened;

  private StateStore(ChronicleMap<String, String> checkpointMap, ChronicleMap<String, String> inFlightMap,
      Path marker, Instant firstOpened) {
    this.checkpointMap = checkpointMap;
    this.inFlightMap = inFlightMap;
    this.marker = marker;
    this.firstOpened = firstOpened;
  }

  /** Opens (creating if needed) the state of a data folder. */
  public static StateStore open(DataDirectory dataDirectory) throws IOException {
    Path dir = dataDirectory.state();
    Files.createDirectories(dir);
    restrict(dir, "rwx------");
    Instant firstOpened = firstOpened(dir.resolve(FIRST_OPENED));
    Path marker = dir.resolve(IN_USE_MARKER);
    // A process killed while holding one of Chronicle's segment locks leaves it locked: recover the files then
    // (MapFiles says how, so that a start killed while it recovers costs the next one nothing).
    boolean crashed = Files.exists(marker);
    ChronicleMap<String, String> checkpoints = MapFiles.open(ChronicleMap.of(String.class, String.class)
        .name("checkpoints")
        .averageKey("0123456789abcdef0123456789abcdef")
        .averageValue("1234567890123 12345678")
        .entries(FILES)
        .maxBloatFactor(FILES_BLOAT), dir.resolve("checkpoints.dat"), crashed);
    ChronicleMap<String, String> inFlight;
    try {
      inFlight = MapFiles.open(ChronicleMap.of(String.class, String.class)
          .name("in-flight")
          .averageKey("postfix\u0000mx1.example.com\u00004hnbBCg5fSSvC1")
          .averageValue("postfix:mx1.example.com:4hnbBCg5fSSvC1\u00011763900000000\u00010")
          .entries(MESSAGES_IN_FLIGHT)
          .maxBloatFactor(MESSAGES_IN_FLIGHT_BLOAT), dir.resolve("in-flight.dat"), crashed);
      Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
    } catch (IOException | RuntimeException e) {
      checkpoints.close();
      throw e;
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        restrict(file, "rw-------");
      }
    }
    return new StateStore(checkpoints, inFlight, marker, firstOpened);
  }

  /** The time recorded in {@code file}, recording now when there is none (or it was cut short by a crash). */
  private static Instant firstOpened(Path file) throws IOException {
    try {
      return Instant.ofEpochMilli(Long.parseLong(Files.readString(file).strip()));
    } catch (NoSuchFileException | NumberFormatException none) {
      Instant now = Instant.ofEpochMilli(System.currentTimeMillis()); // as read back next time
      Path partial = file.resolveSibling(file.getFileName() + ".writing");
      Files.writeString(partial, Long.toString(now.toEpochMilli()));
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return now;
    }
  }

  /**
   * When a writer first opened this data folder's state: the start of everything indexed here, even when that
   * writer was killed before its first commit.
   */
  public Instant firstOpened() {
    return firstOpened;
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
  public void close() throws IOException {
    checkpointMap.close();
    inFlightMap.close();
    Files.deleteIfExists(marker);
  }
}
