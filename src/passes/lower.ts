/**
 * Lowering: a graph of the graph IR to a kernel-IR program, following the
 * grouping the fusion pass chose (fuse.ts; without it, one op per kernel).
 *
 * Algorithm: give every value of the graph (and of its regions) a slot, except
 * those of fused ops; then walk the ops in order and let each op's
 * declaration emit its kernels (`OpDef.lower`) through a LowerContext
 * (src/kernel/lowering.ts). A fused op gives its consumer an expression
 * instead (`defer`); a fused matmul makes its consumer's kernel a
 * contraction whose epilogue is that kernel's body (`contract`).
 */
import type { Graph, Module, Op, Value } from "../ir/graph.js";
import { symbolsOf, type TensorType } from "../core/types.js";
import { v, type KExpr, type KStmt, type Program, type Slot, type Step } from "../kernel/ir.js";
import {
  broadcastOffset,
  loadFrom,
  nest,
  offset,
  type ContractionShape,
  type LowerContext,
  type SlotRef,
} from "../kernel/lowering.js";
import type { Fusion } from "./fuse.js";

export const LOWER = {
  name: "lower",
  summary: "turns each graph into a kernel-IR program, one kernel per fused group",
};

/** Lowers graph `name` of `module` to a program, with the grouping `fusion` (default: none). */
export function lowerGraph(module: Module, name: string, fusion?: Fusion): Program {
  return new Lowering(module.graph(name), fusion).program();
}

class Lowering {
  private readonly slots: Slot[] = [];
  private readonly slotOf = new Map<Value, SlotRef>();
  private readonly symbols = new Set<string>();
  private names = 0;
  private kernels = 0;
  /** Statements fused producers emitted for the kernel being built (LowerContext.prelude). */
  private pending: KStmt[] = [];

  /** The expressions of fused values, and the ops each stands for. */
  private readonly deferred = new Map<
    Value,
    { valueAt: (index: readonly KExpr[]) => KExpr; ops: string[] }
  >();

  /** The contraction a fused matmul asked the kernel being built to be (LowerContext.contract). */
  private contraction: { shape: ContractionShape; acc: string } | undefined;

  constructor(
    private readonly graph: Graph,
    private readonly fusion: Fusion | undefined,
  ) {}

  private newSlot(type: TensorType, name: string): SlotRef {
    const slot: Slot = { id: this.slots.length, name, dtype: type.dtype, shape: type.shape };
    this.slots.push(slot);
    for (const s of symbolsOf(type.shape)) this.symbols.add(s);
    return { slot: slot.id, dtype: type.dtype, shape: type.shape };
  }

  private slotFor(value: Value): SlotRef {
    let ref = this.slotOf.get(value);
    if (!ref) {
      ref = this.newSlot(value.type, value.param ?? value.name);
      this.slotOf.set(value, ref);
    }
    return ref;
  }

  program(): Program {
    const g = this.graph;
    const inputs = g.inputs.map((value) => ({ name: value.name, slot: this.slotFor(value).slot }));
    const params = [...g.params.entries()].map(([name, value]) => ({
      name,
      slot: this.slotFor(value).slot,
    }));
    const steps = this.steps(g);
    return {
      name: g.name,
      slots: this.slots,
      steps,
      inputs,
      params,
      outputs: g.outputs.map((o) => ({ name: o.name!, slot: this.slotFor(o.value).slot })),
      updates: g.updates.map((u) => ({ name: u.param, slot: this.slotFor(u.value).slot })),
      symbols: [...this.symbols],
    };
  }

  /** The steps of a graph's ops, appended in order. */
  private steps(graph: Graph): Step[] {
    const steps: Step[] = [];
    const fused = this.fusion?.get(graph) ?? new Set<Op>();
    for (const op of graph.ops) {
      const label = `${op.name} %${op.results[0]?.name}`;
      // The ops fused into this one, transitively, for its kernel's comment.
      const fusedInto = op.operands.flatMap((v) => this.deferred.get(v)?.ops ?? []);
      const kernelStep = (body: KStmt[]): Step => ({
        k: "kernel",
        kernel: { name: `k${this.kernels++}_${op.name}`, ops: [...fusedInto, label], body },
      });
      const fresh = (prefix: string) => `${prefix}${this.names++}`;
      const ctx: LowerContext = {
        op,
        operand: (i) => this.slotFor(op.operands[i]),
        result: (i) => this.slotFor(op.results[i]),
        kernelStep,
        kernel: (body) => steps.push(kernelStep(body)),
        pointwise: (shape, body) => {
          const names = shape.map(() => fresh("i"));
          const stmts = body(names.map((n) => v(n)));
          const contraction = this.contraction;
          this.contraction = undefined;
          if (contraction) {
            const { shape: c, acc } = contraction;
            return ctx.kernel([{ k: "contract", ...c, index: names, acc, epilogue: stmts }]);
          }
          ctx.kernel(nest(names, shape, stmts));
        },
        contract: (shape) => {
          if (this.contraction)
            throw new Error(`internal: ${label} would hold two contractions in one kernel`);
          const acc = fresh("acc");
          this.contraction = { shape, acc };
          return v(acc, "f32");
        },
        fresh,
        scratch: (type, name) => this.newSlot(type, name),
        region: (i, args) => {
          const region = op.regions[i];
          region.inputs.forEach((input, j) => this.slotOf.set(input, args[j]));
          return {
            steps: this.steps(region),
            outputs: region.outputs.map((o) => this.slotFor(o.value)),
          };
        },
        loop: (index, extent, reverse, body) =>
          steps.push({ k: "loop", index, extent, reverse, body }),
        operandAt: (i, index) => {
          const deferred = this.deferred.get(op.operands[i]);
          if (deferred) return deferred.valueAt(index);
          const operand = ctx.operand(i);
          return loadFrom(operand, broadcastOffset(index, operand.shape, op.results[0].type.shape));
        },
        operandValue: (i, index) => {
          const deferred = this.deferred.get(op.operands[i]);
          if (deferred) return deferred.valueAt(index);
          const operand = ctx.operand(i);
          return loadFrom(operand, offset(index, operand.shape));
        },
        operandFused: (i) => this.deferred.has(op.operands[i]),
        fused: fused.has(op),
        stored: op.results.some((r) => graph.isOutput(r)),
        defer: (valueAt) =>
          this.deferred.set(op.results[0], { valueAt, ops: [...fusedInto, label] }),
        prelude: (stmts) => this.pending.push(...stmts),
        takePrelude: () => this.pending.splice(0),
      };
      op.def.lower(ctx);
      if (this.pending.length)
        throw new Error(`internal: ${label} left the statements of a fused producer unplaced`);
      if (this.contraction)
        throw new Error(`internal: ${label} left a fused contraction without its kernel`);
    }
    return steps;
  }
}
