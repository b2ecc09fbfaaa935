package dev.cairn.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A guest for the inspecting commands: 64 KiB of RAM at 0x80000000 filled with a known pattern,
 * registers with recognisable values, and a "virtual" mapping that adds a fixed offset.
 */
final class FakeInspector implements GuestInspector {

  static final long RAM_BASE = 0x8000_0000L;
  static final long VIRTUAL_OFFSET = 0xffff_ffff_0000_0000L;
  final byte[] ram = new byte[64 * 1024];

  FakeInspector() {
    for (int i = 0; i < ram.length; i++) {
      ram[i] = (byte) i;
    }
  }

  @Override
  public HartSnapshot hart() {
    long[] x = new long[32];
    long[] f = new long[32];
    for (int i = 1; i < 32; i++) {
      x[i] = 0x1000L * i;
      f[i] = 0x3ff0_0000_0000_0000L + i;
    }
    Map<String, Long> csrs = new LinkedHashMap<>();
    csrs.put("mhartid", 0L);
    csrs.put("mstatus", 0xa000000a0L);
    csrs.put("satp", 0x8000000000080000L);
    return new HartSnapshot(0x8000_0010L, 1, x, f, csrs, 42);
  }

  @Override
  public List<Region> regions() {
    return List.of(
        new Region("test", 0x100000, 0x1000, "i/o", "riscv.sifive.test", null),
        new Region("virtio-mmio.0", 0x10001000, 0x1000, "i/o", "virtio-mmio", "virtio-rng-device"),
        new Region("virtio-mmio.1", 0x10002000, 0x1000, "i/o", "virtio-mmio", null),
        new Region("ram", RAM_BASE, ram.length, "ram", "riscv_virt_board.ram", null));
  }

  @Override
  public int readPhysical(long address, byte[] dst) {
    long offset = address - RAM_BASE;
    if (offset < 0 || offset >= ram.length) {
      return 0;
    }
    int n = (int) Math.min(dst.length, ram.length - offset);
    System.arraycopy(ram, (int) offset, dst, 0, n);
    return n;
  }

  @Override
  public long translate(HartSnapshot hart, long virtualAddress) throws MonitorException {
    if (Long.compareUnsigned(virtualAddress, VIRTUAL_OFFSET) < 0) {
      throw new MonitorException("not mapped");
    }
    return virtualAddress - VIRTUAL_OFFSET + RAM_BASE;
  }
}
