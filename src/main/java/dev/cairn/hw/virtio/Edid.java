package dev.cairn.hw.virtio;

import java.nio.charset.StandardCharsets;

/**
 * A 128-byte EDID 1.4 base block describing a monitor whose preferred mode is the given size at
 * 60 Hz, for virtio-gpu's GET_EDID. Reference: VESA E-EDID Release A, Revision 2 (§3.1 header,
 * §3.10.2 detailed timing descriptor, §3.10.3 display descriptors).
 */
final class Edid {

  private static final byte[] HEADER = {0, -1, -1, -1, -1, -1, -1, 0};
  /** sRGB primaries and white point, as most monitors report them. */
  private static final byte[] CHROMATICITY =
      {(byte) 0xEE, (byte) 0x91, (byte) 0xA3, 0x54, 0x4C, (byte) 0x99, 0x26, 0x0F, 0x50, 0x54};
  private static final int H_BLANK = 160;
  private static final int V_BLANK = 30;

  private Edid() {}

  /** The EDID block for a {@code width x height} monitor (each 1..4095). */
  static byte[] forSize(int width, int height) {
    byte[] e = new byte[128];
    System.arraycopy(HEADER, 0, e, 0, 8);
    int vendor = letter('C') << 10 | letter('R') << 5 | letter('N');
    e[8] = (byte) (vendor >> 8);
    e[9] = (byte) vendor;
    e[10] = 1; // product code, little-endian
    e[16] = 1; // week of manufacture
    e[17] = 34; // year - 1990: 2024
    e[18] = 1; // EDID version 1.4
    e[19] = 4;
    e[20] = (byte) 0x80; // digital input
    e[21] = 32; // screen size in cm: about 15" 4:3
    e[22] = 24;
    e[23] = 120; // gamma 2.2
    e[24] = 0x0E; // RGB colour, sRGB default, preferred timing is native
    System.arraycopy(CHROMATICITY, 0, e, 25, 10);
    for (int i = 38; i < 54; i++) {
      e[i] = 1; // standard timings unused
    }
    detailedTiming(e, 54, width, height);
    displayDescriptor(e, 72, 0xFC, "Cairn");
    displayDescriptor(e, 90, 0x10, "");
    displayDescriptor(e, 108, 0x10, "");
    int sum = 0;
    for (int i = 0; i < 127; i++) {
      sum += e[i] & 0xFF;
    }
    e[127] = (byte) (256 - (sum & 0xFF));
    return e;
  }

  private static int letter(char c) {
    return c - 'A' + 1;
  }

  private static void detailedTiming(byte[] e, int at, int width, int height) {
    int clock = (int) ((long) (width + H_BLANK) * (height + V_BLANK) * 60 / 10_000);
    e[at] = (byte) clock;
    e[at + 1] = (byte) (clock >> 8);
    e[at + 2] = (byte) width;
    e[at + 3] = (byte) H_BLANK;
    e[at + 4] = (byte) (((width >> 8) & 0xF) << 4 | ((H_BLANK >> 8) & 0xF));
    e[at + 5] = (byte) height;
    e[at + 6] = (byte) V_BLANK;
    e[at + 7] = (byte) (((height >> 8) & 0xF) << 4 | ((V_BLANK >> 8) & 0xF));
    e[at + 8] = 48; // h sync offset
    e[at + 9] = 32; // h sync width
    e[at + 10] = (byte) (3 << 4 | 6); // v sync offset 3, width 6
    e[at + 11] = 0;
    e[at + 12] = (byte) 320; // image size in mm, low bits
    e[at + 13] = (byte) 240;
    e[at + 14] = (byte) ((320 >> 8) << 4 | (240 >> 8));
    e[at + 17] = 0x1E; // digital separate sync, +hsync +vsync
  }

  private static void displayDescriptor(byte[] e, int at, int tag, String text) {
    e[at + 3] = (byte) tag;
    if (tag == 0x10) {
      return; // dummy descriptor: all zero
    }
    byte[] chars = (text + "\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 13; i++) {
      e[at + 5 + i] = i < chars.length ? chars[i] : 0x20;
    }
  }
}
