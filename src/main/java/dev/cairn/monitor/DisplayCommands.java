package dev.cairn.monitor;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.input.QemuKeyNames;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The display and input commands: {@code screendump} and {@code sendkey}.
 *
 * <p>Reference: QEMU {@code hmp-commands.hx} (screendump, sendkey) and {@code qapi/ui.json}.
 */
public final class DisplayCommands {

  /** QEMU's default time between pressing and releasing the keys of one sendkey. */
  static final int DEFAULT_HOLD_MS = 100;
  private static final int MAX_HOLD_MS = 10_000;

  private DisplayCommands() {}

  /** {@code screendump filename}: the screen as PNG (or PPM, QEMU's format, for *.ppm). */
  public static final MonitorCommand SCREENDUMP =
      MonitorCommand.of(
          "screendump",
          List.of(),
          "filename",
          "save screen into PNG image 'filename' (PPM if it ends in .ppm)",
          DisplayCommands::screendump);

  /** {@code sendkey keys [hold-time]}: one key combination, QEMU's key names. */
  public static final MonitorCommand SENDKEY =
      MonitorCommand.of(
          "sendkey",
          List.of(),
          "keys [hold-time]",
          "send keys to the VM (e.g. 'sendkey ctrl-alt-f1'), hold-time in ms (default 100)",
          DisplayCommands::sendkey);

  private static Outcome screendump(Invocation call) throws MonitorException {
    DisplaySurface surface = call.target().display().orElseThrow(
        () -> new MonitorException("There is no QemuConsole I can screendump from."));
    DisplaySurface.Snapshot shot = surface.snapshot();
    if (shot.width() == 0 || shot.height() == 0) {
      throw new MonitorException("the display is blank: the guest has not set a mode yet");
    }
    Path file = Path.of(call.arg("filename"));
    write(shot, file);
    return Outcome.DONE;
  }

  /** Writes through a temporary file and a rename, so a failed dump leaves no half image. */
  static void write(DisplaySurface.Snapshot shot, Path file) throws MonitorException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, ".screendump", ".part");
      if (file.toString().endsWith(".ppm")) {
        Files.write(temp, ppm(shot));
      } else {
        BufferedImage image =
            new BufferedImage(shot.width(), shot.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, shot.width(), shot.height(), shot.pixels(), 0, shot.width());
        if (!ImageIO.write(image, "png", temp.toFile())) {
          throw new IOException("no PNG writer in this Java runtime");
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new MonitorException("could not write '" + file + "': " + e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort: the temporary file is hidden and marked .part
        }
      }
    }
  }

  /** Binary PPM (P6), QEMU's own screendump format. */
  private static byte[] ppm(DisplaySurface.Snapshot shot) {
    byte[] header = ("P6\n" + shot.width() + " " + shot.height() + "\n255\n").getBytes();
    byte[] out = new byte[header.length + 3 * shot.pixels().length];
    System.arraycopy(header, 0, out, 0, header.length);
    int at = header.length;
    for (int p : shot.pixels()) {
      out[at++] = (byte) (p >> 16);
      out[at++] = (byte) (p >> 8);
      out[at++] = (byte) p;
    }
    return out;
  }

  /**
   * Presses the keys of one combination in order, holds them, and releases them in reverse, as
   * QEMU does. Nothing is pressed if any key name is unknown.
   */
  private static Outcome sendkey(Invocation call) throws MonitorException {
    List<Integer> codes;
    try {
      codes = QemuKeyNames.parseCombo(call.arg("keys"));
    } catch (IllegalArgumentException e) {
      throw new MonitorException(e.getMessage());
    }
    int hold = DEFAULT_HOLD_MS;
    String holdText = call.arg("hold-time");
    if (holdText != null) {
      try {
        hold = Integer.parseInt(holdText);
      } catch (NumberFormatException e) {
        hold = -1;
      }
      if (hold < 0 || hold > MAX_HOLD_MS) {
        throw new MonitorException("invalid parameter: hold-time must be 0 to " + MAX_HOLD_MS
            + " ms, not '" + holdText + "'");
      }
    }
    InputEvents input = call.target().input();
    for (int code : codes) {
      input.key(code, true);
    }
    try {
      Thread.sleep(hold);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int i = codes.size() - 1; i >= 0; i--) {
      input.key(codes.get(i), false);
    }
    return Outcome.DONE;
  }
}
