package dev.cairn.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A monitor session on a {@link FakeTarget} that tests type lines into. */
final class TypedSession {

  final FakeTarget target = new FakeTarget();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final MonitorSession session = new Monitor(target).newSession(out);

  /** Types one line and returns what the monitor printed for it, without echo and prompt. */
  String type(String line) {
    out.reset();
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    session.receive(bytes, 0, bytes.length);
    String printed = out.toString(StandardCharsets.UTF_8);
    String echo = line + "\r\n";
    assertTrue(printed.startsWith(echo), printed);
    assertTrue(printed.endsWith(MonitorSession.PROMPT), printed);
    return printed.substring(echo.length(), printed.length() - MonitorSession.PROMPT.length());
  }
}
