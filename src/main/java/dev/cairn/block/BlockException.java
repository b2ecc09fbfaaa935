package dev.cairn.block;

import java.io.IOException;

/**
 * A disk image could not be opened, read, written or flushed.
 *
 * <p>Checked on purpose: every caller (the virtio-blk request loop, image tools) has to choose what
 * an I/O failure means for it. It extends {@link IOException} so code that already handles I/O
 * errors can treat it like one. The message always names the image file.
 */
public class BlockException extends IOException {

  public BlockException(String message) {
    super(message);
  }

  public BlockException(String message, Throwable cause) {
    super(message, cause);
  }
}
