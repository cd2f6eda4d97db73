package org.smtptrail.cli;

import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.smtptrail.engine.ingest.IngestListener;

/** A progress bar for {@code index} when a person watches a terminal; nothing otherwise (logs, CI, pipes). */
final class ProgressBars {
  private ProgressBars() {}

  static IngestListener forTerminal() {
    if (System.console() == null) {
      return IngestListener.NONE;
    }
    return new IngestListener() {
      private ProgressBar bar;

      @Override
      public void started(int files, long totalBytes) {
        bar = new ProgressBarBuilder()
            .setTaskName("indexing")
            .setInitialMax(Math.max(totalBytes, 1))
            .setUnit(" MB", 1 << 20)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build();
      }

      @Override
      public void fileDone(Path file, long bytes) {
        bar.stepBy(bytes);
        bar.setExtraMessage(file.getFileName().toString());
        if (bar.getCurrent() >= bar.getMax()) {
          bar.close();
        }
      }
    };
  }
}
