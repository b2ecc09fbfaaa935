package dev.cairn.hw.input;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * QEMU's key names ({@code sendkey ctrl-alt-f2}) and the Linux key codes they stand for, plus the
 * keys that type an ASCII character on a US layout. Reference: QEMU {@code qapi/ui.json}
 * (QKeyCode) and {@code hmp-commands.hx} (sendkey).
 */
public final class QemuKeyNames {

  private static final Map<String, Integer> CODES = table();
  /** US layout: unshifted characters, then the shifted character on the same key. */
  private static final String PLAIN = "1234567890-=qwertyuiop[]asdfghjkl;'`\\zxcvbnm,./";
  private static final String SHIFTED = "!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:\"~|ZXCVBNM<>?";
  private static final String PLAIN_NAMES = "1 2 3 4 5 6 7 8 9 0 minus equal q w e r t y u i o p"
      + " bracket_left bracket_right a s d f g h j k l semicolon apostrophe grave_accent"
      + " backslash z x c v b n m comma dot slash";

  private QemuKeyNames() {}

  private static Map<String, Integer> table() {
    Map<String, Integer> m = new LinkedHashMap<>();
    String[] row = {
      "esc", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "minus", "equal", "backspace",
      "tab", "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "bracket_left", "bracket_right",
      "ret", "ctrl", "a", "s", "d", "f", "g", "h", "j", "k", "l", "semicolon", "apostrophe",
      "grave_accent", "shift", "backslash", "z", "x", "c", "v", "b", "n", "m", "comma", "dot",
      "slash", "shift_r", "kp_multiply", "alt", "spc", "caps_lock", "f1", "f2", "f3", "f4", "f5",
      "f6", "f7", "f8", "f9", "f10", "num_lock", "scroll_lock", "kp_7", "kp_8", "kp_9",
      "kp_subtract", "kp_4", "kp_5", "kp_6", "kp_add", "kp_1", "kp_2", "kp_3", "kp_0",
      "kp_decimal"
    };
    // Linux codes 1..83 run in exactly this order (the PC/AT scan-code set 1 layout).
    for (int i = 0; i < row.length; i++) {
      m.put(row[i], i + 1);
    }
    m.put("less", LinuxInput.KEY_102ND);
    m.put("f11", LinuxInput.KEY_F11);
    m.put("f12", LinuxInput.KEY_F12);
    m.put("kp_enter", LinuxInput.KEY_KPENTER);
    m.put("ctrl_r", LinuxInput.KEY_RIGHTCTRL);
    m.put("kp_divide", LinuxInput.KEY_KPSLASH);
    m.put("sysrq", LinuxInput.KEY_SYSRQ);
    m.put("print", LinuxInput.KEY_SYSRQ);
    m.put("alt_r", LinuxInput.KEY_RIGHTALT);
    m.put("home", LinuxInput.KEY_HOME);
    m.put("up", LinuxInput.KEY_UP);
    m.put("pgup", LinuxInput.KEY_PAGEUP);
    m.put("left", LinuxInput.KEY_LEFT);
    m.put("right", LinuxInput.KEY_RIGHT);
    m.put("end", LinuxInput.KEY_END);
    m.put("down", LinuxInput.KEY_DOWN);
    m.put("pgdn", LinuxInput.KEY_PAGEDOWN);
    m.put("insert", LinuxInput.KEY_INSERT);
    m.put("delete", LinuxInput.KEY_DELETE);
    m.put("pause", LinuxInput.KEY_PAUSE);
    m.put("meta_l", LinuxInput.KEY_LEFTMETA);
    m.put("meta_r", LinuxInput.KEY_RIGHTMETA);
    m.put("menu", LinuxInput.KEY_COMPOSE);
    return Collections.unmodifiableMap(m);
  }

  /** Every key name, in Linux code order (for help and completion). */
  public static List<String> names() {
    return List.copyOf(CODES.keySet());
  }

  /**
   * The Linux codes of a combination such as {@code ctrl-alt-f2}, in the order to press them. A
   * part may also be a hexadecimal Linux key code ({@code 0x1c}).
   *
   * @throws IllegalArgumentException naming the unknown key
   */
  public static List<Integer> parseCombo(String combo) {
    if (combo.isEmpty()) {
      throw new IllegalArgumentException("no key given");
    }
    List<Integer> codes = new ArrayList<>();
    // Split on '-' but allow the key "minus" spelled as "-"-free names only, as QEMU does.
    for (String part : combo.split("-", -1)) {
      codes.add(code(part));
    }
    return codes;
  }

  private static int code(String part) {
    String name = part.toLowerCase(Locale.ROOT);
    Integer code = CODES.get(name);
    if (code != null) {
      return code;
    }
    if (name.startsWith("0x") && name.length() > 2) {
      try {
        int value = Integer.parseInt(name.substring(2), 16);
        if (value > 0 && value <= LinuxInput.KEY_MAX_USED) {
          return value;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new IllegalArgumentException("invalid parameter: unknown key '" + part + "'");
  }

  /**
   * The QEMU key combination that types {@code c} on a US layout ({@code 'A'} gives {@code
   * shift-a}, {@code '\n'} gives {@code ret}).
   *
   * @throws IllegalArgumentException for a character no single key combination types
   */
  public static String comboFor(char c) {
    String[] names = PLAIN_NAMES.split(" ");
    switch (c) {
      case ' ':
        return "spc";
      case '\n':
        return "ret";
      case '\t':
        return "tab";
      case 0x1b:
        return "esc";
      default:
        break;
    }
    int plain = PLAIN.indexOf(c);
    if (plain >= 0) {
      return names[plain];
    }
    int shifted = SHIFTED.indexOf(c);
    if (shifted >= 0) {
      return "shift-" + names[shifted];
    }
    throw new IllegalArgumentException("no key types character " + (int) c);
  }
}
