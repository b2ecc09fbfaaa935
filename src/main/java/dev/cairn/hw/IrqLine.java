package dev.cairn.hw;

/** An interrupt wire from a device to the PLIC; level-triggered. Called on the vCPU thread. */
@FunctionalInterface
public interface IrqLine {

  void set(boolean level);

  IrqLine NONE = level -> {};
}
