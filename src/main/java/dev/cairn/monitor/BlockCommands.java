package dev.cairn.monitor;

import java.util.List;

/**
 * {@code info block}: the VM's drives, in QEMU's shape. Reference: QEMU {@code block/qapi.c}
 * ({@code print_block_info}) and {@code shared/reference/qemu-hmp-samples.txt}.
 */
final class BlockCommands {

  static final MonitorCommand INFO_BLOCK = MonitorCommand.of(
      "block", List.of(), "", "show the block devices", BlockCommands::infoBlock);

  private BlockCommands() {}

  private static Outcome infoBlock(Invocation call) throws MonitorException {
    call.out().append(format(call.target().blockInfo()));
    return Outcome.DONE;
  }

  /** Lines ending in {@code \n}; drives separated by an empty line, as QEMU prints them. */
  static String format(List<BlockInfo> drives) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < drives.size(); i++) {
      BlockInfo d = drives.get(i);
      if (i > 0) {
        out.append('\n');
      }
      out.append(d.id()).append(" (#block").append(i).append("): ").append(d.file())
          .append(" (").append(d.format()).append(d.readOnly() ? ", read-only" : "")
          .append(")\n");
      out.append("    Attached to:      /machine/peripheral-anon/device[").append(d.slot())
          .append("]/virtio-backend\n");
      out.append("    Cache mode:       writeback\n");
      if (d.backingFile() != null) {
        out.append("    Backing file:     ").append(d.backingFile())
            .append(" (chain depth: 1)\n");
      }
    }
    return out.toString();
  }
}
