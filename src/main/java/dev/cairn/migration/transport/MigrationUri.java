package dev.cairn.migration.transport;

import java.nio.file.Path;

/**
 * A migration address as QEMU spells it: {@code tcp:HOST:PORT}, {@code exec:COMMAND} or {@code
 * file:PATH}. An IPv6 host is written in brackets ({@code tcp:[::1]:4444}).
 */
public sealed interface MigrationUri {

  /** A TCP peer: the source connects to it, the destination listens on it. */
  record Tcp(String host, int port) implements MigrationUri {
    @Override
    public String toString() {
      return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** A command run by {@code /bin/sh -c}: the source writes its stdin, the destination reads its stdout. */
  record Exec(String command) implements MigrationUri {
    @Override
    public String toString() {
      return "exec:" + command;
    }
  }

  /** A file: the source writes it (replacing it), the destination reads it. */
  record File(Path path) implements MigrationUri {
    @Override
    public String toString() {
      return "file:" + path;
    }
  }

  /**
   * Reads a URI.
   *
   * @throws MigrationTransportException naming what is wrong, with the forms that are accepted
   */
  static MigrationUri parse(String text) throws MigrationTransportException {
    String uri = text == null ? "" : text.strip();
    int colon = uri.indexOf(':');
    String scheme = colon < 0 ? uri : uri.substring(0, colon);
    String rest = colon < 0 ? "" : uri.substring(colon + 1);
    switch (scheme) {
      case "tcp":
        return tcp(uri, rest);
      case "exec":
        if (rest.isBlank()) {
          throw new MigrationTransportException("'" + uri + "': exec: needs a command");
        }
        return new Exec(rest);
      case "file":
        if (rest.isEmpty()) {
          throw new MigrationTransportException("'" + uri + "': file: needs a path");
        }
        return new File(Path.of(rest));
      default:
        throw new MigrationTransportException(
            "unknown migration protocol: '" + uri + "' (use tcp:HOST:PORT, exec:COMMAND or"
                + " file:PATH)");
    }
  }

  private static Tcp tcp(String uri, String rest) throws MigrationTransportException {
    String host;
    String port;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
        throw new MigrationTransportException("'" + uri + "': write tcp:[IPV6]:PORT");
      }
      host = rest.substring(1, close);
      port = rest.substring(close + 2);
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon < 0) {
        throw new MigrationTransportException("'" + uri + "': write tcp:HOST:PORT");
      }
      host = rest.substring(0, colon);
      port = rest.substring(colon + 1);
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 0 || number > 65535) {
      throw new MigrationTransportException("'" + uri + "': port '" + port + "' is not 0 to 65535");
    }
    return new Tcp(host.isEmpty() ? "0.0.0.0" : host, number);
  }
}
