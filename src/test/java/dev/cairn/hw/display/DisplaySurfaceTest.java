package dev.cairn.hw.display;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DisplaySurfaceTest {

  private static int[] image(int width, int height) {
    int[] pixels = new int[width * height];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = 0xFF00_0000 | i;
    }
    return pixels;
  }

  @Test
  void aNewViewFirstCopiesEverythingThenOnlyWhatWasDamaged() {
    DisplaySurface surface = new DisplaySurface();
    int[] source = image(10, 8);
    surface.show(source, 10, 0, 0, 10, 8);
    DisplayView view = surface.subscribe(() -> {});
    int[] dst = new int[80];
    assertEquals(new Rect(0, 0, 10, 8), view.copyDirty(dst, 10, 8));
    assertArrayEquals(source, dst);
    source[3 * 10 + 4] = 0xFFFF_FFFF;
    source[0] = 0xFF12_3456; // changed but never damaged: not copied
    surface.damage(new Rect(4, 3, 1, 1));
    assertEquals(new Rect(4, 3, 1, 1), view.copyDirty(dst, 10, 8));
    assertEquals(0xFFFF_FFFF, dst[34]);
    assertEquals(0xFF00_0000, dst[0]);
  }

  @Test
  void theScanoutMayBeAWindowOfALargerImage() {
    DisplaySurface surface = new DisplaySurface();
    int[] source = image(20, 20);
    surface.show(source, 20, 5, 6, 4, 3);
    DisplaySurface.Snapshot s = surface.snapshot();
    assertEquals(4, s.width());
    assertEquals(source[6 * 20 + 5], s.pixel(0, 0));
    assertEquals(source[8 * 20 + 8], s.pixel(3, 2));
    assertThrows(IllegalArgumentException.class, () -> surface.show(source, 20, 18, 0, 4, 3));
  }

  @Test
  void damageIsClippedCoalescedAndWakesEachViewOnlyWhenItWasClean() {
    DisplaySurface surface = new DisplaySurface();
    surface.show(image(10, 10), 10, 0, 0, 10, 10);
    AtomicInteger wakesA = new AtomicInteger();
    AtomicInteger wakesB = new AtomicInteger();
    DisplayView a = surface.subscribe(wakesA::incrementAndGet);
    DisplayView b = surface.subscribe(wakesB::incrementAndGet);
    assertEquals(1, wakesA.get(), "subscribing to a picture wakes the viewer for its first copy");
    int[] dst = new int[100];
    a.copyDirty(dst, 10, 10);
    b.copyDirty(dst, 10, 10);
    surface.damage(new Rect(8, 8, 5, 5));
    surface.damage(new Rect(0, 0, 1, 1));
    assertEquals(2, wakesA.get());
    assertEquals(new Rect(0, 0, 10, 10), a.copyDirty(dst, 10, 10));
    surface.damage(new Rect(2, 2, 1, 1));
    assertEquals(3, wakesA.get());
    assertEquals(2, wakesB.get(), "b has not copied yet, so it is not woken again");
    assertEquals(new Rect(0, 0, 10, 10), b.copyDirty(dst, 10, 10));
    surface.damage(new Rect(20, 20, 5, 5));
    assertEquals(3, wakesA.get(), "damage outside the surface is nothing");
    a.close();
    surface.damage(new Rect(1, 1, 1, 1));
    assertEquals(3, wakesA.get(), "a closed view hears nothing");
  }

  @Test
  void resizeIsAnnouncedAndAWrongSizedCopyIsRefusedWithoutLosingTheDamage() {
    DisplaySurface surface = new DisplaySurface();
    List<String> events = new ArrayList<>();
    DisplayView view = surface.subscribe(new DisplayListener() {
      @Override
      public void damaged() {
        events.add("damaged");
      }

      @Override
      public void resized(int width, int height) {
        events.add(width + "x" + height);
      }
    });
    surface.show(image(4, 4), 4, 0, 0, 4, 4);
    assertEquals(List.of("4x4", "damaged"), events);
    assertNull(view.copyDirty(new int[9], 3, 3));
    assertEquals(new Rect(0, 0, 4, 4), view.copyDirty(new int[16], 4, 4));
    surface.blank();
    assertEquals(0, surface.width());
    assertEquals("0x0", events.get(2));
    assertEquals(Rect.EMPTY, view.copyDirty(new int[0], 0, 0));
  }

  @Test
  void withoutViewersDamageDoesNoWork() {
    DisplaySurface surface = new DisplaySurface();
    surface.show(image(4, 4), 4, 0, 0, 4, 4);
    assertFalse(surface.hasViewers());
    surface.damage(new Rect(0, 0, 4, 4)); // returns at once; nothing to observe but no failure
    DisplayView late = surface.subscribe(() -> {});
    assertTrue(surface.hasViewers());
    assertEquals(new Rect(0, 0, 4, 4), late.copyDirty(new int[16], 4, 4));
  }

  @Test
  void rectangleArithmetic() {
    Rect a = new Rect(0, 0, 4, 4);
    assertEquals(new Rect(0, 0, 6, 6), a.union(new Rect(5, 5, 1, 1)));
    assertEquals(a, a.union(Rect.EMPTY));
    assertEquals(new Rect(2, 2, 2, 2), a.intersect(new Rect(2, 2, 10, 10)));
    assertTrue(a.intersect(new Rect(4, 0, 1, 1)).isEmpty());
    assertTrue(a.contains(new Rect(1, 1, 3, 3)));
    assertThrows(IllegalArgumentException.class, () -> new Rect(0, 0, -1, 1));
  }
}
