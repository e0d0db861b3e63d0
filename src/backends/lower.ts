/**
 * Lowering: a graph of the graph IR to a kernel-IR program.
 *
 * Algorithm: give every value of the graph (and of its regions) a slot; then
 * walk the ops in order and let each op's declaration emit its kernels
 * (`OpDef.lower`) through a LowerContext. The helpers below build the loop
 * nests most ops need: an index per result dim, row-major offsets, and
 * broadcast offsets (stride 0 along stretched dims). Kernel grouping is one
 * op per kernel for now; the fusion pass replaces it.
 */
import { splitAccumulators } from "./accumulators.js";
import { updateInPlace } from "./in-place.js";
import type { Graph, Module, Op, Value } from "../ir/graph.js";
import { symbolsOf, type Dim, type DType, type TensorType } from "../ir/types.js";
import {
  add,
  call,
  dimExpr,
  lit,
  load,
  mul,
  v,
  type KExpr,
  type KStmt,
  type Program,
  type Slot,
  type Step,
} from "./kernel.js";

export interface SlotRef {
  readonly slot: number;
  readonly dtype: DType;
  readonly shape: readonly Dim[];
}

export interface LowerContext {
  readonly op: Op;
  operand(i: number): SlotRef;
  result(i: number): SlotRef;
  /** Emits a kernel implementing this op. */
  kernel(body: KStmt[]): void;
  /** A kernel step of this op, not emitted: for the body of a loop. */
  kernelStep(body: KStmt[]): Step;
  /** A loop variable name not used elsewhere in the program. */
  fresh(prefix: string): string;
  /** A new slot for a value only this op's lowering uses. */
  scratch(type: TensorType, name: string): SlotRef;
  /** The steps of a region run on `args` (its inputs' slots); returns its outputs' slots. */
  region(region: Graph, args: readonly SlotRef[]): { steps: Step[]; outputs: SlotRef[] };
  /** Emits a loop of steps. */
  loop(index: string, extent: KExpr, reverse: boolean, body: Step[]): void;
  /**
   * Operand i's value at `index` of the result: an element loaded from its
   * slot (broadcast), or, for an operand whose producer was fused into this
   * op, that producer's expression.
   */
  operandAt(i: number, index: readonly KExpr[]): KExpr;
  /** Operand i's element at `index` of its own shape: loaded, or its fused producer's expression. */
  operandValue(i: number, index: readonly KExpr[]): KExpr;
  /**
   * True when this op is fused into its consumers: it gives `defer` its
   * expression instead of a kernel, and asks for no result slot.
   */
  readonly fused: boolean;
  /** What the lowering was asked for (an op may lower differently at -O2: blocked matmuls). */
  readonly options: LowerOptions;
  /** For a fused op: its result is an output, so its expression also stores it. */
  readonly stored: boolean;
  defer(valueAt: (index: readonly KExpr[]) => KExpr): void;
  /**
   * For a fused producer whose value takes statements to compute (a matmul's
   * dot product): emits them into the consuming kernel's loop body, before
   * the expression that reads their result.
   */
  prelude(stmts: KStmt[]): void;
  /** The statements fused producers emitted since the last call; the consumer places them. */
  takePrelude(): KStmt[];
}

/** Nested loops over `shape`, one index per dim; `body` gets the indices. */
export function loopNest(
  ctx: LowerContext,
  shape: readonly Dim[],
  body: (index: KExpr[]) => KStmt[],
): KStmt[] {
  const names = shape.map(() => ctx.fresh("i"));
  let stmts = body(names.map(v));
  for (let d = shape.length - 1; d >= 0; d--)
    stmts = [{ k: "for", index: names[d], extent: dimExpr(shape[d]), body: stmts }];
  return stmts;
}

/** Row-major strides of a shape, as expressions. */
export function strides(shape: readonly Dim[]): KExpr[] {
  const out: KExpr[] = new Array(shape.length);
  let stride: KExpr = lit(1);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = stride;
    stride = mul(stride, dimExpr(shape[d]));
  }
  return out;
}

/** The flat offset of `index` in `shape`, reading through `strides` (row-major by default). */
export function offset(index: readonly KExpr[], shape: readonly Dim[], by = strides(shape)): KExpr {
  return index.reduce<KExpr>((acc, i, d) => add(acc, mul(i, by[d])), lit(0));
}

/** The offset in a value of `shape` broadcast to `outShape`, at the result index `index`. */
export function broadcastOffset(
  index: readonly KExpr[],
  shape: readonly Dim[],
  outShape: readonly Dim[],
): KExpr {
  const lead = outShape.length - shape.length;
  const s = strides(shape);
  return shape.reduce<KExpr>(
    (acc, d, i) =>
      d === 1 && outShape[lead + i] !== 1 ? acc : add(acc, mul(index[lead + i], s[i])),
    lit(0),
  );
}

/**
 * result[i] = fn(operand values at i, broadcast): the lowering of every
 * elementwise and broadcast op. Fused into its consumer, the op gives its
 * expression instead, rounded to float32 where the unfused op would have
 * stored a float32, so fusion does not change results.
 */
export function lowerElementwise(ctx: LowerContext, fn: (values: KExpr[]) => KExpr): void {
  const valueAt = (index: readonly KExpr[]) =>
    fn(ctx.op.operands.map((_, i) => ctx.operandAt(i, index)));
  const f32 = ctx.op.results[0].type.dtype === "f32";
  if (ctx.fused && ctx.stored) {
    // An output fused into its consumer: stored where the consumer computes it.
    const out = ctx.result(0);
    ctx.defer((index) => {
      const value = ctx.fresh("t");
      ctx.prelude([
        { k: "let", name: value, value: f32 ? call("fround", valueAt(index)) : valueAt(index) },
        { k: "store", slot: out.slot, at: offset(index, out.shape), value: v(value) },
      ]);
      return v(value);
    });
    return;
  }
  if (ctx.fused) {
    ctx.defer((index) => (f32 ? call("fround", valueAt(index)) : valueAt(index)));
    return;
  }
  const out = ctx.result(0);
  ctx.kernel(
    loopNest(ctx, out.shape, (index) => {
      const value = valueAt(index);
      return [
        ...ctx.takePrelude(),
        { k: "store", slot: out.slot, at: offset(index, out.shape), value },
      ];
    }),
  );
}

/** Sets every element of a slot to `value`. */
export function fillKernel(ctx: LowerContext, target: SlotRef, value: KExpr): KStmt[] {
  return loopNest(ctx, target.shape, (index) => [
    { k: "store", slot: target.slot, at: offset(index, target.shape), value },
  ]);
}

/** Copies `count` elements from src at srcAt to dst at dstAt. */
export function copyKernel(
  ctx: LowerContext,
  src: SlotRef,
  srcAt: KExpr,
  dst: SlotRef,
  dstAt: KExpr,
  count: KExpr,
): KStmt[] {
  const i = ctx.fresh("i");
  return [
    {
      k: "for",
      index: i,
      extent: count,
      body: [
        {
          k: "store",
          slot: dst.slot,
          at: add(dstAt, v(i)),
          value: load(src.slot, add(srcAt, v(i))),
        },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------

export interface LowerOptions {
  /**
   * Fuse chains of elementwise and broadcast ops into one kernel: an op whose
   * only use is such an op with a result of the same shape is computed inside
   * that op's loop instead of through a slot of its own.
   */
  readonly fuse?: boolean;
  /** Split reduction loops into independent accumulators (accumulators.ts). */
  readonly splitAccumulators?: boolean;
  /** Compute a matmul's results in 2×2 blocks, each operand element loaded once per block. */
  readonly blockMatmuls?: boolean;
  /** Write parameter updates where the parameters live (in-place.ts). */
  readonly inPlaceUpdates?: boolean;
}

/** What -O2 lowers with. */
export const OPTIMIZED: LowerOptions = {
  fuse: true,
  splitAccumulators: true,
  blockMatmuls: true,
  inPlaceUpdates: true,
};

/** Lowers graph `name` of `module` to a program. */
export function lowerGraph(module: Module, name: string, options: LowerOptions = {}): Program {
  let program = new Lowering(module.graph(name), options).program();
  if (options.splitAccumulators) program = splitAccumulators(program);
  if (options.inPlaceUpdates) program = updateInPlace(program);
  return program;
}

const POINTWISE = new Set(["elementwise", "broadcast"]);

/** A consumer that reads each operand element through operandAt/operandValue, so a fused producer can stand in. */
const readsFused = (op: Op) => POINTWISE.has(op.def.fusion) || op.def.fusion === "reduction";

/** A constant with one fill value: a literal, inlined wherever it is read. */
const isLiteral = (op: Op) => op.name === "constant" && !Array.isArray(op.attrs.value);

/**
 * The ops of a graph that fuse into their consumers (see LowerOptions.fuse),
 * chosen so that no element is computed twice:
 * - a pointwise op, or an injective op that reads one operand element per
 *   result element (OpDef.defersReads: gather, slice), used once, by a
 *   pointwise op of the same result shape (which reads it element for
 *   element) or by a reduction (which reads each element once);
 * - a one-value constant, whatever its uses, when every user reads it through
 *   the fusion interface: it becomes a literal, which costs nothing to repeat.
 */
function fusedOps(graph: Graph): Set<Op> {
  const fused = new Set<Op>();
  for (const op of graph.ops) {
    const [result] = op.results;
    if (op.results.length !== 1 || graph.isOutput(result) || result.uses.length === 0) continue;
    if (isLiteral(op)) {
      if (result.uses.every((use) => readsFused(use.op))) fused.add(op);
      continue;
    }
    if (!(POINTWISE.has(op.def.fusion) || op.def.defersReads) || result.uses.length !== 1) continue;
    const consumer = result.uses[0].op;
    if (
      (POINTWISE.has(consumer.def.fusion) && sameShape(op, consumer)) ||
      consumer.def.fusion === "reduction"
    )
      fused.add(op);
  }
  for (const op of graph.ops) {
    const [result] = op.results;
    if (op.results.length !== 1 || result.uses.length !== 1 || fused.has(op)) continue;
    const matmul = op.def.fusion === "matmul" && !graph.isOutput(result);
    const forwarded = POINTWISE.has(op.def.fusion) && graph.isOutput(result);
    if ((matmul || forwarded) && chainEndsInKernel(op, fused)) fused.add(op);
  }
  return fused;
}

const sameShape = (producer: Op, consumer: Op) =>
  consumer.results[0].type.shape.join() === producer.results[0].type.shape.join();

/**
 * Two more kinds of producer fuse into a pointwise chain that ends in a kernel
 * of its own, placing statements in that kernel's loop (LowerContext.prelude):
 * - a matmul used once, not an output: the kernel sums each dot product in
 *   its loop and applies the epilogue (bias add, activation, residual add);
 * - a pointwise output used once more (an optimizer's new moment, which is
 *   written back and feeds the update): the kernel computes it, stores it in
 *   its slot and uses it, so the update of a parameter is one loop.
 * The chain is followed from the producer's one use through fused pointwise
 * ops of the same shape, so each element is computed once; a reduction at its
 * end would have to place the statements inside its own loop, so it does not
 * qualify.
 */
function chainEndsInKernel(producer: Op, fused: ReadonlySet<Op>): boolean {
  let op = producer;
  for (;;) {
    const consumer = op.results[0].uses[0].op;
    if (!POINTWISE.has(consumer.def.fusion) || !sameShape(op, consumer)) return false;
    if (!fused.has(consumer)) return true;
    op = consumer;
    if (op.results[0].uses.length !== 1) return false;
  }
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

  constructor(
    private readonly graph: Graph,
    private readonly options: LowerOptions,
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
    const fused = this.options.fuse ? fusedOps(graph) : new Set<Op>();
    for (const op of graph.ops) {
      const label = `${op.name} %${op.results[0]?.name}`;
      // The ops fused into this one, transitively, for its kernel's comment.
      const fusedInto = op.operands.flatMap((v) => this.deferred.get(v)?.ops ?? []);
      const ctx: LowerContext = {
        op,
        operand: (i) => this.slotFor(op.operands[i]),
        result: (i) => this.slotFor(op.results[i]),
        kernelStep: (body) => ({
          k: "kernel",
          kernel: {
            name: `k${this.kernels++}_${op.name}`,
            ops: [...fusedInto, label],
            body,
          },
        }),
        kernel: (body) => steps.push(ctx.kernelStep(body)),
        fresh: (prefix) => `${prefix}${this.names++}`,
        scratch: (type, name) => this.newSlot(type, name),
        region: (region, args) => {
          region.inputs.forEach((input, i) => this.slotOf.set(input, args[i]));
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
          return load(
            operand.slot,
            broadcastOffset(index, operand.shape, op.results[0].type.shape),
          );
        },
        operandValue: (i, index) => {
          const deferred = this.deferred.get(op.operands[i]);
          if (deferred) return deferred.valueAt(index);
          const operand = ctx.operand(i);
          return load(operand.slot, offset(index, operand.shape));
        },
        fused: fused.has(op),
        options: this.options,
        stored: op.results.some((r) => graph.isOutput(r)),
        defer: (valueAt) =>
          this.deferred.set(op.results[0], { valueAt, ops: [...fusedInto, label] }),
        prelude: (stmts) => this.pending.push(...stmts),
        takePrelude: () => this.pending.splice(0),
      };
      op.def.lower(ctx);
      if (this.pending.length)
        throw new Error(`internal: ${label} left the statements of a fused producer unplaced`);
    }
    return steps;
  }
}
