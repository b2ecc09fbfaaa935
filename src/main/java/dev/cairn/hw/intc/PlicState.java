package dev.cairn.hw.intc;

import dev.cairn.state.StateDescription;

/**
 * The saved state of the {@link Plic}: priorities, gateway levels, pending and claimed bits, and
 * each context's enables and threshold.
 *
 * <p>Reference: RISC-V Platform-Level Interrupt Controller Specification v1.0.0, chapters 3 to 9.
 *
 * <p>Nothing is left out: the MEIP and SEIP lines it drives are derived, and postLoad re-drives
 * them into the hart through the same update the registers use.
 */
public final class PlicState {

  /** Version 1: one hart, contexts 0 (M) and 1 (S), sources 0 to {@link Plic#SOURCES} - 1. */
  public static final StateDescription<Plic> DESCRIPTION = describe();

  private PlicState() {}

  private static StateDescription<Plic> describe() {
    StateDescription.Builder<Plic> b = StateDescription.builder("plic", Plic.class)
        .version(1)
        .minimumVersion(1)
        .i32s("priority", Plic.SOURCES, p -> p.priority)
        .checkElements((i, v) -> v >= 0 && v <= Plic.PRIORITY_MASK && (i > 0 || v == 0),
            "priorities 0 to 7, source 0 hardwired to 0")
        .bools("level", Plic.SOURCES, p -> p.level)
        .i32s("pending", Plic.WORDS, p -> p.pending)
        .checkElements(PlicState::onlySources, "bits of sources 1 to " + (Plic.SOURCES - 1))
        .i32s("claimed", Plic.WORDS, p -> p.claimed)
        .checkElements(PlicState::onlySources, "bits of sources 1 to " + (Plic.SOURCES - 1));
    for (int c = 0; c < Plic.CONTEXTS; c++) {
      final int context = c;
      b.i32s("enable" + c, Plic.WORDS, p -> p.enable[context])
          .checkElements(PlicState::onlySources, "bits of sources 1 to " + (Plic.SOURCES - 1));
    }
    return b.i32s("threshold", Plic.CONTEXTS, p -> p.threshold)
        .checkElements((i, v) -> v >= 0 && v <= Plic.PRIORITY_MASK, "thresholds 0 to 7")
        .postLoad((p, fromVersion) -> p.update())
        .build();
  }

  /** Whether word {@code word} of a bit array sets only bits of sources that exist. */
  private static boolean onlySources(int word, long value) {
    int implemented = word == 0 ? ~1 : -1;
    int last = Plic.SOURCES - word * 32;
    if (last < 32) {
      implemented &= (1 << last) - 1;
    }
    return (value & ~implemented & 0xFFFF_FFFFL) == 0;
  }
}
