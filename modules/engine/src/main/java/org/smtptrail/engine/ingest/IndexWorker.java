package org.smtptrail.engine.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import org.apache.lucene.document.Document;
import org.smtptrail.engine.InterruptibleWait;
import org.smtptrail.engine.index.EventIndex;

/**
 * Adds documents to the index on a thread of its own, so that reading, parsing, correlating lines and building their
 * documents (the calling thread) overlaps with Lucene's work on the documents before (benchmarks/RESULTS.md: with the
 * documents built on the reading thread the two halves are of similar cost, and the machine has two cores). The
 * stored verdict rows go the same way: a message's old rows are deleted and its new rows added in the order they were
 * handed over, so a deletion never overtakes the rows it must delete.
 *
 * <p>Documents are handed over in batches through a small bounded queue, in order. {@link #drain()} returns once
 * everything handed over is in the IndexWriter: a commit drains first, so what a commit makes durable is exactly
 * what was read before it, and checkpoints stay behind the index as before. A failure on the worker (a full disk)
 * is rethrown to the reading thread by its next {@link #add} or {@link #drain()}; after it, the worker adds nothing
 * more. One reading thread.
 */
final class IndexWorker implements Closeable {
  private static final int BATCH_DOCUMENTS = 512;
  /** Batches waiting at most: bounds the heap the hand-over takes, a few thousand documents. */
  private static final int QUEUED_BATCHES = 8;

  /** The deletion of a message's stored rows, among the documents of a batch. */
  private record RowsOf(String key) {}

  /**
   * Writes handed over together (a {@link Document} to add, or {@link RowsOf} to delete); or, with a latch, a mark
   * the reading thread waits for.
   */
  private static final class Batch {
    final Object[] writes = new Object[BATCH_DOCUMENTS];
    final CountDownLatch reached;
    int size;

    Batch(CountDownLatch reached) {
      this.reached = reached;
    }
  }

  private static final Batch STOP = new Batch(null);

  private final EventIndex index;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread thread;
  private Batch filling = new Batch(null);
  private volatile Throwable failure;

  IndexWorker(EventIndex index) {
    this.index = index;
    this.thread = Thread.ofPlatform().name("smtptrail-indexer").daemon().start(this::work);
  }

  /** Hands a document over: it is added, in order, on the worker. */
  void add(Document document) throws IOException {
    enqueue(document);
  }

  /** Hands over the deletion of a message's stored rows: done, in order, on the worker. */
  void deleteRows(String key) throws IOException {
    enqueue(new RowsOf(key));
  }

  private void enqueue(Object write) throws IOException {
    rethrowFailure();
    Batch batch = filling;
    batch.writes[batch.size] = write;
    if (++batch.size == BATCH_DOCUMENTS) {
      handOver(batch);
      filling = new Batch(null);
    }
  }

  /** Waits until every document handed over is added to the index; rethrows the worker's failure. */
  void drain() throws IOException {
    mark().await();
  }

  /**
   * A mark after every document handed over so far, for another thread to wait for ({@link Mark#await()}) while this
   * one hands over more: how a commit on its own thread waits for exactly what was read before it.
   */
  Mark mark() throws IOException {
    if (filling.size > 0) {
      handOver(filling);
      filling = new Batch(null);
    }
    CountDownLatch reached = new CountDownLatch(1);
    handOver(new Batch(reached));
    return new Mark(reached);
  }

  /** A point in the worker's queue. */
  final class Mark {
    private final CountDownLatch reached;

    private Mark(CountDownLatch reached) {
      this.reached = reached;
    }

    /** Waits until every document handed over before the mark is in the index; rethrows the worker's failure. */
    void await() throws IOException {
      InterruptibleWait.await("the index worker caught up", reached::await);
      rethrowFailure();
    }
  }

  private void handOver(Batch batch) throws InterruptedIOException {
    InterruptibleWait.await("handing documents to the index worker", () -> queue.put(batch));
  }

  private void rethrowFailure() throws IOException {
    OtherThreadFailure.rethrow(failure);
  }

  private void work() {
    while (true) {
      Batch batch;
      try {
        batch = queue.take();
      } catch (InterruptedException e) {
        return; // only close() interrupts, and only when the worker cannot be reached otherwise
      }
      if (batch == STOP) {
        return;
      }
      if (batch.reached != null) {
        batch.reached.countDown();
        continue;
      }
      if (failure != null) {
        continue; // keep taking, so the reading thread never blocks on a full queue; it sees the failure
      }
      try {
        for (int i = 0; i < batch.size; i++) {
          if (batch.writes[i] instanceof Document document) {
            index.add(document);
          } else {
            index.deleteRows(((RowsOf) batch.writes[i]).key());
          }
        }
      } catch (IOException | RuntimeException | Error e) {
        failure = e;
      }
    }
  }

  /** Stops the worker; documents handed over and not drained are dropped (a close without commit drops them anyway). */
  @Override
  public void close() {
    if (!queue.offer(STOP)) {
      queue.clear(); // nothing queued matters any more: make room for the stop
      queue.offer(STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
