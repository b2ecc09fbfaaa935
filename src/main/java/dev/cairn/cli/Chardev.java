package dev.cairn.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a serial port or monitor is connected, from QEMU's short chardev syntax: {@code stdio},
 * {@code none}/{@code null}, {@code mon:stdio}, {@code tcp:HOST:PORT,server,nowait}, {@code
 * unix:PATH,server,nowait}.
 *
 * <p>Reference: QEMU {@code chardev/char.c} ({@code qemu_chr_parse_compat}).
 *
 * @param kind the back end
 * @param host TCP host ({@code ""} for all interfaces), else null
 * @param port TCP port, else 0
 * @param path Unix socket path, else null
 * @param waitForClient for a server, whether to wait for the first client before the VM starts
 * @param withMonitor {@code mon:} prefix: the monitor shares this back end
 */
record Chardev(
    Kind kind, String host, int port, Path path, boolean waitForClient, boolean withMonitor) {

  enum Kind {
    STDIO,
    NONE,
    TCP,
    UNIX
  }

  static final Chardev STDIO = new Chardev(Kind.STDIO, null, 0, null, false, false);
  static final Chardev NONE = new Chardev(Kind.NONE, null, 0, null, false, false);

  /**
   * Parses a chardev for {@code option} ({@code -serial} or {@code -monitor}).
   *
   * @throws CliException for a back end Cairn does not offer or a malformed address
   */
  static Chardev parse(String option, String text) throws CliException {
    if (text.startsWith("mon:")) {
      Chardev inner = parse(option, text.substring(4));
      return new Chardev(inner.kind, inner.host, inner.port, inner.path, inner.waitForClient, true);
    }
    if (text.equals("stdio")) {
      return STDIO;
    }
    if (text.equals("none") || text.equals("null")) {
      return NONE;
    }
    if (text.startsWith("tcp:")) {
      Map<String, String> opts = QemuOpts.parse(option, text.substring(4), "address");
      QemuOpts.onlyKeys(option, text, opts, "address", "server", "wait", "nodelay");
      String address = opts.get("address");
      int colon = address.lastIndexOf(':');
      if (colon < 0) {
        throw new CliException(option + " " + text + ": give the address as tcp:HOST:PORT");
      }
      int port = port(option, text, address.substring(colon + 1));
      return new Chardev(
          Kind.TCP, address.substring(0, colon), port, null, serverWait(option, text, opts), false);
    }
    if (text.startsWith("unix:")) {
      Map<String, String> opts = QemuOpts.parse(option, text.substring(5), "path");
      QemuOpts.onlyKeys(option, text, opts, "path", "server", "wait");
      if (opts.get("path").isEmpty()) {
        throw new CliException(option + " " + text + ": give the socket as unix:PATH");
      }
      return new Chardev(
          Kind.UNIX, null, 0, Path.of(opts.get("path")), serverWait(option, text, opts), false);
    }
    throw new CliException(
        option
            + " "
            + text
            + ": unsupported character device (use stdio, none, tcp:HOST:PORT,server,nowait"
            + " or unix:PATH,server,nowait)");
  }

  /** Cairn listens only; QEMU's default for a server is to wait for the first client. */
  private static boolean serverWait(String option, String text, Map<String, String> opts)
      throws CliException {
    if (!QemuOpts.bool(option, "server", opts.getOrDefault("server", "off"))) {
      throw new CliException(
          option + " " + text + ": only server mode is supported (add ,server,nowait)");
    }
    return QemuOpts.bool(option, "wait", opts.getOrDefault("wait", "on"));
  }

  private static int port(String option, String text, String port) throws CliException {
    try {
      int value = Integer.parseInt(port);
      if (value >= 0 && value <= 65535) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new CliException(option + " " + text + ": '" + port + "' is not a TCP port number");
  }

  /** How QEMU would print this address, for messages. */
  String describe() {
    switch (kind) {
      case TCP:
        return "tcp:" + host + ":" + port;
      case UNIX:
        return "unix:" + path;
      default:
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
