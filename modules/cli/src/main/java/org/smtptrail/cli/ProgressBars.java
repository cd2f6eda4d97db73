package org.smtptrail.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.smtptrail.engine.ingest.IngestListener;

/**
 * Progress for {@code index}, {@code tail} and {@code upgrade}: bars when a person watches a terminal. Elsewhere
 * (logs, CI, pipes) only the rebuild of an old index's stored verdicts is reported, as a line when it starts: it runs
 * once, before anything else, and may take minutes.
 */
final class ProgressBars {
  private ProgressBars() {}

  /** {@code err}: the command's error stream, for the line shown where no terminal is. */
  static IngestListener forTerminal(PrintWriter err) {
    if (System.console() == null) {
      return new IngestListener() {
        @Override
        public void rebuildingRows(long events) {
          err.printf("smtptrail: building the stored verdicts of an index from an older smtptrail (%d events, once)%n",
              events);
          err.flush();
        }
      };
    }
    return new IngestListener() {
      private ProgressBar files;
      private ProgressBar rows;

      @Override
      public void started(int count, long totalBytes) {
        files = bar("indexing", totalBytes).setUnit(" MB", 1 << 20).build();
      }

      @Override
      public void fileDone(Path file, long bytes) {
        files.stepBy(bytes);
        files.setExtraMessage(file.getFileName().toString());
        if (files.getCurrent() >= files.getMax()) {
          files.close();
        }
      }

      @Override
      public void rebuildingRows(long events) {
        rows = events == 0 ? null : bar("building stored verdicts", events).setUnit(" k events", 1000).build();
      }

      @Override
      public void rowsRebuilt(long events) {
        if (rows == null) {
          return;
        }
        rows.stepBy(events);
        if (rows.getCurrent() >= rows.getMax()) {
          rows.close();
        }
      }

      private ProgressBarBuilder bar(String task, long max) {
        return new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(Math.max(max, 1))
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err));
      }
    };
  }
}
