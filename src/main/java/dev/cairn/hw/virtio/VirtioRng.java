package dev.cairn.hw.virtio;

import java.security.SecureRandom;
import java.util.Random;

/**
 * virtio-rng: hands the guest random bytes. Reference: virtio 1.2 §5.4 (entropy device).
 *
 * <p>One queue of device-writable buffers; each is filled completely. No configuration space and
 * no guest-visible state of its own (the source of randomness is host state, not saved).
 */
public final class VirtioRng implements VirtioDevice {

  public static final int DEVICE_ID = 4;
  public static final int QUEUE_SIZE = 64;
  /** Upper bound per buffer, so a guest cannot make us fill gigabytes in one notification. */
  private static final int MAX_FILL = 64 * 1024;

  private final Random random;
  private VirtioDevice.Transport transport;

  /** Draws from the host's {@link SecureRandom}. */
  public VirtioRng() {
    this(new SecureRandom());
  }

  /** Draws from {@code random}; tests pass a seeded generator for reproducible bytes. */
  public VirtioRng(Random random) {
    this.random = random;
  }

  @Override
  public int deviceId() {
    return DEVICE_ID;
  }

  @Override
  public long features() {
    return 0;
  }

  @Override
  public int queueCount() {
    return 1;
  }

  @Override
  public int queueMaxSize(int queue) {
    return QUEUE_SIZE;
  }

  @Override
  public int configSize() {
    return 0;
  }

  @Override
  public long readConfig(int offset, int size) {
    return 0;
  }

  @Override
  public void attach(VirtioDevice.Transport transport) {
    this.transport = transport;
  }

  @Override
  public void reset() {}

  @Override
  public void queueNotified(int queue, Virtqueue q) {
    boolean used = false;
    Virtqueue.Chain chain;
    while ((chain = q.pop()) != null) {
      int n = (int) Math.min(chain.writableLength(), MAX_FILL);
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      q.push(chain, chain.scatter(0, bytes, 0, n));
      used = true;
    }
    if (used || q.broken()) {
      transport.notifyUsed(q);
    }
  }
}
