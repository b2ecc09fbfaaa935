package dev.cairn.cpu;

import dev.cairn.memory.GuestRam;
import dev.cairn.memory.MmioDevice;
import dev.cairn.memory.PhysicalBus;
import java.util.Arrays;

/**
 * Address translation (Sv39/Sv48 with hardware A/D updates) and the software TLB that makes RAM
 * accesses cheap.
 *
 * <p>Three direct-mapped TLBs (load, store, fetch) exist once per effective privilege (U, S, M),
 * so a trap or a return between modes flushes nothing. An entry holds the host page itself: a hit
 * is a tag compare and an array access. Anything else (MMIO, a page never written, a clean page
 * for the dirty log, a page holding decoded code) has no store entry and takes the slow path, as
 * in QEMU's soft-MMU. Translations are cached only for the state they were made in: writes to
 * satp, sfence.vma and changes of SUM/MXR flush everything.
 *
 * <p>Reference: RISC-V Privileged ISA 20211203, sections 4.3 (Sv32 algorithm, 4.3.2), 4.4
 * (Sv39) and 4.5 (Sv48); 3.1.6.3 (MPRV, SUM, MXR).
 */
final class Mmu {

  static final int FETCH = 0;
  static final int LOAD = 1;
  static final int STORE = 2;

  private static final int TLB_BITS = 9;
  private static final int TLB_SIZE = 1 << TLB_BITS;
  private static final int TLB_MASK = TLB_SIZE - 1;
  /** TLB sets: U, S, S with SUM (so toggling SUM around user copies flushes nothing), M. */
  private static final int SETS = 4;
  private static final int SET_S_SUM = 2;
  private static final int SET_M = 3;
  /** Slots filled from superpages, remembered for targeted sfence.vma; beyond this, flush all. */
  private static final int MAX_SUPERPAGE_SLOTS = 1024;

  private static final long PTE_V = 1;
  private static final long PTE_R = 2;
  private static final long PTE_W = 4;
  private static final long PTE_X = 8;
  private static final long PTE_U = 16;
  private static final long PTE_A = 64;
  private static final long PTE_D = 128;
  private static final long PPN_MASK = (1L << 44) - 1;

  private final Hart hart;
  private final GuestRam ram;
  private final PhysicalBus bus;
  private final long ramBase;
  private final long ramSize;
  private final CodePage[] codeCache;

  private final long[] readTag = new long[SETS * TLB_SIZE];
  private final byte[][] readPage = new byte[SETS * TLB_SIZE][];
  private final long[] writeTag = new long[SETS * TLB_SIZE];
  private final byte[][] writePage = new byte[SETS * TLB_SIZE][];
  private final int[] writePageIndex = new int[SETS * TLB_SIZE];
  private final long[] fetchTag = new long[SETS * TLB_SIZE];
  private final CodePage[] fetchCode = new CodePage[SETS * TLB_SIZE];
  /**
   * Per slot, the mask of virtual page numbers its translation covers (0 for a 4 KiB page, 511 for
   * a 2 MiB megapage, ...), indexed like the tags of all three TLBs in a row.
   */
  private final long[] span = new long[3 * SETS * TLB_SIZE];
  private final int[] superpageSlots = new int[MAX_SUPERPAGE_SLOTS];
  private int superpageSlotCount;
  /** Page-number mask of the translation the last {@link #walk} returned. */
  private long lastWalkSpan;

  /** Offset of the TLB set used for loads/stores (effective privilege) and for fetches. */
  private int dataSet;
  private int fetchSet;
  /** Effective privilege of loads and stores (MPRV applied). */
  private int dataPriv;
  private boolean translateData;
  private boolean translateFetch;
  private int levels;
  private long rootTable;

  Mmu(Hart hart, PhysicalBus bus) {
    this.hart = hart;
    this.bus = bus;
    this.ram = bus.ram();
    this.ramBase = ram.base();
    this.ramSize = ram.size();
    this.codeCache = new CodePage[ram.pageCount()];
    flushAll();
  }

  private static int setOf(int priv, boolean sum) {
    int set = priv == Hart.PRIV_M ? SET_M : priv == Hart.PRIV_S && sum ? SET_S_SUM : priv;
    return set * TLB_SIZE;
  }

  /** Recomputes what depends on privilege, mstatus and satp. Call after any of them changes. */
  void modeChanged() {
    hart.fetchVpage = -1;
    int priv = hart.priv;
    long mstatus = hart.mstatus;
    dataPriv = priv == Hart.PRIV_M && (mstatus & Csr.MSTATUS_MPRV) != 0
        ? (int) ((mstatus & Csr.MSTATUS_MPP) >>> Csr.MSTATUS_MPP_SHIFT)
        : priv;
    long mode = hart.satp >>> 60;
    levels = mode == 8 ? 3 : mode == 9 ? 4 : 0;
    rootTable = (hart.satp & PPN_MASK) << 12;
    translateData = levels != 0 && dataPriv != Hart.PRIV_M;
    translateFetch = levels != 0 && priv != Hart.PRIV_M;
    dataSet = setOf(dataPriv, (mstatus & Csr.MSTATUS_SUM) != 0);
    fetchSet = setOf(priv, false);
  }

  /** Drops every cached translation (satp write, sfence.vma, SUM/MXR change, reset). */
  void flushAll() {
    hart.fetchVpage = -1;
    superpageSlotCount = 0;
    Arrays.fill(readTag, -1L);
    Arrays.fill(writeTag, -1L);
    Arrays.fill(fetchTag, -1L);
    Arrays.fill(readPage, null);
    Arrays.fill(writePage, null);
    Arrays.fill(fetchCode, null);
  }

  /**
   * Drops the translations of one virtual page ({@code sfence.vma} with an address), including
   * every cached 4 KiB piece of a superpage that maps it.
   */
  void flushPage(long va) {
    hart.fetchVpage = -1;
    long vpage = va >>> 12;
    for (int set = 0; set < SETS; set++) {
      int i = set * TLB_SIZE + (int) (vpage & TLB_MASK);
      invalidateIfCovers(0, i, vpage, readTag);
      invalidateIfCovers(1, i, vpage, writeTag);
      invalidateIfCovers(2, i, vpage, fetchTag);
    }
    for (int k = 0; k < superpageSlotCount; k++) {
      int slot = superpageSlots[k];
      int kind = slot / (SETS * TLB_SIZE);
      int i = slot % (SETS * TLB_SIZE);
      invalidateIfCovers(kind, i, vpage, kind == 0 ? readTag : kind == 1 ? writeTag : fetchTag);
    }
  }

  private void invalidateIfCovers(int kind, int i, long vpage, long[] tags) {
    long tag = tags[i];
    if (tag != -1L && ((tag ^ vpage) & ~span[kind * SETS * TLB_SIZE + i]) == 0) {
      tags[i] = -1L;
      if (kind == 0) {
        readPage[i] = null;
      } else if (kind == 1) {
        writePage[i] = null;
      } else {
        fetchCode[i] = null;
      }
    }
  }

  /** Records the span of the translation just put in slot {@code i} of TLB {@code kind}. */
  private void noteSpan(int kind, int i, long pageSpan) {
    int slot = kind * SETS * TLB_SIZE + i;
    span[slot] = pageSpan;
    if (pageSpan != 0) {
      if (superpageSlotCount == MAX_SUPERPAGE_SLOTS) {
        flushAll(); // too many to track: start again from an empty TLB
        return;
      }
      superpageSlots[superpageSlotCount++] = slot;
    }
  }

  /** Drops every writable translation, so the next store to each page is seen by the dirty log. */
  void flushWrites() {
    Arrays.fill(writeTag, -1L);
    Arrays.fill(writePage, null);
  }

  /** Drops writable translations of one RAM page. */
  void flushWritesTo(long pageIndex) {
    for (int i = 0; i < writeTag.length; i++) {
      if (writeTag[i] != -1L && writePageIndex[i] == pageIndex) {
        writeTag[i] = -1L;
        writePage[i] = null;
      }
    }
  }

  /** Forgets decoded code of one RAM page (it was written). */
  void dropCode(long pageIndex) {
    hart.fetchVpage = -1;
    CodePage dropped = codeCache[(int) pageIndex];
    if (dropped == null) {
      return;
    }
    codeCache[(int) pageIndex] = null;
    for (int i = 0; i < fetchCode.length; i++) {
      if (fetchCode[i] == dropped) {
        fetchTag[i] = -1L;
        fetchCode[i] = null;
      }
    }
  }

  /** Forgets all decoded code (reset, loadvm). */
  void dropAllCode() {
    hart.fetchVpage = -1;
    Arrays.fill(codeCache, null);
    Arrays.fill(fetchTag, -1L);
    Arrays.fill(fetchCode, null);
    ram.clearCodePages();
  }

  // ---- loads ----

  long loadLong(long va) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    int offset = (int) va & 0xFFF;
    if (readTag[i] == vpage && offset <= 0xFF8) {
      return GuestRam.getLong(readPage[i], offset);
    }
    return loadSlow(va, 8);
  }

  int loadInt(long va) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    int offset = (int) va & 0xFFF;
    if (readTag[i] == vpage && offset <= 0xFFC) {
      return GuestRam.getInt(readPage[i], offset);
    }
    return (int) loadSlow(va, 4);
  }

  short loadShort(long va) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    int offset = (int) va & 0xFFF;
    if (readTag[i] == vpage && offset <= 0xFFE) {
      return GuestRam.getShort(readPage[i], offset);
    }
    return (short) loadSlow(va, 2);
  }

  byte loadByte(long va) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    if (readTag[i] == vpage) {
      return readPage[i][(int) va & 0xFFF];
    }
    return (byte) loadSlow(va, 1);
  }

  private long loadSlow(long va, int size) {
    if ((va & 0xFFF) + size > 0x1000) {
      long value = 0;
      for (int b = 0; b < size; b++) {
        value |= (loadSlow(va + b, 1) & 0xFFL) << (8 * b);
      }
      return value;
    }
    long pa = translateData ? walk(va, LOAD, dataPriv) : va;
    long ramOffset = pa - ramBase;
    if (ramOffset >= 0 && ramOffset < ramSize) {
      byte[] page = ram.pageIfPresent((int) (ramOffset >>> 12));
      if (page == null) {
        return 0;
      }
      int i = dataSet + (int) ((va >>> 12) & TLB_MASK);
      readTag[i] = va >>> 12;
      readPage[i] = page;
      noteSpan(0, i, translateData ? lastWalkSpan : 0);
      return read(page, (int) pa & 0xFFF, size);
    }
    PhysicalBus.Region region = bus.regionAt(pa);
    if (region == null) {
      throw hart.trap.set(Trap.LOAD_ACCESS_FAULT, va);
    }
    return region.device().read(pa - region.base(), size);
  }

  private static long read(byte[] page, int offset, int size) {
    switch (size) {
      case 1: return page[offset] & 0xFFL;
      case 2: return GuestRam.getShort(page, offset) & 0xFFFFL;
      case 4: return GuestRam.getInt(page, offset) & 0xFFFF_FFFFL;
      default: return GuestRam.getLong(page, offset);
    }
  }

  // ---- stores ----

  void storeLong(long va, long value) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    int offset = (int) va & 0xFFF;
    if (writeTag[i] == vpage && offset <= 0xFF8) {
      GuestRam.putLong(writePage[i], offset, value);
      return;
    }
    storeSlow(va, 8, value);
  }

  void storeInt(long va, int value) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    int offset = (int) va & 0xFFF;
    if (writeTag[i] == vpage && offset <= 0xFFC) {
      GuestRam.putInt(writePage[i], offset, value);
      return;
    }
    storeSlow(va, 4, value);
  }

  void storeShort(long va, short value) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    int offset = (int) va & 0xFFF;
    if (writeTag[i] == vpage && offset <= 0xFFE) {
      GuestRam.putShort(writePage[i], offset, value);
      return;
    }
    storeSlow(va, 2, value);
  }

  void storeByte(long va, byte value) {
    long vpage = va >>> 12;
    int i = dataSet + (int) (vpage & TLB_MASK);
    if (writeTag[i] == vpage) {
      writePage[i][(int) va & 0xFFF] = value;
      return;
    }
    storeSlow(va, 1, value);
  }

  private void storeSlow(long va, int size, long value) {
    if ((va & 0xFFF) + size > 0x1000) {
      // Translate both pages before writing anything, so a fault leaves memory untouched.
      translateForStore(va);
      translateForStore(va + size - 1);
      for (int b = 0; b < size; b++) {
        storeSlow(va + b, 1, value >>> (8 * b));
      }
      return;
    }
    long pa = translateForStore(va);
    long ramOffset = pa - ramBase;
    if (ramOffset >= 0 && ramOffset < ramSize) {
      int pageIndex = (int) (ramOffset >>> 12);
      byte[] page = ram.pageForWrite(pageIndex);
      int i = dataSet + (int) ((va >>> 12) & TLB_MASK);
      writeTag[i] = va >>> 12;
      writePage[i] = page;
      writePageIndex[i] = pageIndex;
      readTag[i] = va >>> 12;
      readPage[i] = page;
      long pageSpan = translateData ? lastWalkSpan : 0;
      noteSpan(0, i, pageSpan);
      noteSpan(1, i, pageSpan);
      write(page, (int) pa & 0xFFF, size, value);
      return;
    }
    PhysicalBus.Region region = bus.regionAt(pa);
    if (region == null) {
      throw hart.trap.set(Trap.STORE_ACCESS_FAULT, va);
    }
    MmioDevice device = region.device();
    device.write(pa - region.base(), size, size == 8 ? value : value & ((1L << (8 * size)) - 1));
  }

  private long translateForStore(long va) {
    return translateData ? walk(va, STORE, dataPriv) : va;
  }

  private static void write(byte[] page, int offset, int size, long value) {
    switch (size) {
      case 1: page[offset] = (byte) value; break;
      case 2: GuestRam.putShort(page, offset, (short) value); break;
      case 4: GuestRam.putInt(page, offset, (int) value); break;
      default: GuestRam.putLong(page, offset, value); break;
    }
  }

  // ---- atomics: translate once with store permission, then act on RAM ----

  /**
   * Returns the guest-physical address of an aligned atomic access, checking store permission
   * (load permission for LR). Atomics outside RAM raise an access fault.
   */
  long atomicAddress(long va, int size, boolean loadReserved) {
    if ((va & (size - 1)) != 0) {
      throw hart.trap.set(loadReserved ? Trap.LOAD_MISALIGNED : Trap.STORE_MISALIGNED, va);
    }
    long pa;
    if (translateData) {
      pa = walk(va, loadReserved ? LOAD : STORE, dataPriv);
    } else {
      pa = va;
    }
    if (!ram.contains(pa, size)) {
      throw hart.trap.set(loadReserved ? Trap.LOAD_ACCESS_FAULT : Trap.STORE_ACCESS_FAULT, va);
    }
    return pa;
  }

  // ---- instruction fetch ----

  /** Returns the decoded-code page holding {@code pc}; raises fetch faults. */
  CodePage fetchPage(long pc) {
    long vpage = pc >>> 12;
    int i = fetchSet + (int) (vpage & TLB_MASK);
    if (fetchTag[i] == vpage) {
      return fetchCode[i];
    }
    return fetchSlow(pc, i);
  }

  private CodePage fetchSlow(long pc, int i) {
    int pageIndex = fetchPageIndex(pc);
    CodePage page = codeCache[pageIndex];
    if (page == null) {
      page = new CodePage(pageIndex);
      codeCache[pageIndex] = page;
      ram.markCodePage(pageIndex);
      flushWritesTo(pageIndex);
    }
    fetchTag[i] = pc >>> 12;
    fetchCode[i] = page;
    noteSpan(2, i, translateFetch ? lastWalkSpan : 0);
    return page;
  }

  private int fetchPageIndex(long pc) {
    long pa = translateFetch ? walk(pc, FETCH, hart.priv) : pc;
    long ramOffset = pa - ramBase;
    if (ramOffset < 0 || ramOffset >= ramSize) {
      throw hart.trap.set(Trap.INSTRUCTION_ACCESS_FAULT, pc);
    }
    return (int) (ramOffset >>> 12);
  }

  /** Decodes the instruction at {@code pc} on {@code page}, caching it unless it spans pages. */
  Insn decode(CodePage page, long pc) {
    int offset = (int) pc & 0xFFF;
    byte[] bytes = ram.pageForRead(page.pageIndex);
    int low = GuestRam.getShort(bytes, offset) & 0xFFFF;
    Insn insn;
    if ((low & 3) != 3) {
      insn = Decoder.decode(low);
    } else if (offset <= 0xFFC) {
      insn = Decoder.decode(GuestRam.getInt(bytes, offset));
    } else {
      // The upper half lives on the next page, whose mapping may change: decode, don't cache.
      int nextIndex = fetchPageIndex(pc + 2);
      int high = GuestRam.getShort(ram.pageForRead(nextIndex), 0) & 0xFFFF;
      return Decoder.decode(low | (high << 16));
    }
    page.insns[offset >>> 1] = insn;
    return insn;
  }

  // ---- the page-table walk ----

  private int pageFault(int access) {
    return access == FETCH ? Trap.INSTRUCTION_PAGE_FAULT
        : access == LOAD ? Trap.LOAD_PAGE_FAULT : Trap.STORE_PAGE_FAULT;
  }

  private int accessFault(int access) {
    return access == FETCH ? Trap.INSTRUCTION_ACCESS_FAULT
        : access == LOAD ? Trap.LOAD_ACCESS_FAULT : Trap.STORE_ACCESS_FAULT;
  }

  /** Translates {@code va} for an access at privilege {@code priv}; raises page/access faults. */
  long walk(long va, int access, int priv) {
    int vaBits = 12 + 9 * levels;
    long top = va >> (vaBits - 1);
    if (top != 0 && top != -1) {
      throw hart.trap.set(pageFault(access), va);
    }
    long table = rootTable;
    for (int level = levels - 1; level >= 0; level--) {
      long pteAddress = table + ((va >>> (12 + 9 * level)) & 511) * 8;
      if (!ram.contains(pteAddress, 8)) {
        throw hart.trap.set(accessFault(access), va);
      }
      long pte = ram.readLong(pteAddress);
      if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0) || (pte >>> 54) != 0) {
        throw hart.trap.set(pageFault(access), va);
      }
      long ppn = (pte >>> 10) & PPN_MASK;
      if ((pte & (PTE_R | PTE_X)) == 0) {
        table = ppn << 12;
        continue;
      }
      if (!permitted(pte, access, priv)) {
        throw hart.trap.set(pageFault(access), va);
      }
      long offsetMask = (1L << (12 + 9 * level)) - 1;
      if (((ppn << 12) & offsetMask) != 0) {
        throw hart.trap.set(pageFault(access), va); // misaligned superpage
      }
      lastWalkSpan = (1L << (9 * level)) - 1;
      long updated = pte | PTE_A | (access == STORE ? PTE_D : 0);
      if (updated != pte) {
        ram.writeLong(pteAddress, updated);
      }
      return ((ppn << 12) & ~offsetMask) | (va & offsetMask);
    }
    throw hart.trap.set(pageFault(access), va);
  }

  private boolean permitted(long pte, int access, int priv) {
    boolean userPage = (pte & PTE_U) != 0;
    if (priv == Hart.PRIV_U && !userPage) {
      return false;
    }
    if (priv == Hart.PRIV_S && userPage
        && (access == FETCH || (hart.mstatus & Csr.MSTATUS_SUM) == 0)) {
      return false;
    }
    switch (access) {
      case FETCH:
        return (pte & PTE_X) != 0;
      case LOAD:
        return (pte & PTE_R) != 0
            || ((pte & PTE_X) != 0 && (hart.mstatus & Csr.MSTATUS_MXR) != 0);
      default:
        return (pte & PTE_W) != 0;
    }
  }
}
