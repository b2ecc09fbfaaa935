package dev.cairn.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QemuSizeTest {

  @ParameterizedTest
  @CsvSource({
    "512, 1048576, 536870912",
    "512, 1, 512",
    "64k, 1, 65536",
    "64K, 1048576, 65536",
    "1.5G, 1, 1610612736",
    "0.5k, 1, 512",
    "1.0001K, 1, 1025",
    "' 2M ', 1, 2097152",
    "10T, 1, 10995116277760",
    "1P, 1, 1125899906842624",
    "7E, 1, 8070450532247928832",
    "100B, 1048576, 100",
    "0, 1048576, 0"
  })
  void readsNumbersWithTheirSuffixOrTheDefaultUnit(String text, long unit, long bytes) {
    assertEquals(bytes, QemuSize.parse(text, unit));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "G", "abc", "12X", "-5", "1.5", "1e3", "0x10", "1..5G", ".5G", "NaN"})
  void refusesWhatIsNotASize(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> QemuSize.parse(text, 1 << 20));
    assertTrue(e.getMessage().contains("not a size"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"8E", "9223372036854775808", "99999999999999999999T"})
  void refusesSizesOf2To63BytesOrMore(String text) {
    IllegalArgumentException e =
        assertThrows(QemuSize.TooLargeException.class, () -> QemuSize.parse(text, 1));
    assertTrue(e.getMessage().contains("too large"), e.getMessage());
  }
}
