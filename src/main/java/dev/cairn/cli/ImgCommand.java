package dev.cairn.cli;

import dev.cairn.block.BlockDriver;
import dev.cairn.block.BlockDrivers;
import dev.cairn.block.BlockException;
import dev.cairn.block.DiskSnapshot;
import dev.cairn.block.InternalSnapshots;
import dev.cairn.block.RawImage;
import dev.cairn.block.qcow2.Qcow2Check;
import dev.cairn.block.qcow2.Qcow2Create;
import dev.cairn.block.qcow2.Qcow2Image;
import dev.cairn.machine.QemuSize;
import dev.cairn.monitor.SnapshotTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn img}: create, inspect, check and snapshot disk images, with the words and output
 * of {@code qemu-img} (Reference: QEMU {@code qemu-img.c}, {@code block/qapi.c}).
 */
@Command(name = "img", description = "Create, inspect, check and snapshot disk images.")
final class ImgCommand implements Callable<Integer> {

  /** qemu-img check's exit statuses. */
  static final int CHECK_ERRORS = 2;
  static final int CHECK_LEAKS = 3;

  private final CliContext context;

  ImgCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new ImgCommand(context))
        .addSubcommand(new Create(context))
        .addSubcommand(new Info(context))
        .addSubcommand(new Check(context))
        .addSubcommand(new Snapshot(context));
  }

  @Override
  public Integer call() {
    context.err().println("cairn: give an img command: create, info, check or snapshot");
    return Main.USAGE;
  }

  @Command(name = "create", description = "Create a new disk image.")
  static final class Create implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "-f", paramLabel = "FMT", description = "qcow2 (default) or raw")
    String format = "qcow2";

    @Option(names = "-o", paramLabel = "OPTIONS",
        description = "compat=0.10|1.1, cluster_size=BYTES")
    String options;

    @Option(names = "-b", paramLabel = "BACKING", description = "backing file (qcow2 only)")
    String backing;

    @Option(names = "-F", paramLabel = "BACKING_FMT", description = "backing file format")
    String backingFormat;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1", paramLabel = "SIZE", arity = "0..1",
        description = "bytes, or with a suffix k, M, G, T")
    String size;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws CliException {
      try {
        long bytes = size == null ? -1 : parseSize(size);
        if (format.equals("raw")) {
          if (bytes < 0) {
            throw new CliException("img create: give the image size");
          }
          RawImage.create(file, bytes).close();
          context.out().printf("Formatting '%s', fmt=raw size=%d%n", file, bytes);
          return 0;
        }
        if (!format.equals("qcow2")) {
          throw new CliException("img create: unknown format '" + format + "' (qcow2, raw)");
        }
        if (bytes < 0) {
          if (backing == null) {
            throw new CliException("img create: give the image size");
          }
          Path b = file.toAbsolutePath().getParent().resolve(backing);
          try (BlockDriver base = BlockDrivers.open(b, backingFormat, true)) {
            bytes = base.size();
          }
        }
        Qcow2Create.Options o = qcow2Options(Qcow2Create.Options.of(bytes), options)
            .withBacking(backing, backingFormat);
        Qcow2Create.create(file, o);
        context.out().printf("Formatting '%s', fmt=qcow2 cluster_size=%d%s size=%d%n", file,
            1 << o.clusterBits(), backing == null ? "" : " backing_file=" + backing
                + (backingFormat == null ? "" : " backing_fmt=" + backingFormat), bytes);
        return 0;
      } catch (BlockException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  static Qcow2Create.Options qcow2Options(Qcow2Create.Options o, String options)
      throws CliException {
    if (options == null) {
      return o;
    }
    for (String kv : options.split(",")) {
      String[] p = kv.split("=", 2);
      String value = p.length == 2 ? p[1] : "";
      switch (p[0]) {
        case "compat" -> o = switch (value) {
          case "0.10", "v2" -> o.withVersion(2);
          case "1.1", "v3" -> o.withVersion(3);
          default -> throw new CliException("img create: invalid compat '" + value + "'");
        };
        case "cluster_size" -> {
          long cs = parseSize(value);
          if (Long.bitCount(cs) != 1) {
            throw new CliException("img create: cluster size must be a power of two");
          }
          o = o.withClusterBits(Long.numberOfTrailingZeros(cs));
        }
        default -> throw new CliException("img create: invalid option '" + p[0]
            + "' (compat, cluster_size)");
      }
    }
    return o;
  }

  /** qemu-img's sizes: {@link QemuSize}, a plain number counting bytes. */
  static long parseSize(String text) throws CliException {
    try {
      return QemuSize.parse(text, 1);
    } catch (IllegalArgumentException e) {
      throw new CliException("'" + text + "' is not a size (bytes, or 512k, 64M, 10G)");
    }
  }

  @Command(name = "info", description = "Show an image's format, sizes and snapshots.")
  static final class Info implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "FILE")
    Path file;

    Info(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws CliException {
      try (BlockDriver img = BlockDrivers.open(file, null, true)) {
        PrintStream out = context.out();
        out.println("image: " + file);
        out.println("file format: " + img.format());
        out.printf("virtual size: %s (%d bytes)%n", SnapshotTable.size(img.size()), img.size());
        out.println("disk size: " + SnapshotTable.size(diskUsage(file)));
        if (img instanceof Qcow2Image q) {
          out.println("cluster_size: " + q.clusterSize());
          if (q.backing() != null) {
            out.println("backing file: " + q.backing().file().getFileName());
            out.println("backing file format: " + q.backing().format());
          }
          List<DiskSnapshot> snaps = q.snapshots();
          if (!snaps.isEmpty()) {
            out.print("Snapshot list:\n" + snapshotTable(snaps));
          }
          out.println("Format specific information:");
          out.println("    compat: " + (q.version() == 2 ? "0.10" : "1.1"));
          if (q.version() >= 3) {
            out.println("    compression type: zlib");
          }
          out.println("    lazy refcounts: false");
          out.println("    refcount bits: 16");
          if (q.version() >= 3) {
            out.println("    corrupt: false");
            out.println("    extended l2: false");
          }
        }
        return 0;
      } catch (BlockException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  /** Bytes the file occupies on the host (its blocks, not its length: images are sparse). */
  private static long diskUsage(Path file) {
    try {
      Process p = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Long.parseLong(out) * 512 : Files.size(file);
    } catch (IOException | RuntimeException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** QEMU's {@code bdrv_snapshot_dump} table: header and one line per snapshot. */
  static String snapshotTable(List<DiskSnapshot> snapshots) {
    StringBuilder s = new StringBuilder(String.format("%-9s %-17s %7s%20s%13s%11s%n",
        "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK", "ICOUNT"));
    for (DiskSnapshot d : snapshots) {
      String date = DATE.format(Instant.ofEpochSecond(d.dateSeconds(), d.dateNanos())
          .atZone(ZoneId.systemDefault()));
      s.append(String.format("%-9s %-17s %7s%20s%13s%11s%n", d.id(), d.name(),
          SnapshotTable.size(d.vmStateSize()), date, SnapshotTable.clock(d.vmClockNanos()), ""));
    }
    return s.toString();
  }

  @Command(name = "check", description = "Check an image's metadata for errors and leaks.")
  static final class Check implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "FILE")
    Path file;

    Check(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws CliException {
      try (BlockDriver img = BlockDrivers.open(file, null, true)) {
        if (!(img instanceof Qcow2Image q)) {
          throw new CliException("img check: " + file + " is " + img.format()
              + ", which has no metadata to check");
        }
        Qcow2Check.Result r = q.check();
        context.out().print(r.report());
        return r.errors() > 0 ? CHECK_ERRORS : r.leaks() > 0 ? CHECK_LEAKS : 0;
      } catch (BlockException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  @Command(name = "snapshot", description = "List, create, apply or delete internal snapshots.")
  static final class Snapshot implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
      @Option(names = "-l", description = "list the snapshots") boolean list;
      @Option(names = "-c", paramLabel = "NAME", description = "create") String create;
      @Option(names = "-a", paramLabel = "NAME", description = "apply (revert to)") String apply;
      @Option(names = "-d", paramLabel = "NAME", description = "delete") String delete;
    }

    @Parameters(paramLabel = "FILE")
    Path file;

    Snapshot(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws CliException {
      boolean readOnly = action.list;
      try (BlockDriver img = BlockDrivers.open(file, null, readOnly)) {
        if (!(img instanceof InternalSnapshots snaps)) {
          throw new CliException("img snapshot: " + file + " is " + img.format()
              + ", which cannot hold snapshots (use qcow2)");
        }
        if (action.list) {
          List<DiskSnapshot> list = snaps.snapshots();
          if (!list.isEmpty()) {
            context.out().print("Snapshot list:\n" + snapshotTable(list));
          }
        } else if (action.create != null) {
          snaps.createSnapshot(action.create, 0);
        } else if (action.apply != null) {
          snaps.applySnapshot(action.apply);
        } else {
          snaps.deleteSnapshot(action.delete);
        }
        img.flush();
        return 0;
      } catch (BlockException e) {
        throw new CliException(e.getMessage());
      }
    }
  }
}
