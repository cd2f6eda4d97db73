package org.smtptrail.engine.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import org.smtptrail.engine.InterruptibleWait;
import org.smtptrail.engine.store.StoreWrite;
import org.smtptrail.engine.store.StoreWriter;

/**
 * Applies the store's writes on a thread of its own, so that reading, parsing, correlating lines and preparing their
 * writes (the calling thread) overlaps with the store's work on the writes before (benchmarks/RESULTS.md: with the
 * Lucene documents built on the reading thread the two halves are of similar cost, and the machine has two cores).
 * The stored verdict rows go the same way, in the order they were handed over, so a message's new rows never
 * overtake its events or its older rows.
 *
 * <p>Writes are handed over in batches through a small bounded queue, in order. {@link #drain()} returns once
 * everything handed over is applied: a commit drains first, so what a commit makes durable is exactly what was read
 * before it, and checkpoints stay behind the store as before. A failure on the worker (a full disk) is rethrown to
 * the reading thread by its next {@link #add} or {@link #drain()}; after it, the worker applies nothing more. One
 * reading thread.
 */
final class IndexWorker implements Closeable {
  private static final int BATCH_WRITES = 512;
  /** Batches waiting at most: bounds the heap the hand-over takes, a few thousand documents. */
  private static final int QUEUED_BATCHES = 8;

  /** Writes handed over together; or, with a latch, a mark the reading thread waits for. */
  private static final class Batch {
    final StoreWrite[] writes = new StoreWrite[BATCH_WRITES];
    final CountDownLatch reached;
    int size;

    Batch(CountDownLatch reached) {
      this.reached = reached;
    }
  }

  private static final Batch STOP = new Batch(null);

  private final StoreWriter store;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread thread;
  private Batch filling = new Batch(null);
  private volatile Throwable failure;

  IndexWorker(StoreWriter store) {
    this.store = store;
    this.thread = Thread.ofPlatform().name("smtptrail-indexer").daemon().start(this::work);
  }

  /** Hands a write over: it is applied, in order, on the worker. */
  void add(StoreWrite write) throws IOException {
    rethrowFailure();
    Batch batch = filling;
    batch.writes[batch.size] = write;
    if (++batch.size == BATCH_WRITES) {
      handOver(batch);
      filling = new Batch(null);
    }
  }

  /** Waits until every write handed over is applied; rethrows the worker's failure. */
  void drain() throws IOException {
    mark().await();
  }

  /**
   * A mark after every write handed over so far, for another thread to wait for ({@link Mark#await()}) while this
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

    /** Waits until every write handed over before the mark is applied; rethrows the worker's failure. */
    void await() throws IOException {
      InterruptibleWait.await("the index worker caught up", reached::await);
      rethrowFailure();
    }
  }

  private void handOver(Batch batch) throws InterruptedIOException {
    InterruptibleWait.await("handing writes to the index worker", () -> queue.put(batch));
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
          store.apply(batch.writes[i]);
        }
      } catch (IOException | RuntimeException | Error e) {
        failure = e;
      }
    }
  }

  /** Stops the worker; writes handed over and not drained are dropped (a close without commit drops them anyway). */
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
