package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one QMP request and runs its command: the request's own shape first, then capability
 * negotiation, the command's existence and its arguments in schema order, exactly as QEMU words
 * each refusal.
 *
 * <p>Reference: QEMU {@code qapi/qmp-dispatch.c} ({@code qmp_dispatch_check_obj}, {@code
 * qmp_dispatch}), {@code monitor/qmp.c} ({@code qmp_caps_accept}), {@code
 * qapi/qobject-input-visitor.c}.
 */
final class QmpDispatcher {

  private final Qmp qmp;

  QmpDispatcher(Qmp qmp) {
    this.qmp = qmp;
  }

  /** Whether a session has finished capability negotiation. */
  static final class Negotiation {
    volatile boolean done;
  }

  /**
   * Answers one request.
   *
   * @return the response object: {@code return} or {@code error}, then {@code id} if one was given
   */
  ObjectNode answer(JsonNode request, Negotiation negotiation) {
    return answer(request, negotiation, new java.util.ArrayList<>());
  }

  /**
   * Answers one request.
   *
   * @param afterReply receives actions the command wants run once the response is queued
   */
  ObjectNode answer(JsonNode request, Negotiation negotiation, java.util.List<Runnable> afterReply) {
    JsonNode id = request.isObject() ? request.get("id") : null;
    ObjectNode response = Qmp.MAPPER.createObjectNode();
    try {
      Object result = execute(request, negotiation, afterReply);
      response.set("return", Qmp.MAPPER.valueToTree(result));
    } catch (QmpError e) {
      response.set("error", error(e.errorClass(), e.desc()));
    }
    if (id != null) {
      response.set("id", id);
    }
    return response;
  }

  static ObjectNode error(String errorClass, String desc) {
    ObjectNode error = Qmp.MAPPER.createObjectNode();
    error.put("class", errorClass);
    error.put("desc", desc);
    return error;
  }

  private Object execute(JsonNode request, Negotiation negotiation, java.util.List<Runnable> after)
      throws QmpError {
    String name = checkRequest(request);
    ObjectNode args = request.has("arguments")
        ? (ObjectNode) request.get("arguments") : Qmp.MAPPER.createObjectNode();
    if (name.equals("qmp_capabilities")) {
      return capabilities(args, negotiation);
    }
    if (!negotiation.done) {
      throw new QmpError(QmpError.COMMAND_NOT_FOUND,
          "Expecting capabilities negotiation with 'qmp_capabilities'");
    }
    Optional<QmpCommand> command = qmp.commands().find(name);
    if (command.isEmpty()) {
      throw new QmpError(QmpError.COMMAND_NOT_FOUND, "The command " + name + " has not been found");
    }
    checkArguments(command.get(), args);
    return command.get().handler().run(new QmpCall(qmp, args, after));
  }

  /** The request's shape; returns the command name. */
  private static String checkRequest(JsonNode request) throws QmpError {
    if (!request.isObject()) {
      throw QmpError.generic("QMP input must be a JSON object");
    }
    String name = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      switch (member.getKey()) {
        case "execute" -> {
          if (!member.getValue().isTextual()) {
            throw QmpError.generic("QMP input member 'execute' must be a string");
          }
          name = member.getValue().textValue();
        }
        case "arguments" -> {
          if (!member.getValue().isObject()) {
            throw QmpError.generic("QMP input member 'arguments' must be an object");
          }
        }
        case "id" -> {
          // Any JSON value; echoed back.
        }
        default -> throw QmpError.generic(
            "QMP input member '" + member.getKey() + "' is unexpected");
      }
    }
    if (name == null) {
      throw QmpError.generic("QMP input lacks member 'execute'");
    }
    return name;
  }

  private static Object capabilities(ObjectNode args, Negotiation negotiation) throws QmpError {
    if (negotiation.done) {
      throw new QmpError(QmpError.COMMAND_NOT_FOUND,
          "Capabilities negotiation is already complete, command ignored");
    }
    checkArguments(QmpCommand.of("qmp_capabilities", call -> null,
        QmpCommand.Param.optional("enable", QmpType.STR_LIST)), args);
    JsonNode enable = args.get("enable");
    if (enable != null) {
      for (int i = 0; i < enable.size(); i++) {
        // Cairn offers no optional capability (QEMU's only one is out-of-band execution).
        String capability = enable.get(i).textValue();
        if (!capability.equals("oob")) {
          throw QmpError.generic(
              "Parameter 'enable[" + i + "]' does not accept value '" + capability + "'");
        }
        throw QmpError.generic("Capability 'oob' not available");
      }
    }
    negotiation.done = true;
    return Map.of();
  }

  /** Missing and mistyped arguments in schema order, then any unexpected one. */
  static void checkArguments(QmpCommand command, ObjectNode args) throws QmpError {
    checkArguments("", command, args);
  }

  /**
   * The same for a nested object, whose members QEMU names with a path ({@code
   * capabilities[0].state}).
   */
  static void checkArguments(String prefix, QmpCommand command, ObjectNode args) throws QmpError {
    for (QmpCommand.Param param : command.params()) {
      JsonNode value = args.get(param.name());
      if (value == null) {
        if (!param.optional()) {
          throw QmpError.generic("Parameter '" + prefix + param.name() + "' is missing");
        }
        continue;
      }
      param.type().check(prefix + param.name(), value);
    }
    for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
      String given = it.next();
      if (command.params().stream().noneMatch(p -> p.name().equals(given))) {
        throw QmpError.generic("Parameter '" + prefix + given + "' is unexpected");
      }
    }
  }
}
