package dev.cairn.monitor;

import dev.cairn.cpu.Csr;
import dev.cairn.cpu.Hart;
import dev.cairn.hw.virtio.VirtioMmio;
import dev.cairn.machine.Machine;
import dev.cairn.memory.GuestRam;
import dev.cairn.memory.MmioDevice;
import dev.cairn.memory.PhysicalBus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link GuestInspector} over a real {@link Machine}. Registers are read on the vCPU thread at a
 * batch boundary ({@link Machine#post}), so they belong to one instant; RAM is read as it is,
 * which is what QEMU's {@code x} does too.
 */
public final class MachineInspector implements GuestInspector {

  /** The CSRs of QEMU's {@code info registers} for a hart without the H extension, in order. */
  private static final Map<String, Integer> DUMP_CSRS = new LinkedHashMap<>();

  static {
    DUMP_CSRS.put("mhartid", Csr.MHARTID);
    DUMP_CSRS.put("mstatus", Csr.MSTATUS);
    DUMP_CSRS.put("mip", Csr.MIP);
    DUMP_CSRS.put("mie", Csr.MIE);
    DUMP_CSRS.put("mideleg", Csr.MIDELEG);
    DUMP_CSRS.put("medeleg", Csr.MEDELEG);
    DUMP_CSRS.put("mtvec", Csr.MTVEC);
    DUMP_CSRS.put("stvec", Csr.STVEC);
    DUMP_CSRS.put("mepc", Csr.MEPC);
    DUMP_CSRS.put("sepc", Csr.SEPC);
    DUMP_CSRS.put("mcause", Csr.MCAUSE);
    DUMP_CSRS.put("scause", Csr.SCAUSE);
    DUMP_CSRS.put("mtval", Csr.MTVAL);
    DUMP_CSRS.put("stval", Csr.STVAL);
    DUMP_CSRS.put("mscratch", Csr.MSCRATCH);
    DUMP_CSRS.put("sscratch", Csr.SSCRATCH);
    DUMP_CSRS.put("satp", Csr.SATP);
  }

  /** QEMU's type names for Cairn's devices, by class, for {@code info qtree}. */
  private static final Map<String, String> QEMU_TYPES = Map.of(
      "SifiveTest", "riscv.sifive.test",
      "GoldfishRtc", "goldfish_rtc",
      "Clint", "riscv.aclint.swi",
      "Plic", "riscv.sifive.plic",
      "Uart16550", "serial-mm",
      "VirtioMmio", "virtio-mmio");

  private final Machine machine;

  public MachineInspector(Machine machine) {
    this.machine = machine;
  }

  @Override
  public HartSnapshot hart() throws MonitorException {
    CompletableFuture<HartSnapshot> copy = new CompletableFuture<>();
    machine.post(() -> copy.complete(copyHart(machine.hart())));
    try {
      return copy.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new MonitorException("the vCPU did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MonitorException("interrupted");
    }
  }

  private HartSnapshot copyHart(Hart hart) {
    long[] x = new long[32];
    long[] f = new long[32];
    for (int i = 0; i < 32; i++) {
      x[i] = hart.register(i);
      f[i] = hart.fpRegister(i);
    }
    Map<String, Long> csrs = new LinkedHashMap<>();
    DUMP_CSRS.forEach((name, csr) -> csrs.put(name, hart.debugReadCsr(csr)));
    return new HartSnapshot(hart.pc(), hart.privilege(), x, f, csrs, machine.vcpuThreadId());
  }

  @Override
  public List<Region> regions() {
    List<Region> regions = new ArrayList<>();
    for (PhysicalBus.Region r : machine.bus().regions()) {
      MmioDevice device = r.device();
      String child = device instanceof VirtioMmio mmio && mmio.device() != null
          ? kebab(mmio.device().getClass().getSimpleName()) + "-device"
          : null;
      regions.add(new Region(r.name(), r.base(), r.size(), "i/o", typeOf(device), child));
    }
    GuestRam ram = machine.ram();
    regions.add(new Region("ram", ram.base(), ram.size(), "ram", "riscv_virt_board.ram", null));
    regions.sort(Comparator.comparingLong(Region::base));
    return regions;
  }

  private static String typeOf(MmioDevice device) {
    String simple = device.getClass().getSimpleName();
    return QEMU_TYPES.getOrDefault(simple, kebab(simple));
  }

  /** {@code VirtioBlk} to {@code virtio-blk}. */
  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public int readPhysical(long address, byte[] dst) {
    GuestRam ram = machine.ram();
    long available = ram.contains(address) ? ram.end() - address : 0;
    int n = (int) Math.min(dst.length, Math.max(0, available));
    if (n > 0) {
      ram.read(address, dst, 0, n);
    }
    return n;
  }

  @Override
  public long translate(HartSnapshot hart, long virtualAddress) throws MonitorException {
    long satp = hart.privilege() == Hart.PRIV_M ? 0 : hart.csrs().get("satp");
    GuestRam ram = machine.ram();
    long pa = PageWalker.translate(satp, virtualAddress,
        a -> ram.contains(a, 8) ? ram.readLong(a) : 0);
    if (pa == -1) {
      throw new MonitorException(String.format("Cannot access memory at %016x", virtualAddress));
    }
    return pa;
  }
}
