package dev.cairn.monitor;

import java.util.List;
import java.util.Map;

/**
 * Read-only looks into a VM for {@code info registers|cpus|mtree|qtree} and {@code x}/{@code xp}.
 *
 * <p>Separate from {@link MonitorTarget} so the commands can be tested against a fake and a VM
 * without a machine behind it (a GUI placeholder) simply has none. Implementations are
 * thread-safe; what they return is a copy taken at one instant.
 */
public interface GuestInspector {

  /**
   * The hart's registers at a batch boundary.
   *
   * @param pc the program counter
   * @param privilege 0 (U), 1 (S) or 3 (M)
   * @param x the 32 integer registers
   * @param f the 32 floating-point registers (raw bits)
   * @param csrs the control registers QEMU's {@code info registers} lists, in its order
   * @param threadId the host thread that runs this hart, -1 if none yet
   */
  record HartSnapshot(
      long pc, int privilege, long[] x, long[] f, Map<String, Long> csrs, long threadId) {}

  /**
   * One window of the physical address space.
   *
   * @param name the bus name ({@code serial}, {@code virtio-mmio.7}, {@code ram})
   * @param kind {@code ram} or {@code i/o}, as {@code info mtree} prints it
   * @param type the device's QEMU type name ({@code serial-mm}); for RAM the board's
   * @param child the type of the device behind a transport (virtio), or null
   */
  record Region(String name, long base, long size, String kind, String type, String child) {}

  HartSnapshot hart() throws MonitorException;

  /** The address space in address order, RAM included. */
  List<Region> regions();

  /**
   * Copies guest-physical memory; stops at the first byte that is not RAM.
   *
   * @return how many bytes were copied
   */
  int readPhysical(long address, byte[] dst);

  /**
   * Translates a virtual address as the hart would for a load in the state {@code hart} shows
   * (its privilege and satp), without touching accessed/dirty bits. Taking the state as an
   * argument keeps a whole dump on one instant's mapping.
   *
   * @throws MonitorException when the address is not mapped
   */
  long translate(HartSnapshot hart, long virtualAddress) throws MonitorException;
}
