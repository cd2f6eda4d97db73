package org.smtptrail.engine.index;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * A Lucene directory on a disk with {@code free} bytes left: every file it writes takes from that budget, and the
 * write that would exceed it fails as the operating system's would ({@code No space left on device}). Deleting files
 * gives nothing back (the test decides when space is "freed", by {@link #free(long)}).
 */
public final class DiskFillingDirectory extends FilterDirectory {
  private final AtomicLong free;

  public DiskFillingDirectory(Directory in, AtomicLong free) {
    super(in);
    this.free = free;
  }

  /** Makes {@code bytes} available again. */
  public void free(long bytes) {
    free.set(bytes);
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    return new Filling(in.createOutput(name, context));
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
    return new Filling(in.createTempOutput(prefix, suffix, context));
  }

  private final class Filling extends IndexOutput {
    private final IndexOutput out;

    Filling(IndexOutput out) {
      super("disk-filling(" + out + ")", out.getName());
      this.out = out;
    }

    private void take(long bytes) throws IOException {
      if (free.addAndGet(-bytes) < 0) {
        free.addAndGet(bytes);
        throw new IOException("No space left on device");
      }
    }

    @Override
    public void writeByte(byte b) throws IOException {
      take(1);
      out.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
      take(length);
      out.writeBytes(b, offset, length);
    }

    @Override
    public long getFilePointer() {
      return out.getFilePointer();
    }

    @Override
    public long getChecksum() throws IOException {
      return out.getChecksum();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
