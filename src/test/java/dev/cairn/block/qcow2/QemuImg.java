package dev.cairn.block.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs Debian's {@code qemu-img} / {@code qemu-io}, the oracle for qcow2 images. */
public final class QemuImg {

  private QemuImg() {}

  /** Output (stdout and stderr together) and exit status of a command. */
  public record Run(int status, String output) {}

  public static Run exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  /** Runs a command that must succeed; returns its output. */
  public static String ok(String... command) throws IOException, InterruptedException {
    Run r = exec(command);
    assertEquals(0, r.status(), String.join(" ", command) + " failed:\n" + r.output());
    return r.output();
  }

  /** {@code qemu-img check}: must find no errors and no leaks. */
  public static String checkClean(Path image) throws IOException, InterruptedException {
    Run r = exec("qemu-img", "check", image.toString());
    assertEquals(0, r.status(), "qemu-img check " + image + ":\n" + r.output());
    return r.output();
  }

  /** Converts {@code image} to a raw file and returns it. */
  public static Path toRaw(Path image, Path raw) throws IOException, InterruptedException {
    ok("qemu-img", "convert", "-O", "raw", image.toString(), raw.toString());
    return raw;
  }

  /** {@code qemu-io -c CMD ... IMAGE}. */
  public static String io(Path image, String... commands)
      throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of("qemu-io", "-f", "qcow2"));
    for (String cmd : commands) {
      c.add("-c");
      c.add(cmd);
    }
    c.add(image.toString());
    return ok(c.toArray(String[]::new));
  }
}
