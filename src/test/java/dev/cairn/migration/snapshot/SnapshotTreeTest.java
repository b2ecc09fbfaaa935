package dev.cairn.migration.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.hw.display.DisplaySurface;
import dev.cairn.machine.DisplayDevices;
import dev.cairn.machine.Machine;
import dev.cairn.machine.MachineConfig;
import dev.cairn.migration.CounterGuest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the snapshot store records beyond the stream: which snapshot each one descends from, which
 * one the current state comes from, and a thumbnail of the screen; and that indexes written
 * before these existed still load.
 */
class SnapshotTreeTest {

  @TempDir static Path guestDir;
  private static Path counter;
  @TempDir Path dir;

  @BeforeAll
  static void buildGuest() throws Exception {
    counter = CounterGuest.build(guestDir);
  }

  private static Machine machine(DisplayDevices display) throws Exception {
    return Machine.create(new MachineConfig(16L << 20, null, counter, null, "", List.of(), false,
        true, display));
  }

  private static Map<String, SnapshotInfo> byTag(SnapshotStore store) throws Exception {
    return store.list().stream().collect(Collectors.toMap(SnapshotInfo::tag, Function.identity()));
  }

  @Test
  void takeATakeBLoadATakeCMakesCASiblingOfB() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine(DisplayDevices.NONE)) {
      SnapshotInfo a = store.save(machine, "A");
      assertEquals(SnapshotInfo.NO_PARENT, a.parentId(), "the first snapshot has no parent");
      SnapshotInfo b = store.save(machine, "B");
      store.load(machine, "A");
      assertEquals(a.id(), store.currentId(), "the loaded snapshot is the current one");
      SnapshotInfo c = store.save(machine, "C");

      Map<String, SnapshotInfo> tags = byTag(store);
      assertEquals(a.id(), tags.get("B").parentId());
      assertEquals(a.id(), tags.get("C").parentId());
      assertEquals(c.id(), store.currentId());
      assertEquals(b.id(), tags.get("B").id());
    }
  }

  @Test
  void deletingAMiddleSnapshotReparentsItsChildrenAndTheCurrentState() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine(DisplayDevices.NONE)) {
      SnapshotInfo a = store.save(machine, "A");
      SnapshotInfo b = store.save(machine, "B");
      store.save(machine, "C");
      store.load(machine, "B");
      store.save(machine, "D");
      store.load(machine, "B");

      assertTrue(store.delete("B", machine));
      Map<String, SnapshotInfo> tags = byTag(store);
      assertEquals(a.id(), tags.get("C").parentId(), "C now hangs from B's parent");
      assertEquals(a.id(), tags.get("D").parentId(), "so does D");
      assertEquals(a.id(), store.currentId(), "the state that came from B now comes from A");
      assertFalse(tags.containsKey("B"));

      store.delete("A", machine);
      assertEquals(SnapshotInfo.NO_PARENT, byTag(store).get("C").parentId());
      assertEquals(SnapshotInfo.NO_PARENT, store.currentId());
      assertEquals(b.id() + 3, store.save(machine, "E").id(), "IDs still grow");
    }
  }

  @Test
  void anIndexWrittenBeforeParentsAndThumbnailsStillLoadsAndGrows() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine(DisplayDevices.NONE)) {
      store.save(machine, "old");
      String stream = store.find("old").orElseThrow().file();
      // Exactly what the index looked like before parents, current and thumbnails.
      Files.writeString(dir.resolve(SnapshotStore.INDEX), """
          {
            "format" : 1,
            "nextId" : 2,
            "snapshots" : [ {
              "id" : 1,
              "tag" : "old",
              "file" : "%s",
              "sizeBytes" : 100,
              "dateMillis" : 1700000000000,
              "vmClockTicks" : 5,
              "instructions" : 7
            } ]
          }
          """.formatted(stream));
      SnapshotInfo old = store.list().get(0);
      assertEquals(new SnapshotInfo(1, "old", stream, 100, 1700000000000L, 5, 7), old);
      assertEquals(SnapshotInfo.NO_PARENT, old.parentId());
      assertNull(old.thumbnail());
      assertEquals(SnapshotInfo.NO_PARENT, store.currentId());

      store.load(machine, "old");
      SnapshotInfo next = store.save(machine, "next");
      assertEquals(2, next.id());
      assertEquals(1, next.parentId(), "once loaded, the old snapshot is a parent like any");
    }
  }

  @Test
  void aVmWithADisplayGetsAThumbnailOfItsScreenThatGoesWithTheSnapshot() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine(DisplayDevices.DESKTOP)) {
      DisplaySurface surface = machine.display().orElseThrow();
      // Left half red, right half blue, 640x480: the thumbnail keeps the 4:3 shape.
      int[] screen = new int[640 * 480];
      for (int i = 0; i < screen.length; i++) {
        screen[i] = (i % 640) < 320 ? 0xff0000 : 0x0000ff;
      }
      surface.show(screen, 640, 0, 0, 640, 480);

      SnapshotInfo info = store.save(machine, "with-screen");
      Path png = store.thumbnail(info).orElseThrow();
      assertEquals(png, dir.resolve(store.find("with-screen").orElseThrow().thumbnail()));
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(ScreenThumbnail.MAX_SIDE, image.getWidth());
      assertEquals(120, image.getHeight());
      assertEquals(0xff0000, image.getRGB(10, 60) & 0xffffff);
      assertEquals(0x0000ff, image.getRGB(150, 60) & 0xffffff);

      store.delete("with-screen", machine);
      assertFalse(Files.exists(png), "the thumbnail is deleted with its snapshot");

      // One-pixel black and white columns (like text) average to grey instead of random dots.
      for (int i = 0; i < screen.length; i++) {
        screen[i] = (i % 2 == 0) ? 0xffffff : 0;
      }
      surface.show(screen, 640, 0, 0, 640, 480);
      BufferedImage stripes = ImageIO.read(
          store.thumbnail(store.save(machine, "stripes")).orElseThrow().toFile());
      int grey = stripes.getRGB(80, 60) & 0xff;
      assertTrue(grey >= 0x70 && grey <= 0x8f, "grey level " + grey);
    }
  }

  @Test
  void aVmWithoutADisplayOrWithABlankOneGetsNoThumbnailAndNoError() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine headless = machine(DisplayDevices.NONE);
        Machine blank = machine(DisplayDevices.DESKTOP)) {
      SnapshotInfo none = store.save(headless, "headless");
      assertNull(none.thumbnail());
      assertTrue(store.thumbnail(none).isEmpty());
      SnapshotInfo unset = store.save(blank, "no-mode-yet");
      assertNull(unset.thumbnail());
      try (var files = Files.list(dir)) {
        assertTrue(files.noneMatch(f -> f.toString().endsWith(".png")));
      }
    }
  }

  @Test
  void renameKeepsTheSnapshotAndRefusesATakenName() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine(DisplayDevices.NONE)) {
      SnapshotInfo a = store.save(machine, "a");
      store.save(machine, "b");
      SnapshotInfo renamed = store.rename(machine, "a", "before-upgrade");
      assertEquals(a.id(), renamed.id());
      assertEquals(List.of("before-upgrade", "b"),
          store.list().stream().map(SnapshotInfo::tag).toList());
      store.load(machine, "before-upgrade");

      SnapshotException taken = assertThrows(SnapshotException.class,
          () -> store.rename(machine, "b", "before-upgrade"));
      assertEquals("A snapshot named 'before-upgrade' already exists", taken.getMessage());
      assertThrows(SnapshotException.class, () -> store.rename(machine, "no-such", "x"));
      assertThrows(SnapshotException.class, () -> store.rename(machine, "b", " "));
      assertEquals(List.of("before-upgrade", "b"),
          store.list().stream().map(SnapshotInfo::tag).toList());
    }
  }

  @Test
  void aDescriptionIsKeptAcrossReadsAndRenamesAndABlankOneClearsIt() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine(DisplayDevices.NONE)) {
      store.save(machine, "A");
      SnapshotInfo described = store.describe("A", "  before the upgrade\nkernel 6.12  ");
      assertEquals("before the upgrade\nkernel 6.12", described.description());
      assertEquals("before the upgrade\nkernel 6.12",
          new SnapshotStore(dir).find("A").orElseThrow().description(), "read back from disk");
      store.rename(machine, "A", "B");
      assertEquals("before the upgrade\nkernel 6.12", byTag(store).get("B").description());
      assertNull(store.describe("B", "   ").description());
      assertNull(byTag(store).get("B").description());
    }
  }

  @Test
  void aDescriptionForNoSnapshotOrTooLongIsRefusedAndTheIndexStaysAsItWas() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (Machine machine = machine(DisplayDevices.NONE)) {
      store.save(machine, "A");
      store.describe("A", "kept");
      byte[] index = Files.readAllBytes(dir.resolve("snapshots.json"));
      SnapshotException missing =
          assertThrows(SnapshotException.class, () -> store.describe("nope", "text"));
      assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
      SnapshotException tooLong = assertThrows(SnapshotException.class,
          () -> store.describe("A", "x".repeat(SnapshotStore.MAX_DESCRIPTION + 1)));
      assertTrue(tooLong.getMessage().contains("at most"), tooLong.getMessage());
      assertTrue(java.util.Arrays.equals(index,
          Files.readAllBytes(dir.resolve("snapshots.json"))), "the index is unchanged");
      assertEquals("kept", byTag(store).get("A").description());
    }
  }
}
