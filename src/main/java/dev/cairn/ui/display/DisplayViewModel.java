package dev.cairn.ui.display;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.input.LinuxInput;
import dev.cairn.hw.input.QemuKeyNames;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/**
 * The Display tab's state and input translation: which surface is shown, scaled or 1:1, whether
 * the view holds the keyboard, and the mapping of host keys and pointer positions to the guest's
 * input devices. Holds no Node; the view feeds it JavaFX event values.
 */
public final class DisplayViewModel {

  /** Combos a desktop would catch itself, offered in the "Send key" menu (QEMU key names). */
  public static final List<String> SEND_KEYS = List.of("ctrl-alt-delete", "ctrl-alt-f1",
      "ctrl-alt-f2", "ctrl-alt-f3", "ctrl-alt-f4", "ctrl-alt-f5", "ctrl-alt-f6", "ctrl-alt-backspace");

  /** What the status line says while the guest has the keyboard. */
  public static final String RELEASE_HINT = "Press Ctrl+Alt to release the keyboard";

  private final ObjectProperty<DisplaySurface> surface = new SimpleObjectProperty<>();
  private final BooleanProperty scaleToFit = new SimpleBooleanProperty(true);
  private final BooleanProperty grabbed = new SimpleBooleanProperty();
  private final Set<Integer> held = new TreeSet<>();
  private InputEvents input = InputEvents.NONE;

  /** Shows {@code display} with {@code events} as its input (null, NONE: nothing to show). */
  public void attach(DisplaySurface display, InputEvents events) {
    releaseAll();
    surface.set(display);
    input = events == null ? InputEvents.NONE : events;
    grabbed.set(false);
  }

  /**
   * A key went down or up on the host. Returns true when the view should let the keyboard go
   * (the release combo, Ctrl+Alt, was completed); the guest then sees both keys go up.
   */
  public boolean key(KeyCode key, boolean pressed, boolean control, boolean alt) {
    int code = GuestKeys.linuxCode(key);
    if (pressed && control && alt && (key == KeyCode.CONTROL || key == KeyCode.ALT)) {
      releaseAll();
      grabbed.set(false);
      return true;
    }
    if (code < 0) {
      return false;
    }
    if (pressed) {
      held.add(code);
    } else if (!held.remove(code)) {
      return false;
    }
    input.key(code, pressed);
    return false;
  }

  /** Lifts every key the guest believes is down (focus lost, release combo, VM switch). */
  public void releaseAll() {
    for (int code : held) {
      input.key(code, false);
    }
    held.clear();
  }

  /** The pointer at ({@code x}, {@code y}) in surface pixels; outside is clamped to the edge. */
  public void pointer(double x, double y) {
    DisplaySurface s = surface.get();
    if (s == null || s.width() == 0) {
      return;
    }
    int w = s.width();
    int h = s.height();
    int px = (int) Math.max(0, Math.min(w - 1, Math.floor(x)));
    int py = (int) Math.max(0, Math.min(h - 1, Math.floor(y)));
    input.pointer(px, py, w, h);
  }

  public void button(MouseButton button, boolean pressed) {
    int code = switch (button) {
      case PRIMARY -> LinuxInput.BTN_LEFT;
      case SECONDARY -> LinuxInput.BTN_RIGHT;
      case MIDDLE -> LinuxInput.BTN_MIDDLE;
      case BACK -> LinuxInput.BTN_SIDE;
      case FORWARD -> LinuxInput.BTN_EXTRA;
      default -> -1;
    };
    if (code >= 0) {
      input.button(code, pressed);
    }
  }

  /** Wheel notches; positive scrolls up. */
  public void wheel(int steps) {
    if (steps != 0) {
      input.wheel(steps);
    }
  }

  /** Presses the keys of {@code combo} (a {@link #SEND_KEYS} entry) in order, then lifts them. */
  public void sendKeys(String combo) {
    List<Integer> codes = QemuKeyNames.parseCombo(combo);
    for (int code : codes) {
      input.key(code, true);
    }
    for (int i = codes.size() - 1; i >= 0; i--) {
      input.key(codes.get(i), false);
    }
  }

  public ObjectProperty<DisplaySurface> surface() {
    return surface;
  }

  public BooleanProperty scaleToFit() {
    return scaleToFit;
  }

  /** Whether keyboard and mouse go to the guest. */
  public BooleanProperty grabbed() {
    return grabbed;
  }
}
