package org.smtptrail.engine.ingest;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;

/** A tailer in its own JVM, for the crash test: {@code TailerProcess DATA_DIR LOG_FILE}; runs until killed. */
public final class TailerProcess {
  private TailerProcess() {}

  public static void main(String[] args) throws Exception {
    try (FileTailer tailer = new FileTailer(new DataDirectory(Path.of(args[0])), LocalStore.DEFAULT,
        TailSettings.defaults(),
        List.of(LogSource.of(Path.of(args[1]), new IngestOptions(null, ZoneOffset.UTC, null))))) {
      System.out.println("tailing");
      tailer.run(() -> true);
    }
  }
}
