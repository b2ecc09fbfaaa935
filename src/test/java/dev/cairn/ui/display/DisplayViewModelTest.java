package dev.cairn.ui.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.hw.input.InputEvents;
import dev.cairn.hw.input.LinuxInput;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host input to guest input, without a screen. */
class DisplayViewModelTest {

  private final List<String> events = new ArrayList<>();
  private final DisplayViewModel model = new DisplayViewModel();

  private final InputEvents recorder = new InputEvents() {
    @Override
    public void key(int linuxCode, boolean pressed) {
      events.add((pressed ? "down " : "up ") + linuxCode);
    }

    @Override
    public void pointer(int x, int y, int width, int height) {
      events.add("at " + x + "," + y + " of " + width + "x" + height);
    }

    @Override
    public void button(int linuxButton, boolean pressed) {
      events.add((pressed ? "press " : "release ") + linuxButton);
    }

    @Override
    public void wheel(int steps) {
      events.add("wheel " + steps);
    }
  };

  @BeforeEach
  void attach() {
    DisplaySurface surface = new DisplaySurface();
    surface.show(new int[640 * 480], 640, 0, 0, 640, 480);
    model.attach(surface, recorder);
  }

  @Test
  void keysArriveAsLinuxCodesOfThePhysicalKey() {
    model.key(KeyCode.A, true, false, false);
    model.key(KeyCode.A, false, false, false);
    model.key(KeyCode.ENTER, true, false, false);
    assertEquals(List.of("down 30", "up 30", "down 28"), events);
  }

  @Test
  void ctrlAltReleasesTheKeyboardAndLiftsWhatTheGuestHeld() {
    model.grabbed().set(true);
    assertFalse(model.key(KeyCode.CONTROL, true, true, false));
    assertTrue(model.key(KeyCode.ALT, true, true, true));
    assertEquals(List.of("down " + LinuxInput.KEY_LEFTCTRL, "up " + LinuxInput.KEY_LEFTCTRL),
        events);
    assertFalse(model.grabbed().get());
  }

  @Test
  void aKeyUpWithoutItsKeyDownIsNotSent() {
    model.key(KeyCode.B, false, false, false);
    assertEquals(List.of(), events);
  }

  @Test
  void thePointerIsAbsoluteAndClampedToTheScreen() {
    model.pointer(100.7, 20.2);
    model.pointer(-5, 900);
    model.button(MouseButton.PRIMARY, true);
    model.wheel(-1);
    assertEquals(List.of("at 100,20 of 640x480", "at 0,479 of 640x480",
        "press " + LinuxInput.BTN_LEFT, "wheel -1"), events);
  }

  @Test
  void sendKeyPressesTheComboInOrderAndLiftsItInReverse() {
    model.sendKeys("ctrl-alt-delete");
    assertEquals(List.of("down 29", "down 56", "down 111", "up 111", "up 56", "up 29"), events);
  }
}
