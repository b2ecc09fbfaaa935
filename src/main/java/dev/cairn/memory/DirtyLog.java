package dev.cairn.memory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One dirty bitmap per {@link DirtyClient} over the pages of guest RAM.
 *
 * <p>Only clients that are logging get bits. A page written while every logging client already
 * has its bit set costs nothing: harts keep a writable translation for it and store straight into
 * the page. {@link #sync} hands a client its bits, clears them and tells every
 * {@link WriteProtectListener} to drop writable translations, so the next store to any page is
 * seen again.
 *
 * <p>Thread-safety: {@link #markDirty} runs on the vCPU thread (stores) and on device threads
 * (DMA); {@link #sync} runs on the client's thread. Bits are set and harvested with atomic word
 * operations, so no write is lost between a harvest and the next store.
 */
public final class DirtyLog {

  private final long pageCount;
  private final Map<DirtyClient, java.util.concurrent.atomic.AtomicLongArray> bitmaps =
      new EnumMap<>(DirtyClient.class);
  private volatile boolean anyLogging;
  private final CopyOnWriteArrayList<WriteProtectListener> listeners = new CopyOnWriteArrayList<>();

  public DirtyLog(long pageCount) {
    this.pageCount = pageCount;
  }

  public long pageCount() {
    return pageCount;
  }

  public void addListener(WriteProtectListener listener) {
    listeners.add(listener);
  }

  public void removeListener(WriteProtectListener listener) {
    listeners.remove(listener);
  }

  /**
   * Starts logging for {@code client}. With {@code allDirty} every page starts dirty (a migration's
   * first pass sends everything); otherwise only pages written from now on are reported.
   */
  public synchronized void startLogging(DirtyClient client, boolean allDirty) {
    int words = (int) ((pageCount + 63) >>> 6);
    var bitmap = new java.util.concurrent.atomic.AtomicLongArray(words);
    if (allDirty) {
      for (int i = 0; i < words; i++) {
        bitmap.set(i, -1L);
      }
    }
    var copy = new EnumMap<>(bitmaps);
    copy.put(client, bitmap);
    publish(copy);
    listeners.forEach(WriteProtectListener::writeProtectAll);
  }

  public synchronized void stopLogging(DirtyClient client) {
    var copy = new EnumMap<>(bitmaps);
    copy.remove(client);
    publish(copy);
  }

  public boolean isLogging(DirtyClient client) {
    return current.containsKey(client);
  }

  private volatile Map<DirtyClient, java.util.concurrent.atomic.AtomicLongArray> current =
      new EnumMap<>(DirtyClient.class);

  private void publish(EnumMap<DirtyClient, java.util.concurrent.atomic.AtomicLongArray> next) {
    bitmaps.clear();
    bitmaps.putAll(next);
    current = next;
    anyLogging = !next.isEmpty();
  }

  /** Marks one page (index from the start of RAM) dirty for every logging client. */
  public void markDirty(long pageIndex) {
    if (!anyLogging) {
      return;
    }
    int word = (int) (pageIndex >>> 6);
    long bit = 1L << (pageIndex & 63);
    for (var bitmap : current.values()) {
      long w = bitmap.get(word);
      while ((w & bit) == 0 && !bitmap.compareAndSet(word, w, w | bit)) {
        w = bitmap.get(word);
      }
    }
  }

  /**
   * Returns the pages {@code client} has not seen yet as a bitmap (bit {@code i} of word {@code
   * i / 64} is page {@code i}) and clears them. Afterwards every hart re-tracks stores.
   *
   * @throws IllegalStateException if the client is not logging
   */
  public long[] sync(DirtyClient client) {
    var bitmap = current.get(client);
    if (bitmap == null) {
      throw new IllegalStateException(client + " is not logging dirty pages");
    }
    // Protect, harvest, protect again. A hart may install a writable entry between the first
    // protection and the harvest (its page's bit is then set and harvested); stores through such
    // an entry after the harvest are not logged, but the second protection ends them before this
    // method returns, and the caller copies harvested pages only after that, so the copy holds
    // them. Every later store takes the slow path and sets its bit for the next harvest.
    listeners.forEach(WriteProtectListener::writeProtectAll);
    long[] harvested = new long[bitmap.length()];
    for (int i = 0; i < harvested.length; i++) {
      harvested[i] = bitmap.getAndSet(i, 0L);
    }
    listeners.forEach(WriteProtectListener::writeProtectAll);
    return harvested;
  }

  /** Counts the set bits of a bitmap returned by {@link #sync}. */
  public static long count(long[] bitmap) {
    long n = 0;
    for (long w : bitmap) {
      n += Long.bitCount(w);
    }
    return n;
  }
}
