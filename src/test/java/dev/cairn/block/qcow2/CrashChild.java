package dev.cairn.block.qcow2;

import java.nio.file.Path;
import java.util.Random;

/**
 * The victim of {@link Qcow2CrashTest}: a JVM that writes to (or snapshots) a qcow2 image until
 * it is killed. Prints {@code ready} once the state that must survive is complete.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path image = Path.of(args[0]);
    String mode = args[1];
    try (Qcow2Image img = Qcow2Image.open(image, false)) {
      byte[] base = Qcow2CrashTest.basePattern((int) img.size());
      img.write(0, base, 0, base.length);
      img.createSnapshot("base", 0);
      img.flush();
      System.out.println("ready");
      System.out.flush();
      Random r = new Random(Long.parseLong(args[2]));
      byte[] buf = new byte[256 << 10];
      for (int i = 0; ; i++) {
        int len = 1 + r.nextInt(buf.length);
        long off = (long) (r.nextDouble() * (img.size() - len));
        r.nextBytes(buf);
        img.write(off, buf, 0, len);
        if (mode.equals("snapshots")) {
          img.createSnapshot("s" + i, i);
          if (i > 0) {
            img.deleteSnapshot("s" + (i - 1));
          }
        }
      }
    }
  }
}
