package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The type of a QMP argument, with the error QEMU's input visitor gives for a value of the wrong
 * type.
 *
 * <p>Reference: QEMU {@code qapi/qobject-input-visitor.c} ({@code QERR_INVALID_PARAMETER_TYPE},
 * {@code QERR_INVALID_PARAMETER_VALUE}).
 */
public enum QmpType {
  STR("string"),
  BOOL("boolean"),
  INT("integer"),
  UINT64("uint64"),
  NUMBER("number"),
  OBJECT("object"),
  /** An array of strings. */
  STR_LIST("array"),
  ANY("any");

  private final String qapiName;

  QmpType(String qapiName) {
    this.qapiName = qapiName;
  }

  /** QAPI's name of the type, as {@code query-commands}-style introspection would show it. */
  public String qapiName() {
    return qapiName;
  }

  /**
   * Checks a present value.
   *
   * @param path the argument's name as QEMU shows it ({@code devices[0]} for an element)
   * @throws QmpError with QEMU's message when the value does not fit
   */
  void check(String path, JsonNode value) throws QmpError {
    switch (this) {
      case STR -> require(value.isTextual(), path);
      case BOOL -> require(value.isBoolean(), path);
      case INT -> require(value.isIntegralNumber() && value.canConvertToLong(), path);
      case UINT64 -> {
        if (!value.isIntegralNumber() || value.bigIntegerValue().signum() < 0
            || value.bigIntegerValue().bitLength() > 64) {
          throw QmpError.generic("Parameter '" + path + "' expects uint64");
        }
      }
      case NUMBER -> require(value.isNumber(), path);
      case OBJECT -> require(value.isObject(), path);
      case STR_LIST -> {
        require(value.isArray(), path);
        for (int i = 0; i < value.size(); i++) {
          STR.check(path + "[" + i + "]", value.get(i));
        }
      }
      default -> {
        // ANY takes every value.
      }
    }
  }

  private void require(boolean ok, String path) throws QmpError {
    if (!ok) {
      throw QmpError.generic(
          "Invalid parameter type for '" + path + "', expected: " + qapiName);
    }
  }
}
