package org.smtptrail.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder that holds smtptrail's index and state. Logs hold personal data, so the folder is created owner-only
 * (0700) and the files in it are kept 0600.
 *
 * @param root the data folder
 */
public record DataDirectory(Path root) {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  /** The Lucene index folder. */
  public Path index() {
    return root.resolve("index");
  }

  /** The folder of the persistent state (checkpoints, messages in flight). */
  public Path state() {
    return root.resolve("state");
  }

  /**
   * The process id of the writer holding this folder, as its state store recorded it; empty when not known. Only
   * meaningful while the index write lock is held by someone.
   */
  public Optional<Long> writerPid() {
    try {
      return Optional.of(Long.parseLong(Files.readString(state().resolve("in-use")).strip()));
    } catch (IOException | NumberFormatException unknown) {
      return Optional.empty();
    }
  }

  /** Creates the data and index folders, owner-only, if they do not exist. */
  public DataDirectory create() throws IOException {
    createPrivate(root);
    createPrivate(index());
    return this;
  }

  /** Whether an index has been written here. */
  public boolean hasIndex() {
    return Files.isDirectory(index());
  }

  /** Makes every file directly in the index folder 0600 (Lucene creates them with the process umask). */
  public void restrictIndexFiles() throws IOException {
    if (!POSIX || !Files.isDirectory(index())) {
      return;
    }
    try (Stream<Path> files = Files.list(index())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          } catch (java.nio.file.NoSuchFileException mergedAway) {
            // Lucene deleted it meanwhile: nothing to protect
          }
        }
      }
    }
  }

  private static void createPrivate(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    if (POSIX) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
