/**
 * The WebAssembly backend's printer: kernel-IR programs as one module, built
 * with binaryen's module API, validated and optimized.
 *
 * Each kernel becomes a function without parameters; each program an
 * exported driver that calls its kernels in order (and loops for scans).
 * Slot base addresses, symbolic dims and program-level loop indices are
 * mutable i32 globals (`forward.s3`, `d.batch`, `d.t20`), which the runtime
 * (src/runtime/wasm.ts) sets before a program runs. Values follow the
 * TypeScript backend's semantics: f32 values are computed in f64 and
 * rounded when stored (or where `fround` says), i32 arithmetic wraps, bools
 * are i32 0 or 1; functions WebAssembly has no instruction for are imported
 * from the runtime (module "math"), the same ones the interpreter uses.
 */
import type Binaryen from "binaryen";
import {
  kernelsOf,
  type KExpr,
  type KFn,
  type Kernel,
  type KStmt,
  type KType,
  type Program,
  type Step,
} from "../../kernel/ir.js";
import { contractionBlocker } from "../../kernel/block-contractions.js";
import {
  chunkDepth,
  computeOperands,
  flattenBatch,
  printContraction,
  scheduleOf,
  REGIONS,
  type LoopOptions,
} from "./contract.js";
import { printVectorLoop, type VectorScope } from "./vectorize.js";
import { VectorMath } from "./math.js";

type Ref = Binaryen.ExpressionRef;
type M = Binaryen.Module;
type WasmType = Binaryen.Type;

/** binaryen takes a quarter of a second to load, so only a compile for this target loads it. */
let binaryen: typeof Binaryen;
let i32: WasmType, f32: WasmType, f64: WasmType, v128: WasmType, none: WasmType;
async function loadBinaryen(): Promise<void> {
  if (binaryen) return;
  binaryen = (await import("binaryen")).default;
  ({ i32, f32, f64, v128, none } = binaryen);
}

const wasmType = (t: KType) => (t === "f32" ? f64 : i32);

/** Imported functions: the name under module "math" and the number of operands (f64 unless random). */
const IMPORTED: Partial<Record<KFn, number>> = {
  exp: 1,
  log: 1,
  tanh: 1,
  sin: 1,
  cos: 1,
  erf: 1,
  sigmoid: 1,
  gelu_erf: 1,
  gelu_tanh: 1,
  pow: 2,
};

type FnBuilder = (m: M, args: Ref[], type: KType, operand: KType) => Ref;

const imported =
  (fn: KFn): FnBuilder =>
  (m, args) =>
    m.call(`math.${fn}`, args, f64);

/** i32 or f64 versions of an operation, by the operands' type. */
const numeric =
  (ints: (m: M, args: Ref[]) => Ref, floats: (m: M, args: Ref[]) => Ref): FnBuilder =>
  (m, args, _type, operand) =>
    operand === "f32" ? floats(m, args) : ints(m, args);

/**
 * How each kernel function is built. The table is total: a kernel function
 * without a WebAssembly form fails to type-check.
 */
const FUNCTIONS: Record<KFn, FnBuilder> = {
  add: numeric(
    (m, [a, b]) => m.i32.add(a, b),
    (m, [a, b]) => m.f64.add(a, b),
  ),
  sub: numeric(
    (m, [a, b]) => m.i32.sub(a, b),
    (m, [a, b]) => m.f64.sub(a, b),
  ),
  mul: numeric(
    (m, [a, b]) => m.i32.mul(a, b),
    (m, [a, b]) => m.f64.mul(a, b),
  ),
  div: numeric(
    (m, [a, b]) => m.i32.div_s(a, b),
    (m, [a, b]) => m.f64.div(a, b),
  ),
  mod: (m, [a, b]) => m.i32.rem_s(a, b),
  // f64.max and f64.min give NaN for a NaN operand and order -0 below 0, as Math.max and Math.min do.
  max: numeric(
    (m, [a, b]) => pick(m, a, b, (x, y) => m.i32.gt_s(x, y)),
    (m, [a, b]) => m.f64.max(a, b),
  ),
  min: numeric(
    (m, [a, b]) => pick(m, a, b, (x, y) => m.i32.lt_s(x, y)),
    (m, [a, b]) => m.f64.min(a, b),
  ),
  pow: imported("pow"),
  lt: numeric(
    (m, [a, b]) => m.i32.lt_s(a, b),
    (m, [a, b]) => m.f64.lt(a, b),
  ),
  le: numeric(
    (m, [a, b]) => m.i32.le_s(a, b),
    (m, [a, b]) => m.f64.le(a, b),
  ),
  gt: numeric(
    (m, [a, b]) => m.i32.gt_s(a, b),
    (m, [a, b]) => m.f64.gt(a, b),
  ),
  ge: numeric(
    (m, [a, b]) => m.i32.ge_s(a, b),
    (m, [a, b]) => m.f64.ge(a, b),
  ),
  eq: numeric(
    (m, [a, b]) => m.i32.eq(a, b),
    (m, [a, b]) => m.f64.eq(a, b),
  ),
  ne: numeric(
    (m, [a, b]) => m.i32.ne(a, b),
    (m, [a, b]) => m.f64.ne(a, b),
  ),
  and: (m, [a, b]) => m.i32.and(a, b),
  or: (m, [a, b]) => m.i32.or(a, b),
  not: (m, [a]) => m.i32.eqz(a),
  neg: numeric(
    (m, [a]) => m.i32.sub(m.i32.const(0), a),
    (m, [a]) => m.f64.neg(a),
  ),
  abs: numeric(
    (m, [a]) =>
      pick(m, a, m.i32.sub(m.i32.const(0), copy(m, a)), (x) => m.i32.ge_s(x, m.i32.const(0))),
    (m, [a]) => m.f64.abs(a),
  ),
  relu: numeric(
    (m, [a]) => pick(m, a, m.i32.const(0), (x) => m.i32.gt_s(x, m.i32.const(0))),
    (m, [a]) => m.f64.max(a, m.f64.const(0)),
  ),
  exp: imported("exp"),
  log: imported("log"),
  sqrt: (m, [a]) => m.f64.sqrt(a),
  rsqrt: (m, [a]) => m.f64.div(m.f64.const(1), m.f64.sqrt(a)),
  reciprocal: (m, [a]) => m.f64.div(m.f64.const(1), a),
  tanh: imported("tanh"),
  sigmoid: imported("sigmoid"),
  erf: imported("erf"),
  sin: imported("sin"),
  cos: imported("cos"),
  gelu_erf: imported("gelu_erf"),
  gelu_tanh: imported("gelu_tanh"),
  fround: (m, [a]) => m.f64.promote(m.f32.demote(a)),
  random: (m, args) => m.call("math.random", args, f64),
};

interface SimdTernary {
  _BinaryenSIMDTernary(module: number, op: number, a: Ref, b: Ref, c: Ref): Ref;
}

/** A copy of an expression, for one that is used twice. */
function copy(m: M, e: Ref): Ref {
  return m.copyExpression(e);
}

/** `a` when `better(a, b)`, else `b`: a select over copies, since both sides are evaluated anyway. */
function pick(m: M, a: Ref, b: Ref, better: (x: Ref, y: Ref) => Ref): Ref {
  return m.select(better(copy(m, a), copy(m, b)), a, b);
}

class FunctionBuilder implements VectorScope {
  private readonly locals = new Map<string, { index: number; type: WasmType }>();
  readonly vars: WasmType[] = [];
  private labels = 0;
  private names = 0;
  /** Contractions printed as they are: the passes of a chunked one (chunkDepth). */
  private readonly whole = new WeakSet<KStmt>();
  readonly types = { i32, f32, f64, v128 };
  /** Contractions no micro-kernel covers, as scalar loops. */
  private readonly blocker = contractionBlocker({ rows: 4, cols: 4, vector: 8 });

  constructor(
    readonly m: M,
    private readonly program: string,
    private readonly globals: ReadonlySet<string>,
    readonly math: VectorMath,
    private readonly relaxed: boolean,
  ) {}

  local(name: string, type: WasmType): number {
    let local = this.locals.get(name);
    if (!local) {
      local = { index: this.vars.length, type };
      this.locals.set(name, local);
      this.vars.push(type);
    }
    return local.index;
  }

  /** A fresh local, for a loop's extent. */
  temp(type: WasmType): number {
    return this.local(`$t${this.locals.size}`, type);
  }

  scalarCall(fn: KFn, args: Ref[]): Ref {
    return FUNCTIONS[fn](this.m, args, "f32", "f32");
  }

  private slotBase(slot: number): Ref {
    const region = REGIONS.get(slot);
    return region !== undefined
      ? this.m.i32.const(region)
      : this.m.global.get(`${this.program}.s${slot}`, i32);
  }

  madd(a: Ref, b: Ref, c: Ref): Ref {
    const m = this.m;
    // binaryen.js has no wrapper for the relaxed ternaries: its C API's, which it exports, builds it.
    return this.relaxed
      ? (binaryen as unknown as SimdTernary)._BinaryenSIMDTernary(
          m.ptr,
          binaryen.RelaxedMaddVecF32x4,
          a,
          b,
          c,
        )
      : m.f32x4.add(m.f32x4.mul(a, b), c);
  }

  fresh(prefix: string): string {
    return `${prefix}$${this.names++}`;
  }

  address(slot: number, at: KExpr): Ref {
    return this.m.i32.add(this.slotBase(slot), this.m.i32.shl(this.expr(at), this.m.i32.const(2)));
  }

  loop(index: number, extent: Ref, body: Ref[], options: LoopOptions = {}): Ref {
    const m = this.m;
    const { step = 1, from = m.i32.const(0) } = options;
    const end = this.temp(i32);
    const label = `l${this.labels++}`;
    const get = () => m.local.get(index, i32);
    const last = step === 1 ? get() : m.i32.add(get(), m.i32.const(step - 1));
    return m.block(null, [
      m.local.set(end, extent),
      m.local.set(index, from),
      m.block(`${label}.done`, [
        m.loop(
          label,
          m.block(null, [
            m.br(`${label}.done`, m.i32.ge_s(last, m.local.get(end, i32))),
            ...body,
            m.local.set(index, m.i32.add(get(), m.i32.const(step))),
            m.br(label),
          ]),
        ),
      ]),
    ]);
  }

  expr(e: KExpr): Ref {
    const m = this.m;
    switch (e.k) {
      case "lit":
        return e.type === "f32" ? m.f64.const(e.value) : m.i32.const(e.value | 0);
      case "var": {
        const local = this.locals.get(e.name);
        if (local) return m.local.get(local.index, local.type);
        if (this.globals.has(e.name)) return m.global.get(`d.${e.name}`, i32);
        throw new Error(`internal: '${e.name}' is not bound`);
      }
      case "load": {
        const at = this.address(e.slot, e.at);
        return e.type === "f32" ? m.f64.promote(m.f32.load(0, 4, at)) : m.i32.load(0, 4, at);
      }
      case "call":
        return FUNCTIONS[e.fn](
          m,
          e.args.map((a) => this.expr(a)),
          e.type,
          e.args[0].type,
        );
      case "select":
        return m.select(this.expr(e.cond), this.expr(e.then), this.expr(e.else));
      case "cast": {
        const value = this.expr(e.value);
        if (e.type === "f32")
          return e.value.type === "bool" ? m.f64.convert_u.i32(value) : m.f64.convert_s.i32(value);
        // f32 to i32 truncates, saturates and takes NaN to 0, as the graph IR's cast; a bool is 0 or 1.
        return e.value.type === "f32" ? m.i32.trunc_s_sat.f64(value) : value;
      }
    }
  }

  stmts(body: readonly KStmt[]): Ref[] {
    return body.map((s) => this.stmt(s));
  }

  private stmt(s: KStmt): Ref {
    const m = this.m;
    switch (s.k) {
      case "for":
        // Loops run in order; a parallel one may run four iterations at a time.
        return (
          printVectorLoop(this, s) ??
          this.loop(this.local(s.index, i32), this.expr(s.extent), this.stmts(s.body))
        );
      case "let":
      case "assign": {
        const type = wasmType(s.value.type);
        const value = this.expr(s.value);
        return m.local.set(this.local(s.name, type), value);
      }
      case "store":
      case "accumulate": {
        const value = this.expr(s.value);
        const dtype = s.value.type;
        const current = () =>
          dtype === "f32"
            ? m.f64.promote(m.f32.load(0, 4, this.address(s.slot, s.at)))
            : m.i32.load(0, 4, this.address(s.slot, s.at));
        const total =
          s.k === "accumulate"
            ? dtype === "f32"
              ? m.f64.add(current(), value)
              : m.i32.add(current(), value)
            : value;
        const at = this.address(s.slot, s.at);
        return dtype === "f32"
          ? m.f32.store(0, 4, at, m.f32.demote(total))
          : m.i32.store(0, 4, at, total);
      }
      case "if":
        return m.if(this.expr(s.cond), m.block(null, this.stmts(s.then)));
      case "contract": {
        const computed = this.whole.has(s) ? undefined : computeOperands(s, (p) => this.fresh(p));
        if (computed) {
          for (const c of computed.whole) this.whole.add(c);
          return m.block(null, this.stmts(computed.stmts));
        }
        const flat = flattenBatch(s, (p) => this.fresh(p));
        if (flat) return this.stmt(flat);
        const chunked = this.whole.has(s) ? undefined : chunkDepth(s, (p) => this.fresh(p));
        if (chunked) {
          for (const c of chunked.whole) this.whole.add(c);
          return m.block(null, this.stmts(chunked.stmts));
        }
        const schedule = scheduleOf(s);
        return schedule
          ? printContraction(this, s, schedule)
          : m.block(null, this.stmts(this.blocker(s)));
      }
    }
  }
}

/** The programs as a WebAssembly module: its binary and, when asked for (golden files), its text. */
export async function printWasm(
  programs: readonly Program[],
  options: { text?: boolean; relaxed?: boolean } = {},
): Promise<{ binary: Uint8Array; text?: string }> {
  await loadBinaryen();
  const m = new binaryen.Module();
  m.setFeatures(
    binaryen.Features.MVP |
      binaryen.Features.NontrappingFPToInt |
      binaryen.Features.MutableGlobals |
      binaryen.Features.SignExt |
      binaryen.Features.SIMD128 |
      (options.relaxed ? binaryen.Features.RelaxedSIMD : 0),
  );
  m.setMemory(1, 65536, "memory");
  for (const [fn, arity] of Object.entries(IMPORTED))
    m.addFunctionImport(
      `math.${fn}`,
      "math",
      fn,
      binaryen.createType(Array.from({ length: arity }, () => f64)),
      f64,
    );
  m.addFunctionImport("math.random", "math", "random", binaryen.createType([i32, i32, i32]), f64);
  const math = new VectorMath(m, { v128, f64 });
  const dims = new Set<string>();
  const loopIndices = (steps: readonly Step[]): string[] =>
    steps.flatMap((s) => (s.k === "loop" ? [s.index, ...loopIndices(s.body)] : []));
  for (const p of programs) for (const d of [...p.symbols, ...loopIndices(p.steps)]) dims.add(d);
  for (const d of dims) {
    m.addGlobal(`d.${d}`, i32, true, m.i32.const(0));
    m.addGlobalExport(`d.${d}`, `d.${d}`);
  }
  for (const p of programs) {
    p.slots.forEach((_, i) => {
      m.addGlobal(`${p.name}.s${i}`, i32, true, m.i32.const(0));
      m.addGlobalExport(`${p.name}.s${i}`, `${p.name}.s${i}`);
    });
    for (const k of kernelsOf(p.steps))
      addKernel(m, p.name, k, new FunctionBuilder(m, p.name, dims, math, !!options.relaxed));
    const scope = new FunctionBuilder(m, p.name, dims, math, false);
    m.addFunction(p.name, none, none, [], m.block(null, driver(m, p.name, p.steps, scope)));
    m.addFunctionExport(p.name, p.name);
  }
  if (!m.validate()) throw new Error("internal: the WebAssembly module does not validate");
  // Kernels stay functions of their own: inlined into their one caller, the driver, they make one
  // huge function, which V8 compiles far worse (the MNIST MLP's training step took 1.7x as long).
  binaryen.setOneCallerInlineMaxSize(0);
  m.optimize();
  const binary = m.emitBinary();
  const text = options.text ? m.emitText() : undefined;
  m.dispose();
  return { binary, text };
}

function addKernel(m: M, program: string, k: Kernel, f: FunctionBuilder): void {
  const body = m.block(null, f.stmts(k.body));
  m.addFunction(`${program}.${k.name}`, none, none, f.vars, body);
}

/**
 * A program's driver: its kernels called in order, scans' loops over a dims
 * global. `scope` prints the loops' extents, which read only symbolic dims
 * and outer loop indices (globals), which the loops do not change.
 */
function driver(m: M, program: string, steps: readonly Step[], scope: FunctionBuilder): Ref[] {
  return steps.map((s) => {
    if (s.k === "kernel") return m.call(`${program}.${s.kernel.name}`, [], none);
    const index = `d.${s.index}`;
    const get = () => m.global.get(index, i32);
    const extent = scope.expr(s.extent);
    const label = `${program}.${s.index}`;
    const [start, done, next] = s.reverse
      ? [m.i32.sub(extent, m.i32.const(1)), m.i32.lt_s(get(), m.i32.const(0)), -1]
      : [m.i32.const(0), m.i32.ge_s(get(), m.copyExpression(extent)), 1];
    return m.block(null, [
      m.global.set(index, start),
      m.block(`${label}.done`, [
        m.loop(
          label,
          m.block(null, [
            m.br(`${label}.done`, done),
            ...driver(m, program, s.body, scope),
            m.global.set(index, m.i32.add(get(), m.i32.const(next))),
            m.br(label),
          ]),
        ),
      ]),
    ]);
  });
}
