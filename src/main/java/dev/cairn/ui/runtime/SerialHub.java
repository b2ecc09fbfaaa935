package dev.cairn.ui.runtime;

import dev.cairn.hw.chr.CharSink;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The UART's output for the GUI: collects the guest's bytes into chunks (one per transmit burst),
 * keeps the most recent {@link #HISTORY_BYTES} so a terminal opened later shows what came before,
 * and hands each chunk to the subscribers.
 *
 * <p>{@link #write} and {@link #flush} run on the vCPU thread and never block; subscribers are
 * called on that thread too and must hand the bytes off quickly.
 */
public final class SerialHub implements CharSink {

  static final int HISTORY_BYTES = 256 * 1024;
  private static final int CHUNK_LIMIT = 4096;

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final CopyOnWriteArrayList<Consumer<byte[]>> subscribers = new CopyOnWriteArrayList<>();
  private byte[] history = new byte[0];

  @Override
  public synchronized void write(byte b) {
    pending.write(b);
    if (pending.size() >= CHUNK_LIMIT) {
      flush();
    }
  }

  @Override
  public synchronized void flush() {
    if (pending.size() == 0) {
      return;
    }
    byte[] chunk = pending.toByteArray();
    pending.reset();
    remember(chunk);
    for (Consumer<byte[]> subscriber : subscribers) {
      subscriber.accept(chunk);
    }
  }

  /**
   * Adds a subscriber; it first receives the history (one chunk, if any) and then every new
   * chunk, with nothing lost or repeated in between.
   */
  public synchronized void subscribe(Consumer<byte[]> subscriber) {
    if (history.length > 0) {
      subscriber.accept(history.clone());
    }
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<byte[]> subscriber) {
    subscribers.remove(subscriber);
  }

  private void remember(byte[] chunk) {
    int keep = Math.min(HISTORY_BYTES, history.length + chunk.length);
    byte[] next = new byte[keep];
    int fromOld = keep - chunk.length;
    if (fromOld > 0) {
      System.arraycopy(history, history.length - fromOld, next, 0, fromOld);
      System.arraycopy(chunk, 0, next, fromOld, chunk.length);
    } else {
      next = Arrays.copyOfRange(chunk, chunk.length - keep, chunk.length);
    }
    history = next;
  }
}
