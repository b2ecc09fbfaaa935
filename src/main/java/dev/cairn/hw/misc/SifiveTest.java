package dev.cairn.hw.misc;

import dev.cairn.memory.MmioDevice;
import java.util.function.Consumer;

/**
 * The SiFive test finisher ("sifive,test0", also the syscon behind syscon-poweroff and
 * syscon-reboot): one 32-bit register at offset 0 whose low 16 bits pick an action.
 *
 * <p>Reference: QEMU {@code hw/misc/sifive_test.c} and {@code include/hw/misc/sifive_test.h}
 * (FINISHER_FAIL 0x3333, FINISHER_PASS 0x5555, FINISHER_RESET 0x7777); the poweroff/reboot nodes
 * in {@code shared/reference/qemu-virt-512M.dts}.
 */
public final class SifiveTest implements MmioDevice {

  public static final int FINISHER_FAIL = 0x3333;
  public static final int FINISHER_PASS = 0x5555;
  public static final int FINISHER_RESET = 0x7777;

  /** What the guest asked for. */
  public enum Kind {
    POWEROFF,
    FAIL,
    RESET
  }

  /** A request from the guest; {@code exitCode} is 0 for POWEROFF and RESET. */
  public record Request(Kind kind, int exitCode) {}

  private final Consumer<Request> handler;

  public SifiveTest(Consumer<Request> handler) {
    this.handler = handler;
  }

  @Override
  public long read(long offset, int size) {
    return 0;
  }

  @Override
  public void write(long offset, int size, long value) {
    // Only the finisher register at offset 0; byte writes cannot hold a command and are ignored.
    if (offset != 0 || size < 2) {
      return;
    }
    int status = (int) value & 0xFFFF;
    int code = (int) (value >>> 16) & 0xFFFF;
    switch (status) {
      case FINISHER_PASS:
        handler.accept(new Request(Kind.POWEROFF, 0));
        break;
      case FINISHER_FAIL:
        handler.accept(new Request(Kind.FAIL, code));
        break;
      case FINISHER_RESET:
        handler.accept(new Request(Kind.RESET, 0));
        break;
      default:
        break;
    }
  }
}
