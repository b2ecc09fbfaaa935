package dev.cairn.monitor.qmp;

/**
 * A QMP command failed; answered as {@code {"error": {"class": ..., "desc": ...}}}.
 *
 * <p>Reference: QEMU {@code qapi/error.json} ({@code QapiErrorClass}).
 */
public final class QmpError extends Exception {

  public static final String GENERIC = "GenericError";
  public static final String COMMAND_NOT_FOUND = "CommandNotFound";

  private final String errorClass;

  public QmpError(String errorClass, String desc) {
    super(desc, null, false, false);
    this.errorClass = errorClass;
  }

  /** The most common error: {@code GenericError} with this description. */
  public static QmpError generic(String desc) {
    return new QmpError(GENERIC, desc);
  }

  public String errorClass() {
    return errorClass;
  }

  public String desc() {
    return getMessage();
  }
}
