package dev.cairn.monitor.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.monitor.MonitorTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * One call of a QMP command: its arguments (already checked against the command's params) and the
 * QMP core it runs in.
 */
public record QmpCall(Qmp qmp, ObjectNode args, List<Runnable> afterReply) {

  /**
   * Runs {@code action} once the reply is queued to the client; for commands whose effect QEMU
   * reports after their return ({@code quit}: the return, then {@code SHUTDOWN}).
   */
  public void afterReply(Runnable action) {
    afterReply.add(action);
  }

  public MonitorTarget target() {
    return qmp.target();
  }

  /** A string argument, or null when an optional one is absent. */
  public String str(String name) {
    JsonNode value = args.get(name);
    return value == null ? null : value.textValue();
  }

  public boolean bool(String name, boolean absent) {
    JsonNode value = args.get(name);
    return value == null ? absent : value.booleanValue();
  }

  public long integer(String name, long absent) {
    JsonNode value = args.get(name);
    return value == null ? absent : value.longValue();
  }

  /** A list-of-strings argument; empty when absent. */
  public List<String> strList(String name) {
    List<String> values = new ArrayList<>();
    JsonNode value = args.get(name);
    if (value != null) {
      value.forEach(v -> values.add(v.textValue()));
    }
    return values;
  }
}
