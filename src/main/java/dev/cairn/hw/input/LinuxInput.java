package dev.cairn.hw.input;

/**
 * Linux input event types and codes, the numbers virtio-input carries. Reference: Linux
 * {@code include/uapi/linux/input-event-codes.h}; virtio 1.2 §5.8.
 */
public final class LinuxInput {

  private LinuxInput() {}

  // ---- event types ----
  public static final int EV_SYN = 0x00;
  public static final int EV_KEY = 0x01;
  public static final int EV_REL = 0x02;
  public static final int EV_ABS = 0x03;
  public static final int EV_LED = 0x11;
  public static final int EV_REP = 0x14;

  public static final int SYN_REPORT = 0;
  public static final int REL_WHEEL = 0x08;
  public static final int ABS_X = 0x00;
  public static final int ABS_Y = 0x01;
  public static final int LED_NUML = 0x00;
  public static final int LED_CAPSL = 0x01;
  public static final int LED_SCROLLL = 0x02;

  // ---- keys (the usual PC keyboard) ----
  public static final int KEY_ESC = 1;
  public static final int KEY_1 = 2;
  public static final int KEY_0 = 11;
  public static final int KEY_MINUS = 12;
  public static final int KEY_EQUAL = 13;
  public static final int KEY_BACKSPACE = 14;
  public static final int KEY_TAB = 15;
  public static final int KEY_Q = 16;
  public static final int KEY_LEFTBRACE = 26;
  public static final int KEY_RIGHTBRACE = 27;
  public static final int KEY_ENTER = 28;
  public static final int KEY_LEFTCTRL = 29;
  public static final int KEY_A = 30;
  public static final int KEY_SEMICOLON = 39;
  public static final int KEY_APOSTROPHE = 40;
  public static final int KEY_GRAVE = 41;
  public static final int KEY_LEFTSHIFT = 42;
  public static final int KEY_BACKSLASH = 43;
  public static final int KEY_Z = 44;
  public static final int KEY_COMMA = 51;
  public static final int KEY_DOT = 52;
  public static final int KEY_SLASH = 53;
  public static final int KEY_RIGHTSHIFT = 54;
  public static final int KEY_KPASTERISK = 55;
  public static final int KEY_LEFTALT = 56;
  public static final int KEY_SPACE = 57;
  public static final int KEY_CAPSLOCK = 58;
  public static final int KEY_F1 = 59;
  public static final int KEY_F10 = 68;
  public static final int KEY_NUMLOCK = 69;
  public static final int KEY_SCROLLLOCK = 70;
  public static final int KEY_KP7 = 71;
  public static final int KEY_KP8 = 72;
  public static final int KEY_KP9 = 73;
  public static final int KEY_KPMINUS = 74;
  public static final int KEY_KP4 = 75;
  public static final int KEY_KP5 = 76;
  public static final int KEY_KP6 = 77;
  public static final int KEY_KPPLUS = 78;
  public static final int KEY_KP1 = 79;
  public static final int KEY_KP2 = 80;
  public static final int KEY_KP3 = 81;
  public static final int KEY_KP0 = 82;
  public static final int KEY_KPDOT = 83;
  public static final int KEY_102ND = 86;
  public static final int KEY_F11 = 87;
  public static final int KEY_F12 = 88;
  public static final int KEY_KPENTER = 96;
  public static final int KEY_RIGHTCTRL = 97;
  public static final int KEY_KPSLASH = 98;
  public static final int KEY_SYSRQ = 99;
  public static final int KEY_RIGHTALT = 100;
  public static final int KEY_HOME = 102;
  public static final int KEY_UP = 103;
  public static final int KEY_PAGEUP = 104;
  public static final int KEY_LEFT = 105;
  public static final int KEY_RIGHT = 106;
  public static final int KEY_END = 107;
  public static final int KEY_DOWN = 108;
  public static final int KEY_PAGEDOWN = 109;
  public static final int KEY_INSERT = 110;
  public static final int KEY_DELETE = 111;
  public static final int KEY_PAUSE = 119;
  public static final int KEY_LEFTMETA = 125;
  public static final int KEY_RIGHTMETA = 126;
  public static final int KEY_COMPOSE = 127;
  /** Highest key code the virtual keyboard reports. */
  public static final int KEY_MAX_USED = 0xFF;

  // ---- buttons ----
  public static final int BTN_LEFT = 0x110;
  public static final int BTN_RIGHT = 0x111;
  public static final int BTN_MIDDLE = 0x112;
  public static final int BTN_SIDE = 0x113;
  public static final int BTN_EXTRA = 0x114;
}
