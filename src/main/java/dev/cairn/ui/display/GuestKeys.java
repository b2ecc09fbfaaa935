package dev.cairn.ui.display;

import dev.cairn.hw.input.QemuKeyNames;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.input.KeyCode;

/**
 * JavaFX key codes to Linux {@code KEY_*} codes, by way of QEMU's key names (the same names
 * {@code sendkey} takes), so the guest sees the physical key whatever the host layout prints.
 */
final class GuestKeys {

  private static final Map<KeyCode, Integer> CODES = table();

  private GuestKeys() {}

  /** The Linux code for {@code key}, or -1 when the guest keyboard has no such key. */
  static int linuxCode(KeyCode key) {
    return CODES.getOrDefault(key, -1);
  }

  private static Map<KeyCode, Integer> table() {
    Map<KeyCode, Integer> m = new EnumMap<>(KeyCode.class);
    for (char c = 'A'; c <= 'Z'; c++) {
      put(m, KeyCode.valueOf(String.valueOf(c)), String.valueOf(Character.toLowerCase(c)));
    }
    for (int d = 0; d <= 9; d++) {
      put(m, KeyCode.valueOf("DIGIT" + d), String.valueOf(d));
      put(m, KeyCode.valueOf("NUMPAD" + d), "kp_" + d);
    }
    for (int f = 1; f <= 12; f++) {
      put(m, KeyCode.valueOf("F" + f), "f" + f);
    }
    put(m, KeyCode.ESCAPE, "esc");
    put(m, KeyCode.MINUS, "minus");
    put(m, KeyCode.EQUALS, "equal");
    put(m, KeyCode.BACK_SPACE, "backspace");
    put(m, KeyCode.TAB, "tab");
    put(m, KeyCode.OPEN_BRACKET, "bracket_left");
    put(m, KeyCode.CLOSE_BRACKET, "bracket_right");
    put(m, KeyCode.ENTER, "ret");
    put(m, KeyCode.CONTROL, "ctrl");
    put(m, KeyCode.SEMICOLON, "semicolon");
    put(m, KeyCode.QUOTE, "apostrophe");
    put(m, KeyCode.BACK_QUOTE, "grave_accent");
    put(m, KeyCode.SHIFT, "shift");
    put(m, KeyCode.BACK_SLASH, "backslash");
    put(m, KeyCode.COMMA, "comma");
    put(m, KeyCode.PERIOD, "dot");
    put(m, KeyCode.SLASH, "slash");
    put(m, KeyCode.MULTIPLY, "kp_multiply");
    put(m, KeyCode.ALT, "alt");
    put(m, KeyCode.ALT_GRAPH, "alt_r");
    put(m, KeyCode.SPACE, "spc");
    put(m, KeyCode.CAPS, "caps_lock");
    put(m, KeyCode.NUM_LOCK, "num_lock");
    put(m, KeyCode.SCROLL_LOCK, "scroll_lock");
    put(m, KeyCode.SUBTRACT, "kp_subtract");
    put(m, KeyCode.ADD, "kp_add");
    put(m, KeyCode.DECIMAL, "kp_decimal");
    put(m, KeyCode.DIVIDE, "kp_divide");
    put(m, KeyCode.LESS, "less");
    put(m, KeyCode.HOME, "home");
    put(m, KeyCode.UP, "up");
    put(m, KeyCode.PAGE_UP, "pgup");
    put(m, KeyCode.LEFT, "left");
    put(m, KeyCode.RIGHT, "right");
    put(m, KeyCode.END, "end");
    put(m, KeyCode.DOWN, "down");
    put(m, KeyCode.PAGE_DOWN, "pgdn");
    put(m, KeyCode.INSERT, "insert");
    put(m, KeyCode.DELETE, "delete");
    put(m, KeyCode.PAUSE, "pause");
    put(m, KeyCode.PRINTSCREEN, "print");
    put(m, KeyCode.WINDOWS, "meta_l");
    put(m, KeyCode.META, "meta_l");
    put(m, KeyCode.CONTEXT_MENU, "menu");
    return m;
  }

  private static void put(Map<KeyCode, Integer> m, KeyCode key, String qemuName) {
    m.put(key, QemuKeyNames.parseCombo(qemuName).get(0));
  }
}
