package dev.cairn.guest;

import java.nio.file.Path;

/**
 * The three files that boot the Debian guest.
 *
 * @param kernel the plain RISC-V Linux Image (load at RAM base + 2 MiB)
 * @param firmware OpenSBI's fw_dynamic.bin (load at RAM base)
 * @param initrd the gzip-compressed newc initramfs
 * @param kernelVersion the kernel release, e.g. 6.12.117+deb13-riscv64
 */
public record GuestImages(Path kernel, Path firmware, Path initrd, String kernelVersion) {}
