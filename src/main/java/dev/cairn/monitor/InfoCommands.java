package dev.cairn.monitor;

import dev.cairn.monitor.GuestInspector.HartSnapshot;
import dev.cairn.monitor.GuestInspector.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code info} rows that look into the machine: registers, cpus, mtree, qtree and the
 * migration capabilities, each printed in QEMU 7.2's shape.
 *
 * <p>Reference: QEMU {@code target/riscv/cpu.c} ({@code riscv_cpu_dump_state}), {@code
 * softmmu/memory.c} ({@code mtree_info}), {@code softmmu/qdev-monitor.c} ({@code hmp_info_qtree}),
 * {@code monitor/hmp-cmds.c}; sample outputs in {@code shared/reference/qemu-hmp-samples.txt}.
 */
final class InfoCommands {

  /** ABI names after the {@code xN/} prefix, as QEMU's {@code riscv_int_regnames}. */
  static final String[] INT_NAMES = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6"
  };

  static final String[] FP_NAMES = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
    "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
    "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"
  };

  private InfoCommands() {}

  static Outcome registers(Invocation call) throws MonitorException {
    call.out().append(formatRegisters(call.target().inspector().hart()));
    return Outcome.DONE;
  }

  static String formatRegisters(HartSnapshot hart) {
    StringBuilder out = new StringBuilder("\nCPU#0\n");
    out.append(String.format(" %s %016x\n", "pc      ", hart.pc()));
    for (Map.Entry<String, Long> csr : hart.csrs().entrySet()) {
      out.append(String.format(" %-8s %016x\n", csr.getKey(), csr.getValue()));
    }
    appendFile(out, "x", INT_NAMES, hart.x());
    appendFile(out, "f", FP_NAMES, hart.f());
    return out.toString();
  }

  private static void appendFile(StringBuilder out, String prefix, String[] names, long[] values) {
    for (int i = 0; i < 32; i++) {
      out.append(String.format(" %-8s %016x", prefix + i + "/" + names[i], values[i]));
      if ((i & 3) == 3) {
        out.append('\n');
      }
    }
  }

  /** The value of a register for {@code $name} in address expressions; null if unknown. */
  static Long register(HartSnapshot hart, String name) {
    if (name.equals("pc")) {
      return hart.pc();
    }
    for (int i = 0; i < 32; i++) {
      if (name.equals("x" + i) || name.equals(INT_NAMES[i])) {
        return hart.x()[i];
      }
    }
    if (name.equals("fp")) {
      return hart.x()[8];
    }
    return hart.csrs().get(name);
  }

  static Outcome cpus(Invocation call) throws MonitorException {
    HartSnapshot hart = call.target().inspector().hart();
    call.out().append(String.format("* CPU #0: thread_id=%d\n", hart.threadId()));
    return Outcome.DONE;
  }

  static Outcome mtree(Invocation call) throws MonitorException {
    List<Region> regions = call.target().inspector().regions();
    StringBuilder tree = new StringBuilder();
    tree.append("  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n");
    for (Region r : regions) {
      tree.append(String.format("    %016x-%016x (prio 0, %s): %s\n",
          r.base(), r.base() + r.size() - 1, r.kind(), r.name()));
    }
    call.out().append("address-space: cpu-memory-0\naddress-space: memory\n").append(tree);
    call.out().append("\nmemory-region: system\n").append(tree).append('\n');
    return Outcome.DONE;
  }

  static Outcome qtree(Invocation call) throws MonitorException {
    StringBuilder out = call.out();
    out.append("bus: main-system-bus\n  type System\n");
    int virtioBus = 0;
    for (Region r : call.target().inspector().regions()) {
      if (r.kind().equals("ram")) {
        continue;
      }
      out.append("  dev: ").append(r.type()).append(", id \"\"\n");
      out.append(String.format("    mmio %016x/%016x\n", r.base(), r.size()));
      if (r.type().equals("virtio-mmio")) {
        out.append("    bus: virtio-mmio-bus.").append(virtioBus++).append('\n');
        out.append("      type virtio-mmio-bus\n");
        if (r.child() != null) {
          out.append("      dev: ").append(r.child()).append(", id \"\"\n");
        }
      }
    }
    return Outcome.DONE;
  }

  /**
   * QEMU's whole list in its order; the ones Cairn implements show the migration controller's
   * state, the rest are off (as they are in a QEMU that does not use them).
   */
  static Outcome migrateCapabilities(Invocation call) {
    Map<String, Boolean> capabilities = new LinkedHashMap<>(MigrationCapabilities.allOff());
    try {
      capabilities.putAll(call.target().migration().capabilities().values());
    } catch (MonitorException noMigration) {
      // a VM that cannot migrate: everything off
    }
    capabilities.forEach((name, on) ->
        call.out().append(name).append(": ").append(on ? "on" : "off").append('\n'));
    return Outcome.DONE;
  }
}
