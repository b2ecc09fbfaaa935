/**
 * QMP, QEMU's JSON machine protocol, so that tools written for QEMU can drive Cairn: the greeting
 * and capability negotiation, {@code execute}/{@code return}/{@code error} with QEMU's error
 * classes and messages, events with timestamps, and background jobs. Commands are rows of a
 * {@link dev.cairn.monitor.qmp.QmpCommandTable}; one {@code register} call adds a command.
 *
 * <p>Reference: QEMU {@code docs/interop/qmp-spec.rst}, {@code monitor/qmp.c}, {@code
 * qapi/qmp-dispatch.c}.
 */
package dev.cairn.monitor.qmp;
