package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.cairn.block.qcow2.QemuImg;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn img}, checked against what qemu-img says about the same files. */
class ImgCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int img(String... args) {
    out.reset();
    err.reset();
    CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false,
        config -> {
          throw new AssertionError("img never builds a VM");
        },
        new FirmwareLocator(List.of()));
    String[] all = new String[args.length + 1];
    all[0] = "img";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.execute(all, context);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void createMakesAnImageQemuImgAccepts() throws Exception {
    Path q = dir.resolve("d.qcow2");
    assertEquals(0, img("create", "-f", "qcow2", q.toString(), "10G"));
    assertEquals("Formatting '" + q + "', fmt=qcow2 cluster_size=65536 size=10737418240\n",
        stdout());
    String info = QemuImg.ok("qemu-img", "info", q.toString());
    assertTrue(info.contains("virtual size: 10 GiB (10737418240 bytes)"), info);
    assertTrue(info.contains("compat: 1.1"), info);
    QemuImg.checkClean(q);

    Path v2 = dir.resolve("v2.qcow2");
    assertEquals(0, img("create", "-o", "compat=0.10,cluster_size=4k", v2.toString(), "1M"));
    String info2 = QemuImg.ok("qemu-img", "info", v2.toString());
    assertTrue(info2.contains("compat: 0.10") && info2.contains("cluster_size: 4096"), info2);
  }

  @Test
  void infoAndSnapshotListMatchQemuImg() throws Exception {
    Path q = dir.resolve("s.qcow2");
    assertEquals(0, img("create", q.toString(), "64M"));
    QemuImg.io(q, "write -P 7 0 1M");
    assertEquals(0, img("snapshot", "-c", "before-upgrade", q.toString()));
    QemuImg.ok("qemu-img", "snapshot", "-c", "from-qemu", q.toString());
    assertEquals(0, img("snapshot", "-l", q.toString()));
    String ours = stdout();
    String theirs = QemuImg.ok("qemu-img", "snapshot", "-l", q.toString());
    // Same table; only qemu-img's own ICOUNT column for its snapshot differs.
    assertEquals(theirs.lines().limit(3).toList(), ours.lines().limit(3).toList());
    assertTrue(ours.lines().toList().get(3).startsWith("2         from-qemu"), ours);

    assertEquals(0, img("info", q.toString()));
    String info = stdout();
    String qinfo = QemuImg.ok("qemu-img", "info", q.toString());
    for (String line : List.of("file format: qcow2", "virtual size: 64 MiB (67108864 bytes)",
        "cluster_size: 65536", "Snapshot list:", "    refcount bits: 16")) {
      assertTrue(info.contains(line) && qinfo.contains(line), line + "\n" + info);
    }
  }

  @Test
  void snapshotApplyAndDeleteAndCheck() throws Exception {
    Path q = dir.resolve("a.qcow2");
    QemuImg.ok("qemu-img", "create", "-f", "qcow2", q.toString(), "4M");
    QemuImg.io(q, "write -P 1 0 4M");
    assertEquals(0, img("snapshot", "-c", "ones", q.toString()));
    QemuImg.io(q, "write -P 2 0 4M");
    assertEquals(0, img("snapshot", "-a", "ones", q.toString()));
    QemuImg.io(q, "read -P 1 0 4M");
    assertEquals(0, img("snapshot", "-d", "ones", q.toString()));
    assertEquals(0, img("check", q.toString()));
    assertTrue(stdout().startsWith("No errors were found on the image.\n"), stdout());
    QemuImg.checkClean(q);
    assertEquals(1, img("snapshot", "-a", "gone", q.toString()));
    assertTrue(err.toString().contains("snapshot 'gone' does not exist"), err.toString());
  }

  @Test
  void checkReportsLeaksWithQemuImgsExitStatus() throws Exception {
    Path q = dir.resolve("l.qcow2");
    QemuImg.ok("qemu-img", "create", "-f", "qcow2", q.toString(), "4M");
    // A refcount of 1 for cluster 8, which nothing uses: a leak.
    try (var ch = java.nio.channels.FileChannel.open(q, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.allocate(2).putShort(0, (short) 1), 2 * 65536 + 16);
      ch.write(java.nio.ByteBuffer.allocate(1), 10 * 65536 - 1); // the file reaches cluster 9
    }
    assertEquals(ImgCommand.CHECK_LEAKS, img("check", q.toString()));
    assertTrue(stdout().contains("Leaked cluster 8 refcount=1 reference=0"), stdout());
    assertEquals(3, QemuImg.exec("qemu-img", "check", q.toString()).status());
  }

  @Test
  void badInputIsRefusedClearly() throws Exception {
    assertEquals(1, img("create", "-f", "vmdk", dir.resolve("x").toString(), "1M"));
    assertTrue(err.toString().contains("unknown format 'vmdk'"), err.toString());
    assertEquals(1, img("create", dir.resolve("y").toString(), "lots"));
    assertTrue(err.toString().contains("'lots' is not a size"), err.toString());
    Path raw = dir.resolve("r.img");
    Files.write(raw, new byte[4096]);
    assertEquals(1, img("snapshot", "-c", "s", raw.toString()));
    assertTrue(err.toString().contains("cannot hold snapshots"), err.toString());
    assertEquals(1, img("create", raw.toString(), "1M"));
    assertTrue(err.toString().contains("already exists"), err.toString());
  }
}
