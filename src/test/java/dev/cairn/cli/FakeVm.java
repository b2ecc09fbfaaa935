package dev.cairn.cli;

import dev.cairn.hw.chr.CharSink;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.RunState;
import dev.cairn.migration.snapshot.SnapshotInfo;
import dev.cairn.monitor.MonitorException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A VM stand-in: keeps a run state, collects serial input, ends when asked to quit. */
final class FakeVm implements Vm {

  final MachineConfig config;
  final ByteArrayOutputStream serialIn = new ByteArrayOutputStream();
  final CountDownLatch ended = new CountDownLatch(1);
  volatile RunState state = RunState.PRELAUNCH;
  volatile CharSink sink = CharSink.DISCARD;
  volatile boolean closed;
  volatile Path snapshotDir;

  FakeVm(MachineConfig config) {
    this.config = config;
  }

  @Override
  public RunState runState() {
    return state;
  }

  @Override
  public void stop() {
    state = RunState.PAUSED;
  }

  @Override
  public void cont() {
    state = RunState.RUNNING;
  }

  @Override
  public void reset() {}

  @Override
  public void setSnapshotDirectory(Path dir) {
    snapshotDir = dir;
  }

  @Override
  public void savevm(String tag) throws MonitorException {
    throw new MonitorException("the fake VM has no snapshots");
  }

  @Override
  public void loadvm(String tag) throws MonitorException {
    throw new MonitorException("the fake VM has no snapshots");
  }

  @Override
  public void delvm(String tag) {}

  @Override
  public List<SnapshotInfo> snapshots() {
    return List.of();
  }

  @Override
  public void powerDown() {
    quit();
  }

  @Override
  public void quit() {
    state = RunState.SHUTDOWN;
    ended.countDown();
  }

  @Override
  public void setSerialSink(CharSink sink) {
    this.sink = sink;
  }

  @Override
  public synchronized void sendSerialInput(byte[] data) {
    serialIn.writeBytes(data);
  }

  synchronized String serialInput() {
    return serialIn.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Plays the guest: prints on the UART. */
  void guestPrints(String text) {
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      sink.write(b);
    }
    sink.flush();
  }

  @Override
  public void start() {
    state = RunState.RUNNING;
    guestPrints("OpenSBI v1.5\r\n");
  }

  @Override
  public int awaitShutdown() throws InterruptedException {
    ended.await();
    return 0;
  }

  @Override
  public void close() {
    closed = true;
  }
}
