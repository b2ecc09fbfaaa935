package dev.cairn.bench;

import dev.cairn.guest.CancelToken;
import dev.cairn.guest.DebianRecipe;
import dev.cairn.guest.GuestImages;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the guest spends its time during the Debian boot: samples the hart's pc from another
 * thread while the default VM boots to its shell prompt, then reads the kernel's own symbol table
 * ({@code /proc/kallsyms}) over the serial console and prints the hottest kernel functions and
 * the share of firmware (M-mode) and user time. A benchmark tool, not a test:
 *
 * <pre>
 * mvn -q -B -o test-compile
 * java -cp "target/classes:target/test-classes:target/lib/*" dev.cairn.bench.GuestProfile
 * </pre>
 */
public final class GuestProfile {

  private GuestProfile() {}

  public static void main(String[] args) throws Exception {
    GuestImages images = DebianRecipe.create().build((phase, done, total) -> {}, CancelToken.none());
    MachineConfig config = new MachineConfig(512L << 20, images.firmware(), images.kernel(),
        images.initrd(), "console=ttyS0", List.of(), false, false);
    StringBuffer out = new StringBuffer();
    Machine machine = Machine.create(config);
    machine.setSerialSink(b -> out.append((char) (b & 0xff)));
    Map<Long, Integer> samples = new HashMap<>();
    int[] byPrivilege = new int[4];
    int[] idle = new int[1];
    machine.start();
    long start = System.nanoTime();
    while (out.indexOf("~ # ") < 0) {
      Thread.sleep(0, 200_000);
      if (machine.hart().isWaitingForInterrupt()) {
        idle[0]++;
        continue;
      }
      long pc = machine.hart().pc();
      byPrivilege[machine.hart().privilege()]++;
      samples.merge(pc, 1, Integer::sum);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int mark = out.length();
    machine.sendSerialInput("cat /proc/kallsyms; echo KALLSYMS-\"END\"\n".getBytes());
    while (out.indexOf("KALLSYMS-END\r\n", mark) < 0) {
      Thread.sleep(100);
    }
    machine.powerOff();

    TreeMap<Long, String> symbols = new TreeMap<>();
    for (String line : out.substring(mark).split("\r?\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[0].matches("[0-9a-f]{16}") && "tTwW".contains(f[1])) {
        symbols.put(Long.parseUnsignedLong(f[0], 16), f[2]);
      }
    }
    System.out.printf("%d kernel text symbols read%n", symbols.size());
    if (System.getenv("GUEST_PROFILE_DUMP") != null) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("GUEST_PROFILE_DUMP")),
          out.substring(mark));
    }
    Map<String, Integer> byFunction = new HashMap<>();
    int total = 0;
    for (Map.Entry<Long, Integer> e : samples.entrySet()) {
      var floor = symbols.floorEntry(e.getKey());
      String name = e.getKey() >= 0 ? "(M-mode firmware or user)"
          : floor == null ? "(unknown)" : floor.getValue();
      byFunction.merge(name, e.getValue(), Integer::sum);
      total += e.getValue();
    }
    System.out.printf("boot to prompt %.1f s; %d busy samples, %d idle (WFI) samples;"
        + " busy by privilege: U %d, S %d, M %d%n", seconds, total, idle[0], byPrivilege[0],
        byPrivilege[1], byPrivilege[3]);
    List<Map.Entry<String, Integer>> top = new ArrayList<>(byFunction.entrySet());
    top.sort((a, b) -> b.getValue() - a.getValue());
    for (int i = 0; i < Math.min(25, top.size()); i++) {
      System.out.printf("%5.1f%%  %s%n", 100.0 * top.get(i).getValue() / total, top.get(i).getKey());
    }
  }
}
