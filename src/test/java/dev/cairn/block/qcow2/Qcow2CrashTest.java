package dev.cairn.block.qcow2;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process killed (SIGKILL) in the middle of heavy writes or of snapshot create/delete leaves
 * an image that opens, that {@code qemu-img check} finds at most leaks in, and whose completed
 * snapshot still holds its data.
 */
class Qcow2CrashTest {

  private static final int SIZE = 32 << 20;

  @TempDir Path dir;

  /** What the child writes before its "base" snapshot: seeded, so the parent can recompute. */
  static byte[] basePattern(int size) {
    byte[] b = new byte[size];
    new Random(42).nextBytes(b);
    return b;
  }

  @ParameterizedTest(name = "killed during {0}, after {1} ms")
  @CsvSource({"writes, 300", "writes, 700", "snapshots, 300", "snapshots, 900"})
  void aKilledWriterLeavesAtMostLeaks(String mode, long killAfterMillis) throws Exception {
    Path q = dir.resolve("crash.qcow2");
    Qcow2Create.create(q, Qcow2Create.Options.of(SIZE));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), q.toString(), mode, Long.toString(killAfterMillis))
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      assertEquals("ready", out.readLine(), "the child prepared its image");
      Thread.sleep(killAfterMillis);
      assertTrue(child.isAlive(), "the child was still writing when killed");
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }

    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      Qcow2Check.Result r = img.check();
      assertEquals(0, r.errors(), r.report());
      assertTrue(img.snapshots().stream().anyMatch(s -> s.name().equals("base")));
    }
    QemuImg.Run check = QemuImg.exec("qemu-img", "check", q.toString());
    assertTrue(check.status() == 0 || check.status() == 3,
        "qemu-img check found more than leaks:\n" + check.output());
    assertFalse(check.output().contains("ERROR"), check.output());
    QemuImg.ok("qemu-img", "convert", "-O", "raw", "-l", "snapshot.name=base", q.toString(),
        dir.resolve("base.raw").toString());
    assertArrayEquals(basePattern(SIZE), Files.readAllBytes(dir.resolve("base.raw")),
        "the completed snapshot is intact");
    // The image stays usable: repair-free writes and a new snapshot keep qemu-img content.
    try (Qcow2Image img = Qcow2Image.open(q, false)) {
      img.write(0, new byte[4096], 0, 4096);
      img.createSnapshot("after", 0);
      assertEquals(List.of(), img.check().messages().stream()
          .filter(m -> m.startsWith("ERROR")).toList());
    }
  }
}
