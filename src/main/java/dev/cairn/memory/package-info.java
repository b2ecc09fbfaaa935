/**
 * Guest physical memory: sparse page-granular RAM ({@link dev.cairn.memory.GuestRam}), the physical
 * bus that routes accesses to RAM or to device windows ({@link dev.cairn.memory.PhysicalBus}), and
 * the dirty log with one bitmap per client ({@link dev.cairn.memory.DirtyLog}).
 *
 * <p>Nothing here knows about the hart, devices or migration; they plug in through small
 * interfaces ({@link dev.cairn.memory.MmioDevice}, {@link dev.cairn.memory.WriteProtectListener}).
 */
package dev.cairn.memory;
