package dev.cairn.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The world a command runs in: standard streams, whether stdin is a terminal, and how VMs and
 * firmware are found. Tests pass their own, so {@link Main} runs in-process without a real VM.
 */
record CliContext(
    InputStream in,
    PrintStream out,
    PrintStream err,
    boolean interactive,
    VmFactory vms,
    FirmwareLocator firmware) {

  /** The process's own streams and the real machine. */
  static CliContext system() {
    return new CliContext(
        System.in,
        new PrintStream(new FileOutputStream(FileDescriptor.out), false),
        System.err,
        System.console() != null,
        VmFactory.MACHINE,
        new FirmwareLocator(FirmwareLocator.DEBIAN_PATHS));
  }
}
