package dev.cairn.hw.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.hw.misc.SifiveTest.Kind;
import dev.cairn.hw.misc.SifiveTest.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SifiveTestTest {

  private final List<Request> requests = new ArrayList<>();
  private final SifiveTest device = new SifiveTest(requests::add);

  @Test
  void passCodeMeansPowerOffWithStatusZero() {
    device.write(0, 4, 0x5555);
    assertEquals(List.of(new Request(Kind.POWEROFF, 0)), requests);
  }

  @Test
  void failCodeCarriesTheExitStatusInTheHighHalf() {
    device.write(0, 4, (42 << 16) | 0x3333);
    assertEquals(List.of(new Request(Kind.FAIL, 42)), requests);
  }

  @Test
  void resetCodeRequestsAReset() {
    device.write(0, 4, 0x7777);
    assertEquals(List.of(new Request(Kind.RESET, 0)), requests);
  }

  @Test
  void otherValuesAndOffsetsDoNothing() {
    device.write(0, 4, 0x1234);
    device.write(4, 4, 0x5555);
    device.write(0, 1, 0x55);
    assertTrue(requests.isEmpty());
    assertEquals(0, device.read(0, 4));
  }
}
