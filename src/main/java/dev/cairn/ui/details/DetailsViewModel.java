package dev.cairn.ui.details;

import dev.cairn.ui.library.DiskDefinition;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.snapshots.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Details tab's state: the selected VM's configuration and devices as label/value rows, and
 * the last minute of guest speed samples (million instructions per second) and of the pages the
 * guest dirtied per second (what a live migration or snapshot has to keep up with).
 */
public final class DetailsViewModel {

  /** Samples kept for the graph: one a second, one minute. */
  static final int HISTORY = 60;

  /** One line of the table: a section ("Machine", "Devices", "Disks") groups rows. */
  public record Row(String section, String label, String value) {}

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ObservableList<Double> mips = FXCollections.observableArrayList();
  private final ObservableList<Double> dirtyPages = FXCollections.observableArrayList();

  /** Shows {@code vm} (null: nothing). {@code snapshotCount} is -1 when unknown. */
  public void show(VmDefinition vm, int snapshotCount) {
    mips.clear();
    dirtyPages.clear();
    if (vm == null) {
      rows.clear();
      return;
    }
    List<Row> next = new ArrayList<>();
    next.add(new Row("Machine", "Name", vm.name()));
    next.add(new Row("Machine", "Board", "riscv64 virt (RV64GC, 1 hart)"));
    next.add(new Row("Machine", "Memory", vm.memoryMiB() + " MiB"));
    next.add(new Row("Machine", "Template", vm.template().equals(VmDefinition.TEMPLATE_DEBIAN)
        ? "Debian trixie riscv64" : "Custom files"));
    next.add(new Row("Machine", "Created", DATE.format(Instant.ofEpochMilli(vm.createdMillis()))));
    next.add(new Row("Boot", "Firmware", vm.firmware() == null ? "none" : vm.firmware()));
    next.add(new Row("Boot", "Kernel", vm.kernel()));
    next.add(new Row("Boot", "Initrd", vm.initrd() == null ? "none" : vm.initrd()));
    next.add(new Row("Boot", "Command line", vm.append().isEmpty() ? "(empty)" : vm.append()));
    next.add(new Row("Devices", "Serial", "16550A UART at 0x10000000 (ttyS0)"));
    next.add(new Row("Devices", "Interrupts", "CLINT, PLIC"));
    next.add(new Row("Devices", "Clock", "goldfish RTC, 10 MHz timebase"));
    next.add(new Row("Devices", "Random", "virtio-rng"));
    if (vm.display()) {
      next.add(new Row("Devices", "Display", "virtio-gpu 1024x768, virtio keyboard, virtio tablet"));
    }
    int slot = 0;
    for (DiskDefinition disk : vm.disks()) {
      next.add(new Row("Disks", "vd" + (char) ('a' + slot++), describe(disk)));
    }
    if (vm.disks().isEmpty()) {
      next.add(new Row("Disks", "Disks", "none (the guest runs from its initramfs)"));
    }
    next.add(new Row("Snapshots", "Count", snapshotCount < 0 ? "—" : String.valueOf(snapshotCount)));
    rows.setAll(next);
  }

  private static String describe(DiskDefinition disk) {
    String size;
    try {
      size = Sizes.bytes(Files.size(Path.of(disk.path())));
    } catch (IOException e) {
      size = "missing";
    }
    return disk.path() + " — " + disk.format() + ", " + size
        + (disk.readOnly() ? ", read-only" : "");
  }

  /** Adds a speed sample (instructions per second; negative: VM not running, shown as 0). */
  public void addSample(double ips) {
    mips.add(Math.max(0, ips) / 1e6);
    if (mips.size() > HISTORY) {
      mips.remove(0, mips.size() - HISTORY);
    }
  }

  /**
   * Adds a dirty-page-rate sample (pages per second). A negative sample, the first after logging
   * starts, has no interval behind it and is not shown.
   */
  public void addDirtySample(double pagesPerSecond) {
    if (pagesPerSecond < 0) {
      return;
    }
    dirtyPages.add(pagesPerSecond);
    if (dirtyPages.size() > HISTORY) {
      dirtyPages.remove(0, dirtyPages.size() - HISTORY);
    }
  }

  /** Guest pages dirtied per second, oldest first, at most {@link #HISTORY}. */
  public ObservableList<Double> dirtyPages() {
    return dirtyPages;
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  /** Million instructions per second, oldest first, at most {@link #HISTORY}. */
  public ObservableList<Double> mips() {
    return mips;
  }
}
