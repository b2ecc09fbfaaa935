package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.machine.DisplayDevices;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayFlagsTest {

  private static RunSpec parse(String... args) throws CliException {
    return QemuArgs.parse(List.of(args));
  }

  private static String rejection(String... args) {
    return assertThrows(CliException.class, () -> parse(args)).getMessage();
  }

  @Test
  void theThreeDevicesAndDisplayNoneAreAccepted() throws Exception {
    RunSpec spec = parse("-device", "virtio-gpu-device", "-device", "virtio-keyboard-device",
        "-device", "virtio-tablet-device", "-display", "none");
    assertEquals(DisplayDevices.DESKTOP, spec.display);
    assertEquals(DisplayDevices.NONE, parse().display);
  }

  @Test
  void theGpuTakesQemusXresAndYres() throws Exception {
    DisplayDevices d = parse("-device", "virtio-gpu-device,xres=1280,yres=800").display;
    assertTrue(d.gpu());
    assertEquals(1280, d.width());
    assertEquals(800, d.height());
    assertFalse(d.keyboard());
  }

  @Test
  void badDisplayFlagsAreRefusedWithTheReason() {
    assertTrue(rejection("-device", "virtio-gpu-device,xres=wide").contains("xres"));
    assertTrue(rejection("-device", "virtio-gpu-device,xres=9000").contains("9000"));
    assertTrue(rejection("-device", "virtio-gpu-device,virgl=on").contains("virgl"));
    assertTrue(rejection("-device", "virtio-keyboard-device", "-device",
        "virtio-keyboard-device").contains("at most one"));
    assertTrue(rejection("-display", "gtk").contains("gtk"));
    assertTrue(rejection("-device", "virtio-mouse-device").contains("virtio-gpu-device"));
  }
}
