package dev.cairn.ui.main;

import dev.cairn.machine.RunState;
import dev.cairn.ui.library.VmDefinition;
import dev.cairn.ui.runtime.VmInstance;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

/**
 * One VM in the library list: its stored definition and, once started, its running instance and
 * run state. Changed on the UI thread only.
 */
public final class VmEntry {

  private final ObjectProperty<VmDefinition> definition;
  private final ObjectProperty<VmInstance> instance = new SimpleObjectProperty<>();
  private final ObjectProperty<RunState> state = new SimpleObjectProperty<>();
  private final StringProperty activity = new SimpleStringProperty("");
  private final javafx.beans.property.IntegerProperty incomingPort =
      new javafx.beans.property.SimpleIntegerProperty();
  private final ObjectProperty<Image> thumbnail = new SimpleObjectProperty<>();

  public VmEntry(VmDefinition definition) {
    this.definition = new SimpleObjectProperty<>(definition);
  }

  public ObjectProperty<VmDefinition> definition() {
    return definition;
  }

  /** The running (or last run) machine; null before the first start. */
  public ObjectProperty<VmInstance> instance() {
    return instance;
  }

  /** The run state; null while the VM has never been started in this session (powered off). */
  public ObjectProperty<RunState> state() {
    return state;
  }

  /** What a long action is doing now ("Taking snapshot 'a': pass 2, 1 234 pages left"), or "". */
  public StringProperty activity() {
    return activity;
  }

  /** The TCP port this VM waits on for an incoming migration; 0 when it does not wait. */
  public javafx.beans.property.IntegerProperty incomingPort() {
    return incomingPort;
  }

  /** A small picture of the screen, refreshed while the VM runs; null without a display. */
  public ObjectProperty<Image> thumbnail() {
    return thumbnail;
  }

  public String name() {
    return definition.get().name();
  }

  /**
   * Whether the VM is off: never started, shut down, failed, or migrated away (its guest runs
   * elsewhere now; starting it boots afresh).
   */
  public boolean isOff() {
    RunState s = state.get();
    return s == null || s == RunState.SHUTDOWN || s == RunState.INTERNAL_ERROR
        || s == RunState.POSTMIGRATE;
  }

  /** The label of the state in the list and status bar. */
  public static String describe(RunState state) {
    if (state == null) {
      return "Powered off";
    }
    switch (state) {
      case RUNNING:
        return "Running";
      case PAUSED:
        return "Paused";
      case PRELAUNCH:
        return "Starting";
      case INTERNAL_ERROR:
        return "Crashed";
      case INMIGRATE:
        return "Receiving (inmigrate)";
      case POSTMIGRATE:
        return "Migrated away (postmigrate)";
      default:
        return "Powered off";
    }
  }
}
