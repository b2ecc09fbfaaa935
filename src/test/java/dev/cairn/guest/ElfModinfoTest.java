package dev.cairn.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElfModinfoTest {

  /**
   * A minimal ELF64 relocatable file: a .rodata section that contains a decoy "depends=" string,
   * a .modinfo section, and the section-name string table.
   */
  static byte[] module(String modinfo) {
    byte[] rodata = "depends=decoy_module\0".getBytes(StandardCharsets.US_ASCII);
    byte[] info = modinfo.getBytes(StandardCharsets.US_ASCII);
    byte[] names = "\0.rodata\0.modinfo\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
    int rodataOff = 64;
    int infoOff = rodataOff + rodata.length;
    int namesOff = infoOff + info.length;
    int shoff = (namesOff + names.length + 7) & ~7;
    ByteBuffer b = ByteBuffer.allocate(shoff + 4 * 64).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    b.putShort(16, (short) 1).putShort(18, (short) 243).putInt(20, 1);
    b.putLong(0x28, shoff).putShort(0x34, (short) 64).putShort(0x3A, (short) 64)
        .putShort(0x3C, (short) 4).putShort(0x3E, (short) 3);
    b.put(rodataOff, rodata).put(infoOff, info).put(namesOff, names);
    section(b, shoff + 64, 1, rodataOff, rodata.length);
    section(b, shoff + 128, 9, infoOff, info.length);
    section(b, shoff + 192, 17, namesOff, names.length);
    return b.array();
  }

  private static void section(ByteBuffer b, int at, int name, int offset, int size) {
    b.putInt(at, name).putInt(at + 4, 1).putLong(at + 0x18, offset).putLong(at + 0x20, size);
  }

  @Test
  void dependsComesFromTheModinfoSectionNotFromOtherStrings() throws Exception {
    ElfModinfo info = ElfModinfo.read(module(
        "license=GPL\0depends=virtio_ring,snd-pcm\0name=test\0vermagic=6.12 SMP\0\0"), "t.ko");
    assertEquals(List.of("virtio_ring", "snd_pcm"), info.depends());
    assertEquals("test", info.name());
    assertEquals("6.12 SMP", info.vermagic());
  }

  @Test
  void anEmptyDependsMeansNoDependencies() throws Exception {
    assertEquals(List.of(), ElfModinfo.read(module("depends=\0name=x\0"), "x.ko").depends());
  }

  @Test
  void aFileThatIsNotElfIsRefused() {
    assertThrows(GuestBuildException.class,
        () -> ElfModinfo.read(new byte[100], "broken.ko"));
  }

  @Test
  void aTruncatedModuleIsRefusedWithAMessage() {
    byte[] whole = module("name=x\0");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 100);
    assertThrows(GuestBuildException.class, () -> ElfModinfo.read(cut, "cut.ko"));
  }

  @Test
  void moduleNamesTreatDashesAsUnderscores() {
    assertEquals("virtio_rng",
        KernelModule.nameOfPath("kernel/drivers/char/hw_random/virtio-rng.ko.xz"));
  }
}
