package dev.cairn.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The guest-physical address space: RAM plus device windows.
 *
 * <p>Regions are half-open {@code [base, base + size)} and may not overlap. The hart uses RAM pages
 * directly through its TLB and comes here only for device accesses and first touches.
 */
public final class PhysicalBus {

  /** A device window on the bus. */
  public record Region(String name, long base, long size, MmioDevice device) {
    public boolean contains(long paddr) {
      return paddr - base >= 0 && paddr - base < size;
    }
  }

  private final GuestRam ram;
  private final List<Region> regions = new ArrayList<>();
  private Region[] lookup = new Region[0];

  public PhysicalBus(GuestRam ram) {
    this.ram = ram;
  }

  public GuestRam ram() {
    return ram;
  }

  /** Maps a device window; throws if it overlaps RAM or another window. */
  public void map(String name, long base, long size, MmioDevice device) {
    Region region = new Region(name, base, size, device);
    if (overlaps(base, size, ram.base(), ram.size())) {
      throw new IllegalArgumentException(name + " overlaps RAM");
    }
    for (Region other : regions) {
      if (overlaps(base, size, other.base(), other.size())) {
        throw new IllegalArgumentException(name + " overlaps " + other.name());
      }
    }
    regions.add(region);
    lookup = regions.toArray(new Region[0]);
  }

  private static boolean overlaps(long aBase, long aSize, long bBase, long bSize) {
    return aBase < bBase + bSize && bBase < aBase + aSize;
  }

  public List<Region> regions() {
    return List.copyOf(regions);
  }

  /** Returns the device window holding {@code paddr}, or null (RAM or unmapped). */
  public Region regionAt(long paddr) {
    for (Region region : lookup) {
      if (region.contains(paddr)) {
        return region;
      }
    }
    return null;
  }
}
