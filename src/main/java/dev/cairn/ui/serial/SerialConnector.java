package dev.cairn.ui.serial;

import com.techsenger.jeditermfx.core.TtyConnector;
import dev.cairn.ui.runtime.SerialHub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Connects the terminal widget to the guest's UART: the guest's bytes come from a {@link
 * SerialHub} (decoded as UTF-8, a sequence split across chunks kept whole), keys the user types go
 * to the guest as bytes. No PTY is involved; a serial line has no window size to report.
 *
 * <p>The widget reads on its own thread ({@link #read} blocks); the hub delivers on the vCPU
 * thread, which only enqueues.
 */
final class SerialConnector implements TtyConnector {

  private static final byte[] END = new byte[0];

  private final SerialHub hub;
  private final Consumer<byte[]> guestInput;
  private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
  private final Consumer<byte[]> subscriber = incoming::add;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CountDownLatch closed = new CountDownLatch(1);
  private ByteBuffer undecoded = ByteBuffer.allocate(0);
  private CharBuffer decoded = CharBuffer.allocate(0);
  private volatile boolean connected = true;

  SerialConnector(SerialHub hub, Consumer<byte[]> guestInput) {
    this.hub = hub;
    this.guestInput = guestInput;
    hub.subscribe(subscriber);
  }

  @Override
  public int read(char[] buf, int offset, int length) throws IOException {
    while (!decoded.hasRemaining()) {
      byte[] chunk;
      try {
        chunk = incoming.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      if (chunk == END) {
        return -1;
      }
      decode(chunk);
    }
    int n = Math.min(length, decoded.remaining());
    decoded.get(buf, offset, n);
    return n;
  }

  private void decode(byte[] chunk) {
    ByteBuffer in = ByteBuffer.allocate(undecoded.remaining() + chunk.length);
    in.put(undecoded).put(chunk).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    undecoded = in.slice();
    out.flip();
    decoded = out;
  }

  @Override
  public void write(byte[] bytes) {
    if (connected) {
      guestInput.accept(bytes.clone());
    }
  }

  @Override
  public void write(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public int waitFor() throws InterruptedException {
    closed.await();
    return 0;
  }

  @Override
  public boolean ready() {
    return decoded.hasRemaining() || !incoming.isEmpty();
  }

  @Override
  public String getName() {
    return "ttyS0";
  }

  @Override
  public void close() {
    if (connected) {
      connected = false;
      hub.unsubscribe(subscriber);
      incoming.add(END);
      closed.countDown();
    }
  }
}
