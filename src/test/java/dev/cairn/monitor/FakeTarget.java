package dev.cairn.monitor;

import dev.cairn.machine.RunState;
import java.util.ArrayList;
import java.util.List;

/** A VM stand-in that only keeps a run state and a log of what it was asked. */
final class FakeTarget implements MonitorTarget {

  volatile RunState state = RunState.RUNNING;
  final List<String> calls = new ArrayList<>();

  @Override
  public RunState runState() {
    return state;
  }

  @Override
  public synchronized void stop() {
    calls.add("stop");
    state = RunState.PAUSED;
  }

  @Override
  public synchronized void cont() {
    calls.add("cont");
    state = RunState.RUNNING;
  }

  @Override
  public synchronized void reset() {
    calls.add("reset");
  }

  @Override
  public synchronized void powerDown() {
    calls.add("powerdown");
    state = RunState.SHUTDOWN;
  }

  @Override
  public synchronized void quit() {
    calls.add("quit");
    state = RunState.SHUTDOWN;
  }
}
