package dev.cairn.hw.virtio;

import static dev.cairn.hw.input.LinuxInput.*;

import dev.cairn.hw.input.QemuKeyNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * virtio-input as QEMU's {@code virtio-keyboard-device} or {@code virtio-tablet-device}.
 * Reference: virtio 1.2 §5.8 (input device): queues §5.8.2, configuration §5.8.4 and event
 * layout §5.8.6.
 *
 * <p>The host calls {@link #key}, {@link #pointer}, {@link #button} and {@link #wheel} on the vCPU
 * thread; each becomes Linux input events followed by a SYN_REPORT in the event queue. Events
 * wait (up to {@link #MAX_PENDING}) while the driver has no buffers posted; the guest's input core
 * does key auto-repeat itself (EV_REP is announced).
 */
public final class VirtioInput implements VirtioDevice {

  public static final int DEVICE_ID = 18;
  /** Tablet coordinates run 0..ABS_MAX on both axes, as QEMU's do. */
  public static final int ABS_MAX = 0x7FFF;
  static final int EVENT_QUEUE = 0;
  static final int STATUS_QUEUE = 1;
  static final int MAX_PENDING = 1024;
  static final int CONFIG_SIZE = 136;

  // ---- struct virtio_input_config select values (§5.8.4) ----
  static final int CFG_UNSET = 0x00;
  static final int CFG_ID_NAME = 0x01;
  static final int CFG_ID_SERIAL = 0x02;
  static final int CFG_ID_DEVIDS = 0x03;
  static final int CFG_PROP_BITS = 0x10;
  static final int CFG_EV_BITS = 0x11;
  static final int CFG_ABS_INFO = 0x12;

  private static final int BUS_VIRTUAL = 0x06;
  private static final int VENDOR_QEMU = 0x0627;

  /** Which of QEMU's virtio input devices this is. */
  public enum Kind {
    KEYBOARD("QEMU Virtio Keyboard", 0x0001),
    TABLET("QEMU Virtio Tablet", 0x0003);

    final String deviceName;
    final int product;

    Kind(String deviceName, int product) {
      this.deviceName = deviceName;
      this.product = product;
    }
  }

  private final Kind kind;
  private VirtioDevice.Transport transport;

  // ---- guest-visible state (VirtioInputState) ----
  int select;
  int subsel;
  /** Events not yet delivered: type << 48 | code << 32 | value. */
  final ArrayDeque<Long> pending = new ArrayDeque<>();
  /** Key codes held down, so a second press is not sent without a release between. */
  final boolean[] keysDown = new boolean[KEYS];
  static final int KEYS = KEY_MAX_USED + 1;

  public VirtioInput(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public int deviceId() {
    return DEVICE_ID;
  }

  @Override
  public long features() {
    return 0;
  }

  @Override
  public int queueCount() {
    return 2;
  }

  @Override
  public int queueMaxSize(int queue) {
    return 64;
  }

  @Override
  public int configSize() {
    return CONFIG_SIZE;
  }

  @Override
  public long readConfig(int offset, int size) {
    byte[] config = config();
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = (value << 8) | (config[offset + i] & 0xFF);
    }
    return value;
  }

  /** The driver selects what to read by writing select (offset 0) and subsel (offset 1). */
  @Override
  public void writeConfig(int offset, int size, long value) {
    for (int i = 0; i < size; i++) {
      int at = offset + i;
      int b = (int) (value >>> (8 * i)) & 0xFF;
      if (at == 0) {
        select = b;
      } else if (at == 1) {
        subsel = b;
      }
    }
  }

  /** The 136 configuration bytes for the current select/subsel: select, subsel, size, data. */
  byte[] config() {
    byte[] c = new byte[CONFIG_SIZE];
    c[0] = (byte) select;
    c[1] = (byte) subsel;
    byte[] data = answer(select, subsel);
    c[2] = (byte) data.length;
    System.arraycopy(data, 0, c, 8, data.length);
    return c;
  }

  /** The union member for a select/subsel pair; empty (size 0) when there is nothing to say. */
  private byte[] answer(int sel, int sub) {
    switch (sel) {
      case CFG_ID_NAME:
        return sub == 0 ? kind.deviceName.getBytes(StandardCharsets.US_ASCII) : new byte[0];
      case CFG_ID_DEVIDS:
        return sub == 0 ? le16s(BUS_VIRTUAL, VENDOR_QEMU, kind.product, 1) : new byte[0];
      case CFG_EV_BITS:
        return eventBits(sub);
      case CFG_ABS_INFO:
        if (kind == Kind.TABLET && (sub == ABS_X || sub == ABS_Y)) {
          byte[] info = new byte[20]; // min, max, fuzz, flat, res
          System.arraycopy(le32(ABS_MAX), 0, info, 4, 4);
          return info;
        }
        return new byte[0];
      default:
        // CFG_UNSET, CFG_ID_SERIAL (none), CFG_PROP_BITS (no properties), unknown selects.
        return new byte[0];
    }
  }

  private byte[] eventBits(int type) {
    if (kind == Kind.KEYBOARD) {
      switch (type) {
        case EV_KEY:
          return bitmap(keyboardKeys());
        case EV_REP:
          return new byte[1]; // present, no codes: the guest's input core repeats keys
        case EV_LED:
          return bitmap(new int[] {LED_NUML, LED_CAPSL, LED_SCROLLL});
        default:
          return new byte[0];
      }
    }
    switch (type) {
      case EV_KEY:
        return bitmap(new int[] {BTN_LEFT, BTN_RIGHT, BTN_MIDDLE, BTN_SIDE, BTN_EXTRA});
      case EV_REL:
        return bitmap(new int[] {REL_WHEEL});
      case EV_ABS:
        return bitmap(new int[] {ABS_X, ABS_Y});
      default:
        return new byte[0];
    }
  }

  private static int[] keyboardKeys() {
    return QemuKeyNames.names().stream()
        .mapToInt(n -> QemuKeyNames.parseCombo(n).get(0)).distinct().toArray();
  }

  private static byte[] bitmap(int[] bits) {
    int max = 0;
    for (int b : bits) {
      max = Math.max(max, b);
    }
    byte[] map = new byte[max / 8 + 1];
    for (int b : bits) {
      map[b / 8] |= (byte) (1 << (b % 8));
    }
    return map;
  }

  private static byte[] le16s(int... values) {
    byte[] out = new byte[2 * values.length];
    for (int i = 0; i < values.length; i++) {
      out[2 * i] = (byte) values[i];
      out[2 * i + 1] = (byte) (values[i] >> 8);
    }
    return out;
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  @Override
  public void attach(VirtioDevice.Transport transport) {
    this.transport = transport;
  }

  @Override
  public void reset() {
    select = 0;
    subsel = 0;
    pending.clear();
    java.util.Arrays.fill(keysDown, false);
  }

  @Override
  public void queueNotified(int queue, Virtqueue q) {
    if (queue == EVENT_QUEUE) {
      deliver();
      return;
    }
    // Status queue: LED changes from the guest. Nothing on the host shows them; consume.
    boolean used = false;
    Virtqueue.Chain chain;
    while ((chain = q.pop()) != null) {
      q.push(chain, 0);
      used = true;
    }
    if (used || q.broken()) {
      transport.notifyUsed(q);
    }
  }

  // ---- host side (vCPU thread) ----

  /** A key went down or up (Linux code); repeated presses of a held key are dropped. */
  public void key(int code, boolean pressed) {
    if (kind != Kind.KEYBOARD || code <= 0 || code > KEY_MAX_USED || keysDown[code] == pressed) {
      return;
    }
    keysDown[code] = pressed;
    queue(EV_KEY, code, pressed ? 1 : 0);
    queue(EV_SYN, SYN_REPORT, 0);
    deliver();
  }

  /** Absolute pointer position, already scaled to 0..{@link #ABS_MAX}. */
  public void pointer(int x, int y) {
    if (kind != Kind.TABLET) {
      return;
    }
    queue(EV_ABS, ABS_X, Math.max(0, Math.min(ABS_MAX, x)));
    queue(EV_ABS, ABS_Y, Math.max(0, Math.min(ABS_MAX, y)));
    queue(EV_SYN, SYN_REPORT, 0);
    deliver();
  }

  public void button(int code, boolean pressed) {
    if (kind != Kind.TABLET || code < BTN_LEFT || code > BTN_EXTRA) {
      return;
    }
    queue(EV_KEY, code, pressed ? 1 : 0);
    queue(EV_SYN, SYN_REPORT, 0);
    deliver();
  }

  public void wheel(int steps) {
    if (kind != Kind.TABLET || steps == 0) {
      return;
    }
    queue(EV_REL, REL_WHEEL, steps);
    queue(EV_SYN, SYN_REPORT, 0);
    deliver();
  }

  private void queue(int type, int code, int value) {
    if (pending.size() >= MAX_PENDING) {
      return; // the guest is not reading input; like QEMU, drop rather than grow without end
    }
    pending.add(encode(type, code, value));
  }

  static long encode(int type, int code, int value) {
    return ((long) (type & 0xFFFF) << 48) | ((long) (code & 0xFFFF) << 32) | (value & 0xFFFF_FFFFL);
  }

  /** Moves pending events into the driver's buffers while there are both. */
  private void deliver() {
    Virtqueue q = transport.queue(EVENT_QUEUE);
    if (pending.isEmpty() || !q.ready()) {
      return;
    }
    boolean used = false;
    byte[] event = new byte[8];
    while (!pending.isEmpty()) {
      Virtqueue.Chain chain = q.pop();
      if (chain == null) {
        break;
      }
      long e = pending.poll();
      int type = (int) (e >>> 48);
      int code = (int) (e >>> 32) & 0xFFFF;
      int value = (int) e;
      event[0] = (byte) type;
      event[1] = (byte) (type >> 8);
      event[2] = (byte) code;
      event[3] = (byte) (code >> 8);
      System.arraycopy(le32(value), 0, event, 4, 4);
      q.push(chain, chain.scatter(0, event, 0, 8));
      used = true;
    }
    if (used || q.broken()) {
      transport.notifyUsed(q);
    }
  }
}
