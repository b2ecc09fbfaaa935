package dev.cairn.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one writer and reader, exercised on a sample object with every field kind. */
class StateDescriptionTest {

  /** A part held in a struct field and in a struct array. */
  static final class Part {
    int a;
    long b;
  }

  /** Something with state of every kind. */
  static final class Sample {
    boolean flag;
    int small;
    int half;
    int word;
    long unsignedWord;
    long wide;
    String text = "initial";
    byte[] fixedBytes = new byte[4];
    byte[] anyBytes = new byte[0];
    int[] ints = new int[3];
    long[] longs = new long[2];
    boolean[] bools = new boolean[2];
    long[] anyLongs = new long[0];
    final Part part = new Part();
    final List<Part> parts = List.of(new Part(), new Part());
    long added = -7;
    int extra;
    int postLoads;
    int postLoadFrom;

    String snapshot() {
      return flag + " " + small + " " + half + " " + word + " " + unsignedWord + " " + wide + " "
          + text + " " + Arrays.toString(fixedBytes) + Arrays.toString(anyBytes)
          + Arrays.toString(ints) + Arrays.toString(longs) + Arrays.toString(bools)
          + Arrays.toString(anyLongs) + " " + part.a + "/" + part.b + " "
          + parts.get(0).a + "/" + parts.get(0).b + " " + parts.get(1).a + "/" + parts.get(1).b
          + " " + added + " " + extra;
    }
  }

  static final StateDescription<Part> PART = StateDescription.builder("part", Part.class)
      .i32("a", p -> p.a, (p, v) -> p.a = v)
      .i64("b", p -> p.b, (p, v) -> p.b = v)
      .build();

  static final StateDescription<Sample> EXTRA = StateDescription.builder("extra", Sample.class)
      .i32("extra", s -> s.extra, (s, v) -> s.extra = v)
      .build();

  private static StateDescription.Builder<Sample> fields(int version) {
    return StateDescription.builder("sample", Sample.class)
        .version(version)
        .bool("flag", s -> s.flag, (s, v) -> s.flag = v)
        .u8("small", s -> s.small, (s, v) -> s.small = v)
        .check((s, v) -> v != 0xEE, "0xee is reserved")
        .u16("half", s -> s.half, (s, v) -> s.half = v)
        .i32("word", s -> s.word, (s, v) -> s.word = v)
        .u32("unsignedWord", s -> s.unsignedWord, (s, v) -> s.unsignedWord = v)
        .i64("wide", s -> s.wide, (s, v) -> s.wide = v)
        .string("text", s -> s.text, (s, v) -> s.text = v)
        .bytes("fixedBytes", 4, s -> s.fixedBytes)
        .bytes("anyBytes", s -> s.anyBytes, (s, v) -> s.anyBytes = v)
        .i32s("ints", 3, s -> s.ints)
        .checkElements((i, v) -> v >= 0, "no negative ints")
        .i64s("longs", 2, s -> s.longs)
        .bools("bools", 2, s -> s.bools)
        .i64s("anyLongs", s -> s.anyLongs, (s, v) -> s.anyLongs = v)
        .struct("part", PART, s -> s.part)
        .structs("parts", PART, s -> s.parts)
        .subsection(EXTRA, s -> s.extra != 0)
        .postLoad((s, from) -> {
          s.postLoads++;
          s.postLoadFrom = from;
        });
  }

  static final StateDescription<Sample> V1 = fields(1).build();

  static final StateDescription<Sample> V2 = fields(2)
      .i64("added", s -> s.added, (s, v) -> s.added = v)
      .since(2)
      .build();

  private static Sample busy() {
    Sample s = new Sample();
    s.flag = true;
    s.small = 0xAB;
    s.half = 0xBEEF;
    s.word = -5;
    s.unsignedWord = 0xFFFF_FFF0L;
    s.wide = Long.MIN_VALUE + 3;
    s.text = "héllo";
    s.fixedBytes = new byte[] {1, 2, 3, 4};
    s.anyBytes = new byte[] {9, 8, 7};
    s.ints = new int[] {10, 20, 30};
    s.longs = new long[] {-1L, 42L};
    s.bools = new boolean[] {true, false};
    s.anyLongs = new long[] {5, 6, 7, 8};
    s.part.a = 11;
    s.part.b = 12;
    s.parts.get(0).a = 13;
    s.parts.get(1).b = 14;
    s.added = 99;
    s.extra = 15;
    return s;
  }

  @Test
  void everyFieldKindSurvivesARoundTrip() throws Exception {
    Sample original = busy();
    Sample copy = new Sample();
    StateReader.fromBytes(V2, copy, StateWriter.toBytes(V2, original), 2);

    assertEquals(original.snapshot(), copy.snapshot());
    assertEquals(1, copy.postLoads);
    assertEquals(2, copy.postLoadFrom);
  }

  @Test
  void aBodyFramedByItsContainerSurvivesARoundTrip() throws Exception {
    Sample original = busy();
    Sample copy = new Sample();
    StateReader.loadBody(V2, copy, StateWriter.body(V2, original), 2);

    assertEquals(original.snapshot(), copy.snapshot());
  }

  @Test
  void aNullStringSurvivesARoundTrip() throws Exception {
    Sample original = busy();
    original.text = null;
    Sample copy = new Sample();
    StateReader.fromBytes(V2, copy, StateWriter.toBytes(V2, original), 2);

    assertNull(copy.text);
  }

  @Test
  void loadRefusesSectionNewerThanThisBuild() {
    byte[] bytes = StateWriter.toBytes(V2, busy());

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(V2, new Sample(), bytes, 3));
    assertEquals("section 'sample' has version 3; this build reads versions 1 to 2",
        e.getMessage());
  }

  @Test
  void loadRefusesSectionOlderThanTheMinimum() {
    StateDescription<Sample> strict = fields(2).minimumVersion(2).build();
    byte[] bytes = StateWriter.toBytes(V1, busy());

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(strict, new Sample(), bytes, 1));
    assertEquals("section 'sample' has version 1; this build reads versions 2 to 2",
        e.getMessage());
  }

  @Test
  void aVersionOneStreamKeepsTheDefaultOfAFieldAddedInVersionTwo() throws Exception {
    byte[] bytes = StateWriter.toBytes(V1, busy());
    Sample copy = new Sample();
    StateReader.fromBytes(V2, copy, bytes, 1);

    assertEquals(-7, copy.added, "the field is absent from a version 1 stream");
    assertEquals(0xBEEF, copy.half);
    assertEquals(1, copy.postLoadFrom, "postLoad learns the stream was version 1");
  }

  @Test
  void aVersionTwoStreamReadAsVersionOneIsRefusedForItsExtraField() {
    byte[] bytes = StateWriter.toBytes(V2, busy());

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(V2, new Sample(), bytes, 1));
    assertEquals(
        "section 'sample' version 1 carries 16 fields; this build expects 15 for that version",
        e.getMessage());
  }

  @Test
  void loadRefusesATruncatedPayload() {
    byte[] bytes = StateWriter.toBytes(V2, busy());
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 5);

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(V2, new Sample(), cut, 2));
    assertTrue(e.getMessage().startsWith("section 'sample': payload truncated"), e.getMessage());
  }

  @Test
  void loadRefusesAPayloadWhoseFieldsEndEarly() {
    Sample s = busy();
    byte[] bytes = StateWriter.toBytes(V2, s);
    // Drop the last 30 bytes and shrink the declared length to match: the payload arrives whole
    // but its fields run out early, inside the last struct.
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 30);
    int length = cut.length - 4;
    cut[0] = (byte) (length >>> 24);
    cut[1] = (byte) (length >>> 16);
    cut[2] = (byte) (length >>> 8);
    cut[3] = (byte) length;

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(V2, new Sample(), cut, 2));
    assertTrue(e.getMessage().startsWith("section 'sample'"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void loadRefusesAnUnknownSubsection() {
    byte[] bytes = StateWriter.toBytes(V2, busy());

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(withoutSubsections(), new Sample(), bytes, 2));
    assertEquals("section 'sample' has subsection 'extra' that this build does not know "
        + "(known: [])", e.getMessage());
  }

  /** V2 as a build that never had the 'extra' subsection would declare it. */
  private static StateDescription<Sample> withoutSubsections() {
    StateDescription.Builder<Sample> b = StateDescription.builder("sample", Sample.class)
        .version(2);
    b.bool("flag", s -> s.flag, (s, v) -> s.flag = v)
        .u8("small", s -> s.small, (s, v) -> s.small = v)
        .u16("half", s -> s.half, (s, v) -> s.half = v)
        .i32("word", s -> s.word, (s, v) -> s.word = v)
        .u32("unsignedWord", s -> s.unsignedWord, (s, v) -> s.unsignedWord = v)
        .i64("wide", s -> s.wide, (s, v) -> s.wide = v)
        .string("text", s -> s.text, (s, v) -> s.text = v)
        .bytes("fixedBytes", 4, s -> s.fixedBytes)
        .bytes("anyBytes", s -> s.anyBytes, (s, v) -> s.anyBytes = v)
        .i32s("ints", 3, s -> s.ints)
        .i64s("longs", 2, s -> s.longs)
        .bools("bools", 2, s -> s.bools)
        .i64s("anyLongs", s -> s.anyLongs, (s, v) -> s.anyLongs = v)
        .struct("part", PART, s -> s.part)
        .structs("parts", PART, s -> s.parts)
        .i64("added", s -> s.added, (s, v) -> s.added = v)
        .since(2);
    assertEquals(V2.fieldNames(), b.build().fieldNames());
    return b.build();
  }

  @Test
  void aSubsectionThatIsNotNeededIsNotWritten() throws Exception {
    Sample original = busy();
    original.extra = 0;
    byte[] without = StateWriter.toBytes(V2, original);
    original.extra = 15;
    byte[] with = StateWriter.toBytes(V2, original);

    assertTrue(with.length > without.length);
    Sample copy = new Sample();
    copy.extra = 3;
    StateReader.fromBytes(V2, copy, without, 2);
    assertEquals(3, copy.extra, "an absent subsection leaves its fields alone");
  }

  @Test
  void aRefusedLoadLeavesTheObjectUnchanged() {
    Sample target = busy();
    target.small = 1;
    target.parts.get(1).b = 77;
    String before = target.snapshot();
    Sample source = busy();
    source.ints = new int[] {1, 2, -3}; // refused by checkElements, after most fields decoded

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(V2, target, StateWriter.toBytes(V2, source), 2));
    assertEquals("section 'sample' field 'ints': value array of 3 refused (no negative ints)",
        e.getMessage());
    assertEquals(before, target.snapshot());
    assertEquals(0, target.postLoads);
  }

  @Test
  void aValueRefusedByItsCheckIsNamed() {
    Sample source = busy();
    source.small = 0xEE;

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(V2, new Sample(), StateWriter.toBytes(V2, source), 2));
    assertEquals("section 'sample' field 'small': value 0xee refused (0xee is reserved)",
        e.getMessage());
  }

  @Test
  void aFixedArrayOfAnotherLengthIsRefused() {
    StateDescription<Sample> wider = StateDescription.builder("sample", Sample.class)
        .i64s("longs", s -> s.longs, (s, v) -> s.longs = v)
        .build();
    StateDescription<Sample> fixed = StateDescription.builder("sample", Sample.class)
        .i64s("longs", 2, s -> s.longs)
        .build();
    Sample source = new Sample();
    source.longs = new long[5];

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(fixed, new Sample(), StateWriter.toBytes(wider, source), 1));
    assertEquals("section 'sample' field 'longs': stream has 5 elements; this build declares 2",
        e.getMessage());
  }

  @Test
  void aNestedStructNewerThanThisBuildIsRefusedByName() {
    StateDescription<Part> partV2 = StateDescription.builder("part", Part.class).version(2)
        .i32("a", p -> p.a, (p, v) -> p.a = v)
        .i64("b", p -> p.b, (p, v) -> p.b = v)
        .build();
    StateDescription<Sample> writer = StateDescription.builder("sample", Sample.class)
        .structs("parts", partV2, s -> s.parts).build();
    StateDescription<Sample> reader = StateDescription.builder("sample", Sample.class)
        .structs("parts", PART, s -> s.parts).build();

    StateException e = assertThrows(StateException.class,
        () -> StateReader.fromBytes(reader, new Sample(), StateWriter.toBytes(writer, busy()), 1));
    assertEquals("section 'sample' field 'parts'[0] (part) has version 2; "
        + "this build reads versions 1 to 1", e.getMessage());
  }

  @Test
  void aBoolOtherThanZeroOrOneIsRefused() {
    StateDescription<Sample> asByte = StateDescription.builder("sample", Sample.class)
        .u8("flag", s -> 2, (s, v) -> {}).build();
    StateDescription<Sample> asBool = StateDescription.builder("sample", Sample.class)
        .bool("flag", s -> s.flag, (s, v) -> s.flag = v).build();

    StateException e = assertThrows(StateException.class, () ->
        StateReader.fromBytes(asBool, new Sample(), StateWriter.toBytes(asByte, new Sample()), 1));
    assertEquals("section 'sample' field 'flag': bool has value 2; must be 0 or 1",
        e.getMessage());
    assertFalse(new Sample().flag);
  }

  @Test
  void aDescriptionDeclaringAFieldTwiceIsABuildError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        StateDescription.builder("dup", Sample.class)
            .i32("word", s -> s.word, (s, v) -> s.word = v)
            .i32("word", s -> s.word, (s, v) -> s.word = v)
            .build());
    assertEquals("section 'dup' declares field 'word' twice", e.getMessage());
  }

  @Test
  void theFixedPartsOfTheLayoutAreBigEndian() {
    StateDescription<Sample> one = StateDescription.builder("one", Sample.class)
        .u16("half", s -> s.half, (s, v) -> s.half = v).build();
    Sample s = new Sample();
    s.half = 0x1234;

    // u32 payload length 5, u16 field count 1, the field, u8 subsection count 0.
    assertArrayEquals(new byte[] {0, 0, 0, 5, 0, 1, 0x12, 0x34, 0},
        StateWriter.toBytes(one, s));
  }
}
