package dev.cairn.state;

import java.io.IOException;

/**
 * A state payload this build cannot load: a version outside the readable range, a truncated or
 * oversized payload, a layout that does not match the description, an unknown subsection, or a
 * value a field refuses. The message names the section, the field and the versions involved.
 *
 * <p>It is an {@link IOException} so that stream code has one failure type to propagate; catch it
 * separately to tell "this stream is wrong" from "the transport failed".
 */
public class StateException extends IOException {

  private static final long serialVersionUID = 1L;

  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
