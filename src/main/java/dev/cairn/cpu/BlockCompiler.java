package dev.cairn.cpu;

import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates a run of decoded integer instructions (RV64IM loads, stores, arithmetic, branches
 * and jumps) into a hidden class extending {@link CompiledBlock}. Anything else (atomics, CSRs,
 * system and floating-point instructions) ends the block before it and is left to the
 * interpreter, as is an instruction that spans into the next page.
 *
 * <p>Each block is its own hidden class, defined without a strong link to its loader, so when the
 * decoded code of a page is dropped (the page was written) its classes can be unloaded.
 */
final class BlockCompiler {

  /** Longest block; longer straight-line code continues in the next block. */
  static final int MAX_INSTRUCTIONS = 64;

  private static final String HART = "dev/cairn/cpu/Hart";
  private static final String MMU = "dev/cairn/cpu/Mmu";
  private static final String OPS = "dev/cairn/cpu/BlockOps";
  private static final String BASE = "dev/cairn/cpu/CompiledBlock";
  private static final String RUN_DESC = "(L" + HART + ";[JL" + MMU + ";J)V";

  // Local variable slots of run(Hart h, long[] x, Mmu m, long pc0).
  private static final int H = 1;
  private static final int X = 2;
  private static final int M = 3;
  private static final int PC0 = 4;
  private static final int INSTRET0 = 6;
  private static final int TEMP = 8;

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  /** Interpreted executions of a slot before a block is compiled from it (at least 1). */
  final int threshold;
  private long compiled;

  BlockCompiler(int threshold) {
    this.threshold = Math.max(1, Math.min(threshold, Short.MAX_VALUE));
  }

  /** Blocks compiled so far (for statistics). */
  long compiledCount() {
    return compiled;
  }

  /** Whether the interpreter may hand {@code op} to a compiled block. */
  static boolean compilable(int op) {
    return op >= Op.LUI && op <= Op.REMUW;
  }

  /** Whether {@code op} ends a block after itself (a control transfer). */
  static boolean endsBlock(int op) {
    return op >= Op.JAL && op <= Op.BGEU;
  }

  /**
   * Compiles the block starting at {@code pc} on {@code page}, or returns null if its first
   * instruction is not compilable. Decodes ahead as needed; decoding has no side effects.
   */
  CompiledBlock compile(Mmu mmu, CodePage page, long pc) {
    List<Insn> insns = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    int start = (int) pc & 0xFFF;
    int offset = 0;
    while (insns.size() < MAX_INSTRUCTIONS) {
      int inPage = start + offset;
      if (inPage > 0xFFC) {
        break; // the end of the page; its last halfword may start an instruction spanning pages
      }
      Insn in = page.insns[inPage >>> 1];
      if (in == null) {
        in = mmu.decode(page, pc + offset);
      }
      if (!compilable(in.op)) {
        break;
      }
      insns.add(in);
      offsets.add(offset);
      offset += in.length;
      if (endsBlock(in.op)) {
        break;
      }
    }
    if (insns.isEmpty()) {
      return null;
    }
    byte[] bytes = generate(insns, offsets, offset);
    try {
      MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
      compiled++;
      return (CompiledBlock) hidden
          .findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
          .invoke();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot define a compiled block at pc 0x"
          + Long.toHexString(pc), e);
    }
  }

  private static byte[] generate(List<Insn> insns, List<Integer> offsets, int endOffset) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        return "java/lang/Object"; // frames only ever merge these few known types
      }
    };
    cw.visit(V17, ACC_FINAL | ACC_SUPER, "dev/cairn/cpu/Block", null, BASE, null);

    MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    pushInt(init, insns.size());
    init.visitMethodInsn(INVOKESPECIAL, BASE, "<init>", "(I)V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    MethodVisitor mv = cw.visitMethod(0, "run", RUN_DESC, null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, H);
    mv.visitFieldInsn(GETFIELD, HART, "instret", "J");
    mv.visitVarInsn(LSTORE, INSTRET0);
    Emitter e = new Emitter(mv);
    boolean ended = false;
    for (int i = 0; i < insns.size(); i++) {
      ended = e.instruction(insns.get(i), offsets.get(i), i);
    }
    if (!ended) {
      e.setInstret(insns.size());
      e.setPc(endOffset);
      mv.visitInsn(RETURN);
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void pushInt(MethodVisitor mv, int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  /** Emits the bytecode of one instruction at a time into {@code run}. */
  private static final class Emitter {
    private final MethodVisitor mv;

    Emitter(MethodVisitor mv) {
      this.mv = mv;
    }

    /** Emits instruction {@code index}; returns true if it ended the method (a transfer). */
    boolean instruction(Insn in, int offset, int index) {
      int op = in.op;
      switch (op) {
        case Op.NOP, Op.FENCE, Op.FENCE_I -> { }
        case Op.LUI -> setReg(in.rd, () -> pushLong(in.imm));
        case Op.AUIPC -> setReg(in.rd, () -> pushPc(offset + in.imm));
        case Op.JAL -> {
          setInstret(index + 1);
          setReg(in.rd, () -> pushPc(offset + in.length));
          setPc(offset + in.imm);
          mv.visitInsn(RETURN);
          return true;
        }
        case Op.JALR -> {
          setInstret(index + 1);
          // The target is read before rd is written: rd may be rs1.
          loadReg(in.rs1);
          pushLong(in.imm);
          mv.visitInsn(LADD);
          pushLong(~1L);
          mv.visitInsn(LAND);
          mv.visitVarInsn(LSTORE, TEMP);
          setReg(in.rd, () -> pushPc(offset + in.length));
          mv.visitVarInsn(ALOAD, H);
          mv.visitVarInsn(LLOAD, TEMP);
          mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
          mv.visitInsn(RETURN);
          return true;
        }
        case Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU -> {
          setInstret(index + 1);
          Label taken = new Label();
          loadReg(in.rs1);
          loadReg(in.rs2);
          if (op == Op.BLTU || op == Op.BGEU) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
          } else {
            mv.visitInsn(LCMP);
          }
          mv.visitJumpInsn(switch (op) {
            case Op.BEQ -> IFEQ;
            case Op.BNE -> IFNE;
            case Op.BLT, Op.BLTU -> IFLT;
            default -> IFGE;
          }, taken);
          setPc(offset + in.length);
          mv.visitInsn(RETURN);
          mv.visitLabel(taken);
          setPc(offset + in.imm);
          mv.visitInsn(RETURN);
          return true;
        }
        case Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU -> load(in, offset, index);
        case Op.SB, Op.SH, Op.SW, Op.SD -> store(in, offset, index);
        case Op.ADDI -> setReg(in.rd, () -> { loadReg(in.rs1); pushLong(in.imm); mv.visitInsn(LADD); });
        case Op.XORI -> setReg(in.rd, () -> { loadReg(in.rs1); pushLong(in.imm); mv.visitInsn(LXOR); });
        case Op.ORI -> setReg(in.rd, () -> { loadReg(in.rs1); pushLong(in.imm); mv.visitInsn(LOR); });
        case Op.ANDI -> setReg(in.rd, () -> { loadReg(in.rs1); pushLong(in.imm); mv.visitInsn(LAND); });
        case Op.SLTI -> setReg(in.rd, () -> { loadReg(in.rs1); pushLong(in.imm); ops("slt"); });
        case Op.SLTIU -> setReg(in.rd, () -> { loadReg(in.rs1); pushLong(in.imm); ops("sltu"); });
        case Op.SLLI -> shiftImm(in, LSHL);
        case Op.SRLI -> shiftImm(in, LUSHR);
        case Op.SRAI -> shiftImm(in, LSHR);
        case Op.ADD -> binary(in, LADD);
        case Op.SUB -> binary(in, LSUB);
        case Op.XOR -> binary(in, LXOR);
        case Op.OR -> binary(in, LOR);
        case Op.AND -> binary(in, LAND);
        case Op.MUL -> binary(in, LMUL);
        case Op.SLL -> shiftReg(in, LSHL);
        case Op.SRL -> shiftReg(in, LUSHR);
        case Op.SRA -> shiftReg(in, LSHR);
        case Op.SLT -> binaryCall(in, OPS, "slt");
        case Op.SLTU -> binaryCall(in, OPS, "sltu");
        case Op.MULH -> binaryCall(in, "java/lang/Math", "multiplyHigh");
        case Op.MULHSU -> binaryCall(in, HART, "mulhsu");
        case Op.MULHU -> binaryCall(in, HART, "mulhu");
        case Op.DIV -> binaryCall(in, OPS, "div");
        case Op.DIVU -> binaryCall(in, OPS, "divu");
        case Op.REM -> binaryCall(in, OPS, "rem");
        case Op.REMU -> binaryCall(in, OPS, "remu");
        case Op.DIVW -> binaryCall(in, OPS, "divw");
        case Op.DIVUW -> binaryCall(in, OPS, "divuw");
        case Op.REMW -> binaryCall(in, OPS, "remw");
        case Op.REMUW -> binaryCall(in, OPS, "remuw");
        case Op.ADDIW -> setReg(in.rd, () -> {
          loadReg(in.rs1); pushLong(in.imm); mv.visitInsn(LADD); mv.visitInsn(L2I); mv.visitInsn(I2L);
        });
        case Op.SLLIW, Op.SRLIW, Op.SRAIW -> setReg(in.rd, () -> {
          loadReg(in.rs1);
          mv.visitInsn(L2I);
          pushInt(mv, (int) in.imm);
          mv.visitInsn(op == Op.SLLIW ? ISHL : op == Op.SRLIW ? IUSHR : ISHR);
          mv.visitInsn(I2L);
        });
        case Op.ADDW, Op.SUBW -> setReg(in.rd, () -> {
          loadReg(in.rs1); loadReg(in.rs2); mv.visitInsn(op == Op.ADDW ? LADD : LSUB);
          mv.visitInsn(L2I); mv.visitInsn(I2L);
        });
        case Op.MULW -> setReg(in.rd, () -> {
          loadReg(in.rs1); mv.visitInsn(L2I); loadReg(in.rs2); mv.visitInsn(L2I);
          mv.visitInsn(IMUL); mv.visitInsn(I2L);
        });
        case Op.SLLW, Op.SRLW, Op.SRAW -> setReg(in.rd, () -> {
          loadReg(in.rs1);
          mv.visitInsn(L2I);
          loadReg(in.rs2);
          mv.visitInsn(L2I);
          pushInt(mv, 31);
          mv.visitInsn(IAND);
          mv.visitInsn(op == Op.SLLW ? ISHL : op == Op.SRLW ? IUSHR : ISHR);
          mv.visitInsn(I2L);
        });
        default -> throw new IllegalArgumentException("not compilable: " + in);
      }
      return false;
    }

    private void load(Insn in, int offset, int index) {
      beforeAccess(offset, index);
      setReg(in.rd, () -> {
        mv.visitVarInsn(ALOAD, M);
        address(in);
        switch (in.op) {
          case Op.LD -> mmu("loadLong", "(J)J");
          case Op.LW -> { mmu("loadInt", "(J)I"); mv.visitInsn(I2L); }
          case Op.LWU -> { mmu("loadInt", "(J)I"); mv.visitInsn(I2L); pushLong(0xFFFF_FFFFL); mv.visitInsn(LAND); }
          case Op.LH -> { mmu("loadShort", "(J)S"); mv.visitInsn(I2L); }
          case Op.LHU -> { mmu("loadShort", "(J)S"); mv.visitInsn(I2L); pushLong(0xFFFFL); mv.visitInsn(LAND); }
          case Op.LB -> { mmu("loadByte", "(J)B"); mv.visitInsn(I2L); }
          default -> { mmu("loadByte", "(J)B"); mv.visitInsn(I2L); pushLong(0xFFL); mv.visitInsn(LAND); }
        }
      });
      afterAccess(in, offset);
    }

    private void store(Insn in, int offset, int index) {
      beforeAccess(offset, index);
      mv.visitVarInsn(ALOAD, M);
      address(in);
      loadReg(in.rs2);
      switch (in.op) {
        case Op.SD -> mmu("storeLong", "(JJ)V");
        case Op.SW -> { mv.visitInsn(L2I); mmu("storeInt", "(JI)V"); }
        case Op.SH -> { mv.visitInsn(L2I); mv.visitInsn(I2S); mmu("storeShort", "(JS)V"); }
        default -> { mv.visitInsn(L2I); mv.visitInsn(I2B); mmu("storeByte", "(JB)V"); }
      }
      afterAccess(in, offset);
    }

    /** pc and instret as the interpreter has them while it executes instruction {@code index}. */
    private void beforeAccess(int offset, int index) {
      setPc(offset);
      setInstret(index + 1);
    }

    /** An access may end the batch (a device, a write to decoded code): leave if it did. */
    private void afterAccess(Insn in, int offset) {
      Label go = new Label();
      mv.visitVarInsn(ALOAD, H);
      mv.visitFieldInsn(GETFIELD, HART, "endBatch", "Z");
      mv.visitJumpInsn(IFEQ, go);
      setPc(offset + in.length);
      mv.visitInsn(RETURN);
      mv.visitLabel(go);
    }

    private void address(Insn in) {
      loadReg(in.rs1);
      if (in.imm != 0) {
        pushLong(in.imm);
        mv.visitInsn(LADD);
      }
    }

    private void mmu(String name, String desc) {
      mv.visitMethodInsn(INVOKEVIRTUAL, MMU, name, desc, false);
    }

    private void ops(String name) {
      mv.visitMethodInsn(INVOKESTATIC, OPS, name, "(JJ)J", false);
    }

    private void binary(Insn in, int opcode) {
      setReg(in.rd, () -> { loadReg(in.rs1); loadReg(in.rs2); mv.visitInsn(opcode); });
    }

    private void binaryCall(Insn in, String owner, String name) {
      setReg(in.rd, () -> {
        loadReg(in.rs1);
        loadReg(in.rs2);
        mv.visitMethodInsn(INVOKESTATIC, owner, name, "(JJ)J", false);
      });
    }

    private void shiftImm(Insn in, int opcode) {
      setReg(in.rd, () -> { loadReg(in.rs1); pushInt(mv, (int) in.imm); mv.visitInsn(opcode); });
    }

    private void shiftReg(Insn in, int opcode) {
      // Java masks a long shift count to 6 bits, as RV64 does.
      setReg(in.rd, () -> { loadReg(in.rs1); loadReg(in.rs2); mv.visitInsn(L2I); mv.visitInsn(opcode); });
    }

    private void setReg(int rd, Runnable value) {
      mv.visitVarInsn(ALOAD, X);
      pushInt(mv, rd);
      value.run();
      mv.visitInsn(LASTORE);
    }

    private void loadReg(int r) {
      if (r == 0) {
        pushLong(0);
        return;
      }
      mv.visitVarInsn(ALOAD, X);
      pushInt(mv, r);
      mv.visitInsn(LALOAD);
    }

    private void pushLong(long value) {
      if (value == 0 || value == 1) {
        mv.visitInsn(LCONST_0 + (int) value);
      } else {
        mv.visitLdcInsn(value);
      }
    }

    private void pushPc(long offset) {
      mv.visitVarInsn(LLOAD, PC0);
      if (offset != 0) {
        pushLong(offset);
        mv.visitInsn(LADD);
      }
    }

    void setPc(long offset) {
      mv.visitVarInsn(ALOAD, H);
      pushPc(offset);
      mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
    }

    void setInstret(int executed) {
      mv.visitVarInsn(ALOAD, H);
      mv.visitVarInsn(LLOAD, INSTRET0);
      pushLong(executed);
      mv.visitInsn(LADD);
      mv.visitFieldInsn(PUTFIELD, HART, "instret", "J");
    }
  }
}
