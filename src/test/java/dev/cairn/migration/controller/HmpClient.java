package dev.cairn.migration.controller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A human-monitor client over TCP, as a user's {@code nc} would be: type a line, read to the prompt. */
final class HmpClient implements AutoCloseable {

  private static final String PROMPT = "(qemu) ";

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private HmpClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    socket.setSoTimeout(120_000);
  }

  /** Connects once the monitor listens (the JVM needs a moment to start), and reads the banner. */
  static HmpClient connect(int port, BooleanSupplier alive) throws IOException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        HmpClient client = new HmpClient(new Socket("127.0.0.1", port));
        client.readToPrompt();
        return client;
      } catch (IOException e) {
        if (System.nanoTime() > end || !alive.getAsBoolean()) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Types {@code line} and returns what the monitor printed up to its next prompt, echo removed. */
  String command(String line) throws IOException {
    type(line + "\n");
    String text = readToPrompt();
    int echo = text.indexOf("\r\n");
    return (echo < 0 ? "" : text.substring(echo + 2)).replace("\r\n", "\n");
  }

  /** Types text without waiting for anything. */
  void type(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads up to and without the next prompt. */
  String readToPrompt() throws IOException {
    StringBuilder text = new StringBuilder();
    while (text.length() < PROMPT.length()
        || !text.substring(text.length() - PROMPT.length()).equals(PROMPT)) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("monitor closed; got '" + text + "'");
      }
      text.append((char) b);
    }
    return text.substring(0, text.length() - PROMPT.length());
  }

  /** {@code info migrate}'s value for {@code key}, or null. */
  String migrateField(String key) throws IOException {
    for (String line : command("info migrate").split("\n")) {
      if (line.startsWith(key + ": ")) {
        return line.substring(key.length() + 2);
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test's connection
    }
  }
}
