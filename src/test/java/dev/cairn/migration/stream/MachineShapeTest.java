package dev.cairn.migration.stream;

import static dev.cairn.migration.stream.TestStreams.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineShapeTest {

  @Test
  void encodedShapeDecodesToTheSameShape() throws IOException {
    MachineShape shape = shape();
    assertEquals(
        shape, MachineShape.decode(new DataInputStream(new ByteArrayInputStream(shape.encode()))));
  }

  @Test
  void everyDifferenceIsNamedAndDeviceOrderDoesNotMatter() {
    MachineShape running = shape();
    MachineShape stream =
        new MachineShape(
            "sifive_u",
            running.isa(),
            4,
            running.ramBase(),
            running.ramSize(),
            List.of(
                new MachineShape.Device("hart", 1),
                new MachineShape.Device("hart", 0),
                new MachineShape.Device("uart", 0),
                new MachineShape.Device("uart", 1)));
    assertEquals(
        List.of(
            "stream is for board 'sifive_u'; this VM is 'virt'",
            "stream is for 4 harts; this VM has 2",
            "stream has device uart 1, which this VM lacks",
            "this VM has device plic 0, which the stream lacks"),
        stream.differencesFrom(running));
  }
}
