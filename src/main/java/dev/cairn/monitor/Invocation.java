package dev.cairn.monitor;

import java.util.Map;

/**
 * One call of a command: its parsed arguments and where its output goes.
 *
 * @param target the VM the command acts on
 * @param args argument values by the names of the command's params; absent optional ones are
 *     missing from the map
 * @param out text to print; lines end with {@code \n} (the session turns them into CRLF)
 * @param commands the whole command table (for {@code help})
 */
public record Invocation(
    MonitorTarget target, Map<String, String> args, StringBuilder out, CommandTable commands) {

  public String arg(String name) {
    return args.get(name);
  }
}
