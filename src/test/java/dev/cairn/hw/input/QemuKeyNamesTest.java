package dev.cairn.hw.input;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class QemuKeyNamesTest {

  @Test
  void combinationsGiveLinuxCodesInPressOrder() {
    assertEquals(List.of(LinuxInput.KEY_LEFTCTRL, LinuxInput.KEY_LEFTALT, LinuxInput.KEY_F1 + 1),
        QemuKeyNames.parseCombo("ctrl-alt-f2"));
    assertEquals(List.of(LinuxInput.KEY_ENTER), QemuKeyNames.parseCombo("ret"));
    assertEquals(List.of(LinuxInput.KEY_A), QemuKeyNames.parseCombo("A"));
    assertEquals(List.of(LinuxInput.KEY_KPENTER), QemuKeyNames.parseCombo("kp_enter"));
    assertEquals(List.of(LinuxInput.KEY_F12), QemuKeyNames.parseCombo("f12"));
    assertEquals(List.of(0x1c), QemuKeyNames.parseCombo("0x1c"));
  }

  @Test
  void unknownNamesAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QemuKeyNames.parseCombo("ctrl-nokey"));
    assertTrue(e.getMessage().contains("'nokey'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> QemuKeyNames.parseCombo(""));
    assertThrows(IllegalArgumentException.class, () -> QemuKeyNames.parseCombo("ctrl-"));
    assertThrows(IllegalArgumentException.class, () -> QemuKeyNames.parseCombo("0x1000"));
  }

  @Test
  void charactersMapToTheKeysOfAUsLayout() {
    assertEquals("e", QemuKeyNames.comboFor('e'));
    assertEquals("shift-dot", QemuKeyNames.comboFor('>'));
    assertEquals("slash", QemuKeyNames.comboFor('/'));
    assertEquals("shift-apostrophe", QemuKeyNames.comboFor('"'));
    assertEquals("backslash", QemuKeyNames.comboFor('\\'));
    assertEquals("spc", QemuKeyNames.comboFor(' '));
    assertEquals("ret", QemuKeyNames.comboFor('\n'));
    assertEquals("shift-bracket_left", QemuKeyNames.comboFor('{'));
    assertThrows(IllegalArgumentException.class, () -> QemuKeyNames.comboFor('é'));
    for (char c = 0x20; c < 0x7F; c++) {
      assertFalse(QemuKeyNames.parseCombo(QemuKeyNames.comboFor(c)).isEmpty());
    }
  }
}
