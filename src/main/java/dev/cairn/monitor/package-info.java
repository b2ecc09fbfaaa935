/**
 * The human monitor (HMP): QEMU's command names and output shapes over stdio, TCP and Unix sockets
 * (the QMP server, in {@code monitor.qmp}, shares its target, events and socket servers).
 * Commands are rows of one table ({@link dev.cairn.monitor.StandardCommands}); parsing and {@code
 * help} are derived from it. A command may suspend its monitor session until it completes ({@link
 * dev.cairn.monitor.Outcome.Pending}).
 *
 * <p>Reference: QEMU {@code hmp-commands.hx}, {@code hmp-commands-info.hx}, {@code monitor/hmp.c}.
 */
package dev.cairn.monitor;
