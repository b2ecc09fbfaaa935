package dev.cairn.hw.virtio;

import dev.cairn.hw.IrqLine;

/** An interrupt line that remembers its level and how often it rose. */
final class RecordingIrq implements IrqLine {
  boolean level;
  int rises;

  @Override
  public void set(boolean level) {
    if (level && !this.level) {
      rises++;
    }
    this.level = level;
  }
}
