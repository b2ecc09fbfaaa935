package dev.cairn.monitor.qmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The QMP commands of one VM, by name, in registration order. Thread-safe. */
public final class QmpCommandTable {

  private final Map<String, QmpCommand> commands = new LinkedHashMap<>();

  /**
   * Adds a command.
   *
   * @throws IllegalArgumentException if a command of that name is already registered
   */
  public synchronized void register(QmpCommand command) {
    if (commands.putIfAbsent(command.name(), command) != null) {
      throw new IllegalArgumentException("QMP command '" + command.name() + "' registered twice");
    }
  }

  public synchronized Optional<QmpCommand> find(String name) {
    return Optional.ofNullable(commands.get(name));
  }

  public synchronized List<String> names() {
    return new ArrayList<>(commands.keySet());
  }
}
