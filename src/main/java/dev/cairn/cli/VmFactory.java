package dev.cairn.cli;

import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.machine.MachineConfigException;

/** Builds the VM for a configuration; replaced by a fake in tests. */
@FunctionalInterface
interface VmFactory {

  Vm create(MachineConfig config) throws MachineConfigException;

  /** The real board. */
  VmFactory MACHINE = config -> new MachineVm(Machine.create(config));
}
