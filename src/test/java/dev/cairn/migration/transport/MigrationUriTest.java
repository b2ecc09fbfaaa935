package dev.cairn.migration.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MigrationUriTest {

  @Test
  void readsTheThreeProtocols() throws Exception {
    assertEquals(new MigrationUri.Tcp("10.0.0.2", 4444), MigrationUri.parse("tcp:10.0.0.2:4444"));
    assertEquals(new MigrationUri.Tcp("::1", 4444), MigrationUri.parse("tcp:[::1]:4444"));
    assertEquals(new MigrationUri.Tcp("0.0.0.0", 4444), MigrationUri.parse("tcp::4444"));
    assertEquals(new MigrationUri.Exec("gzip -c > vm.gz"),
        MigrationUri.parse("exec:gzip -c > vm.gz"));
    assertEquals(new MigrationUri.File(Path.of("/tmp/vm.cvm")),
        MigrationUri.parse("file:/tmp/vm.cvm"));
  }

  @Test
  void printsBackAsWritten() throws Exception {
    for (String uri : new String[] {"tcp:host:1", "tcp:[::1]:2", "exec:cat", "file:/a b"}) {
      assertEquals(uri, MigrationUri.parse(uri).toString());
    }
  }

  @Test
  void refusesMalformedAddressesWithTheFormsThatWork() {
    assertTrue(assertThrows(MigrationTransportException.class,
        () -> MigrationUri.parse("udp:x:1")).getMessage().contains("use tcp:HOST:PORT"));
    assertTrue(assertThrows(MigrationTransportException.class,
        () -> MigrationUri.parse("tcp:host")).getMessage().contains("tcp:HOST:PORT"));
    assertTrue(assertThrows(MigrationTransportException.class,
        () -> MigrationUri.parse("tcp:host:70000")).getMessage().contains("70000"));
    assertTrue(assertThrows(MigrationTransportException.class,
        () -> MigrationUri.parse("tcp:[::1:5")).getMessage().contains("IPV6"));
    assertTrue(assertThrows(MigrationTransportException.class,
        () -> MigrationUri.parse("exec:")).getMessage().contains("command"));
    assertTrue(assertThrows(MigrationTransportException.class,
        () -> MigrationUri.parse("file:")).getMessage().contains("path"));
  }

  @Test
  void aTcpDestinationBindsPortZeroAndSaysWhichPort() throws Exception {
    try (IncomingChannel channel = IncomingChannel.open(MigrationUri.parse("tcp:127.0.0.1:0"))) {
      int port = ((MigrationUri.Tcp) channel.address()).port();
      assertTrue(port > 0);
      MigrationTransportException busy = assertThrows(MigrationTransportException.class,
          () -> IncomingChannel.open(MigrationUri.parse("tcp:127.0.0.1:" + port)));
      assertTrue(busy.getMessage().startsWith("Failed to listen on '127.0.0.1:" + port), busy
          .getMessage());
    }
  }

  @Test
  void aFailingExecCommandFailsTheStreamAtItsEnd() throws Exception {
    OutgoingChannel channel = OutgoingChannel.open(MigrationUri.parse("exec:cat > /dev/null; exit 3"));
    channel.stream().write(new byte[] {1, 2, 3});
    MigrationTransportException e = assertThrows(MigrationTransportException.class,
        channel::close);
    assertTrue(e.getMessage().contains("exit status 3"), e.getMessage());
  }
}
