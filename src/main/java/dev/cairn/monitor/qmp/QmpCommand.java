package dev.cairn.monitor.qmp;

import java.util.List;

/**
 * One row of the QMP command table: its name, its arguments and the code. Registering a row is all
 * it takes to add a command: argument checking, errors and {@code query-commands} come from here.
 *
 * @param name the {@code execute} name
 * @param params the arguments in the order QEMU's schema lists them (checked in that order)
 * @param handler the code, run on the client's thread
 */
public record QmpCommand(String name, List<Param> params, Handler handler) {

  /** One argument; {@code optional} ones may be absent. */
  public record Param(String name, QmpType type, boolean optional) {

    public static Param required(String name, QmpType type) {
      return new Param(name, type, false);
    }

    public static Param optional(String name, QmpType type) {
      return new Param(name, type, true);
    }
  }

  /** The code behind a command. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Runs the command with checked arguments.
     *
     * @return the {@code return} member ({@code {}} for commands that return nothing)
     * @throws QmpError with the error to answer
     */
    Object run(QmpCall call) throws QmpError;
  }

  public QmpCommand {
    params = List.copyOf(params);
  }

  public static QmpCommand of(String name, Handler handler, Param... params) {
    return new QmpCommand(name, List.of(params), handler);
  }
}
