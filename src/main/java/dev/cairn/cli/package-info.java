/**
 * The command-line entry: {@code cairn run} with QEMU's flags, {@code cairn images fetch}, {@code
 * cairn gui}. Parsing QEMU's syntax is table-driven ({@link dev.cairn.cli.QemuOptions}); running
 * wires a VM to stdio, the monitors and the terminal ({@link dev.cairn.cli.VmRunner}).
 */
package dev.cairn.cli;
