package dev.cairn.hw.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the real device-tree compiler on a blob; fails (never skips) if dtc is not installed. */
final class Dtc {

  /** dtc's output and warnings. */
  record Result(String dts, String warnings) {}

  private Dtc() {}

  static Path executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "dtc");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path usual = Path.of("/usr/bin/dtc");
    if (Files.isExecutable(usual)) {
      return usual;
    }
    return fail(
        "the device-tree compiler `dtc` is not installed (looked in PATH and /usr/bin);"
            + " install it (Debian: apt-get install device-tree-compiler) to check the DTB");
  }

  static Result decompile(byte[] blob) throws IOException, InterruptedException {
    Path dtb = Files.createTempFile("cairn-test", ".dtb");
    Path err = Files.createTempFile("cairn-test", ".err");
    try {
      Files.write(dtb, blob);
      Process process =
          new ProcessBuilder(executable().toString(), "-I", "dtb", "-O", "dts", "-o", "-",
                  dtb.toString())
              .redirectError(err.toFile())
              .start();
      String dts = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("dtc did not finish");
      }
      String warnings = Files.readString(err);
      assertEquals(0, process.exitValue(), "dtc rejected the blob: " + warnings);
      return new Result(dts, warnings);
    } finally {
      Files.deleteIfExists(dtb);
      Files.deleteIfExists(err);
    }
  }
}
