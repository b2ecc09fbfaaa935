package dev.cairn.migration.live;

import dev.cairn.memory.GuestRam;
import dev.cairn.migration.VmStateStream;
import dev.cairn.migration.ram.RamSaver;
import dev.cairn.migration.stream.StreamWriter;
import java.io.IOException;

/** Guest RAM as a {@link LiveSection}. */
final class RamLiveSection implements LiveSection {

  private final RamSaver saver;

  RamLiveSection(RamSaver saver) {
    this.saver = saver;
  }

  @Override
  public String name() {
    return "ram";
  }

  @Override
  public int instance() {
    return 0;
  }

  @Override
  public int version() {
    return VmStateStream.RAM_VERSION;
  }

  @Override
  public byte[] setup() {
    return saver.setup();
  }

  @Override
  public byte[] nextChunk(int maxBytes) {
    return saver.nextChunk(maxBytes);
  }

  @Override
  public int writeNextChunk(StreamWriter writer, int id, int maxBytes) throws IOException {
    int length = saver.fillChunk(maxBytes);
    if (length > 0) {
      writer.partSection(id, saver.chunkBuffer(), length);
    }
    return length;
  }

  @Override
  public long syncDirty() {
    return saver.syncDirty();
  }

  @Override
  public long pendingBytes() {
    return saver.pendingPages() * GuestRam.PAGE_SIZE;
  }

  @Override
  public void finish() {
    saver.finish();
  }
}
