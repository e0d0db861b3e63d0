/**
 * Contractions as SIMD micro-kernels: the WebAssembly backend's schedule for
 * `contract`.
 *
 * A contraction's operands are read where they lie, through their strides,
 * by one of three register-blocked kernels chosen by which strides are 1:
 *
 * - columns (B's columns contiguous, A·B and Aᵀ·B): a tile of 4 rows × 8
 *   columns in eight f32x4 accumulators; per depth step two vector loads of
 *   B's row and four splat loads of A, eight multiply-adds.
 * - rows (A's rows contiguous, Aᵀ·Bᵀ): the same kernel on the transposed
 *   problem, a tile of 8 rows × 4 columns.
 * - depth (both operands contiguous along the depth, A·Bᵀ): the columns
 *   kernel over B packed transposed where 16 rows or more read each block
 *   (depthOrColumns); elsewhere a tile of 2 rows × 4 columns of f32x4 dot
 *   products over four depth steps at a time, summed across lanes at the
 *   end, the last depth steps scalar.
 *
 * Full tiles of the splat (or, for depth, the row) direction are walked
 * first and the rows left over one at a time with a wider tile, so a batch
 * of one does no wasted work. A partial tile in the vector direction loads
 * whole vectors: lanes past the operand's end are computed and never
 * stored, and may read up to 28 bytes past the last element of a slot (the
 * runtime keeps that much memory past everything it reserves: OVERREAD).
 * In the depth kernel a partial tile of columns repeats the last column.
 *
 * Products and sums are float32 (the lanes), unlike the scalar code, which
 * computes in double precision; the sum runs over k in order within each
 * lane. Each tile's results go to a small buffer at the start of the module's
 * memory (TILE), from where one loop runs the epilogue for each valid result,
 * so the epilogue is printed once per kernel variant rather than once per
 * lane. A computed operand (a fused prologue) is computed a block of
 * positions at a time into reserved memory, which the kernels then read as
 * a strided operand (computeOperands). A contraction with no stride of 1 is
 * blocked into scalar loops as the TypeScript backend's.
 */
import type Binaryen from "binaryen";
import { printExpr } from "../../kernel/text.js";
import {
  add,
  call,
  copyStmts,
  div,
  int,
  isStrided,
  load,
  mod,
  mul,
  substitute,
  v,
  walkExpr,
  type ComputedOperand,
  type Contraction,
  type KExpr,
  type KStmt,
  type StridedOperand,
} from "../../kernel/ir.js";

type Ref = Binaryen.ExpressionRef;
type M = Binaryen.Module;

/** Where a tile's results wait for the epilogue: the first bytes of the module's memory. */
export const TILE = 0;
/** The slot number that stands for the tile in the epilogue's kernel IR. */
const TILE_SLOT = -1;
/**
 * Where the columns and rows kernels pack a block of their vector operand,
 * 8 lanes per depth step, so the tiles that read it read consecutive
 * addresses (the operand's own rows may lie a whole row apart, which L1
 * holds less of). A block is packed when at least PACK_FROM tiles positions
 * read it and the panel holds it (depth up to PANEL_BYTES / 32).
 */
const PANEL = 256;
const PANEL_BYTES = 65536;
const PACK_FROM = 16;

/** Whether a block of the vector operand is packed: `positions` read it, and the panel holds its depth. */
const packable = (m: M, positions: Ref, depth: Ref) =>
  m.i32.and(
    m.i32.ge_s(positions, m.i32.const(PACK_FROM)),
    m.i32.le_s(depth, m.i32.const(PANEL_BYTES / 32)),
  );
/**
 * Where the columns kernel packs a block of tiles' splat values when they
 * lie side by side but a whole row apart per depth step (Aᵀ·B: A[k, i..i+3]
 * for every k): each tile's values one depth step after another, so a tile
 * reads them consecutively and not through addresses a row apart, which
 * alias in L1 when a row is a power of two (512 floats). A block holds as
 * many tiles as fit in SPLAT_PANEL_BYTES; the vector operand's panel is
 * packed again for each block.
 */
const SPLAT_PANEL = PANEL + PANEL_BYTES;
const SPLAT_PANEL_BYTES = 65536;
/**
 * Where a block of a computed operand (a fused prologue) lies while the
 * tiles read it: A's and B's apart, since a contraction may compute both
 * (computeOperands).
 */
const COMPUTED_BYTES = 65536;
const COMPUTED_A = SPLAT_PANEL + SPLAT_PANEL_BYTES;
const COMPUTED_B = COMPUTED_A + COMPUTED_BYTES;
/** Bytes the runtime leaves free at the start of the memory (the tile and the panels). */
export const RESERVED = COMPUTED_B + COMPUTED_BYTES;
/** The slots that stand for reserved regions in the kernel IR made while printing, and their byte addresses. */
const COMPUTED_A_SLOT = -2;
const COMPUTED_B_SLOT = -3;
export const REGIONS: ReadonlyMap<number, number> = new Map([
  [TILE_SLOT, TILE],
  [COMPUTED_A_SLOT, COMPUTED_A],
  [COMPUTED_B_SLOT, COMPUTED_B],
]);
/** How far past a slot's last element a partial vector tile may read. */
export const OVERREAD = 64;
/** The tile buffer's row pitch in floats. */
const PITCH = 8;

/** What the contraction printer needs of the function it prints into. */
export interface Scope {
  readonly m: M;
  readonly types: {
    readonly i32: Binaryen.Type;
    readonly f32: Binaryen.Type;
    readonly f64: Binaryen.Type;
    readonly v128: Binaryen.Type;
  };
  local(name: string, type: Binaryen.Type): number;
  /** A name no local has yet. */
  fresh(prefix: string): string;
  /** a·b + c on f32x4 lanes: relaxed SIMD's fused multiply-add in a relaxed module, else mul and add. */
  madd(a: Ref, b: Ref, c: Ref): Ref;
  temp(type: Binaryen.Type): number;
  expr(e: KExpr): Ref;
  stmts(body: readonly KStmt[]): Ref[];
  /** The byte address of a slot's element `at`. */
  address(slot: number, at: KExpr): Ref;
  /** `for (index = from; index + step <= extent; index += step) body`, index a local (from 0, step 1 unless given). */
  loop(index: number, extent: Ref, body: Ref[], options?: LoopOptions): Ref;
}

export interface LoopOptions {
  readonly step?: number;
  readonly from?: Ref;
}

const isOne = (e: KExpr) => e.k === "lit" && e.value === 1;

export type Schedule = "columns" | "rows" | "depth";

/** The micro-kernel that computes a contraction, or undefined where only scalar loops do. */
export function scheduleOf(c: Contraction): Schedule | undefined {
  if (!isStrided(c.a) || !isStrided(c.b)) return undefined;
  if (isOne(c.b.stride)) return "columns";
  if (isOne(c.a.stride)) return "rows";
  if (isOne(c.a.step) && isOne(c.b.step)) return "depth";
  return undefined;
}

/**
 * A batch of contractions against one matrix (a layer applied at every time
 * step: A is [T, m, k], B the same for every batch index) as one contraction
 * of T·m rows, when the batch's rows of A follow one another (A's batch
 * offset is m rows): one product instead of T small ones, which at m = 1 are
 * matrix-vector products that read all of B each. The epilogue's batch
 * index and row become the flat row's quotient and remainder by m.
 * Undefined where it does not apply.
 */
export function flattenBatch(
  c: Contraction,
  fresh: (prefix: string) => string,
): Contraction | undefined {
  if (c.batch.length !== 1 || !isStrided(c.a) || !isStrided(c.b)) return undefined;
  const [batch, i] = c.index;
  const reads = (e: KExpr) => {
    let found = false;
    walkExpr(e, (x) => (found ||= x.k === "var" && x.name === batch));
    return found;
  };
  const { a, b } = c;
  if ([b.base, b.stride, b.step, a.stride, a.step, c.m, c.n, c.depth].some(reads)) return undefined;
  // A's batch offset must be batch · (m rows): the batch's rows then follow one another.
  const rows = printExpr(mul(c.m, a.stride));
  const [x, y] = a.base.k === "call" && a.base.fn === "mul" ? a.base.args : [];
  const isBatch = (e?: KExpr) => e?.k === "var" && e.name === batch;
  const isRows = (e?: KExpr) => e !== undefined && printExpr(e) === rows;
  if (!((isBatch(x) && isRows(y)) || (isBatch(y) && isRows(x)))) return undefined;
  const flat = fresh("row");
  const by = new Map<string, KExpr>([
    [batch, div(v(flat), c.m)],
    [i, mod(v(flat), c.m)],
  ]);
  return {
    ...c,
    batch: [],
    index: [flat, c.index[2]],
    m: mul(c.batch[0], c.m),
    a: { ...a, base: int(0) },
    epilogue: copyStmts(c.epilogue, by, `_${flat}`),
  };
}

/** Depth steps per pass of a long contraction (chunkDepth). */
const CHUNK = 256;

/**
 * A long contraction (depth over CHUNK, or unknown until run time: a
 * weight's gradient summed over batch × time steps) in passes of CHUNK
 * depth steps over all its tiles, when its epilogue is one store of a
 * function of the sum at (i, j) of an m × n row-major result, which then
 * holds the partial sums between passes: the first pass stores its sums,
 * the next ones add theirs, the last runs the epilogue on the total. A pass
 * reads CHUNK rows of each operand, which with a tile's splat operand and a
 * packed block stays in L1 across the tiles that share cache lines; the
 * whole depth at once does not. Undefined where it does not apply; else
 * the statements, and the contractions in them, which are not to be
 * chunked again.
 */
export function chunkDepth(
  c: Contraction,
  fresh: (prefix: string) => string,
): { stmts: KStmt[]; whole: Contraction[] } | undefined {
  const schedule = scheduleOf(c);
  if (schedule !== "columns" && schedule !== "rows") return undefined;
  if (c.batch.length || (c.depth.k === "lit" && c.depth.value <= CHUNK)) return undefined;
  const [store] = c.epilogue;
  const [i, j] = c.index;
  const a = c.a as StridedOperand;
  const b = c.b as StridedOperand;
  if (c.epilogue.length !== 1 || store.k !== "store" || [a.slot, b.slot].includes(store.slot))
    return undefined;
  if (printExpr(store.at) !== printExpr(add(mul(v(i), c.n), v(j)))) return undefined;
  const { slot, at } = store;
  const sum = fresh("sum");
  const partial = v(sum, "f32");
  const whole: Contraction[] = [c];
  const pass = (from: KExpr, depth: KExpr, epilogue: KStmt[]): KStmt => {
    const part: Contraction = {
      ...c,
      depth,
      a: { ...a, base: add(a.base, mul(from, a.step)) },
      b: { ...b, base: add(b.base, mul(from, b.step)) },
      acc: sum,
      epilogue,
    };
    whole.push(part);
    return part;
  };
  const held = load(slot, at, "f32");
  const [chunks, q] = [fresh("chunks"), fresh("chunk")];
  const last = mul(call("sub", v(chunks), int(1)), int(CHUNK));
  const chunked: KStmt[] = [
    { k: "let", name: chunks, value: div(add(c.depth, int(CHUNK - 1)), int(CHUNK)) },
    pass(int(0), int(CHUNK), [{ k: "store", slot, at, value: partial }]),
    {
      k: "for",
      index: q,
      extent: call("sub", v(chunks), int(2)),
      kind: "serial",
      body: [
        pass(mul(add(v(q), int(1)), int(CHUNK)), int(CHUNK), [
          { k: "store", slot, at, value: add(held, partial) },
        ]),
      ],
    },
    pass(last, call("sub", c.depth, last), [
      { k: "let", name: c.acc, value: add(held, partial) },
      ...c.epilogue,
    ]),
  ];
  if (c.depth.k === "lit") return { stmts: chunked, whole };
  const stmts: KStmt[] = [
    { k: "if", cond: call("le", c.depth, int(CHUNK)), then: [c] },
    { k: "if", cond: call("gt", c.depth, int(CHUNK)), then: chunked },
  ];
  return { stmts, whole };
}

/**
 * A contraction with a computed operand (a fused prologue), in blocks of
 * that operand's positions (A's rows, or B's columns): each block computed
 * once into its region of the reserved memory, a position's depth steps
 * side by side, and then contracted as a strided operand by the kernels
 * above, so that every element is computed once and the tiles read it from
 * cache. The loop that computes a block is kernel IR, printed as any loop
 * is: four depth steps at a time where the operand's elements lie side by
 * side along the depth (the fusion pass fuses only such prologues). A block
 * holds a multiple of 4 positions, as many as its region holds at the
 * depth (one to three past a depth of 4096); past a depth the region cannot
 * hold once, the scalar loops. Undefined where no operand is computed; else
 * the statements, and the contractions in them not to be rewritten again.
 */
export function computeOperands(
  c: Contraction,
  fresh: (prefix: string) => string,
): { stmts: KStmt[]; whole: Contraction[] } | undefined {
  const side = !isStrided(c.a) ? "a" : !isStrided(c.b) ? "b" : undefined;
  if (!side) return undefined;
  const floats = COMPUTED_BYTES / 4;
  if (c.depth.k === "lit" && c.depth.value > floats) return { stmts: [c], whole: [c] };
  const computed = c[side] as ComputedOperand;
  const nb = c.batch.length;
  const at = nb + (side === "a" ? 0 : 1);
  const extent = side === "a" ? c.m : c.n;
  // Positions per block: a multiple of 4 where four fit, else as many as fit.
  const fit = div(int(floats), call("max", c.depth, int(1)));
  const per =
    fit.k === "lit"
      ? int(fit.value >= 4 ? fit.value & ~3 : fit.value)
      : call("max", mul(div(fit, int(4)), int(4)), call("min", fit, int(3)));
  const [block, first, count, p, k, position] = ["block", "first", "count", "p", "k", "pos"].map(
    fresh,
  );
  const slot = side === "a" ? COMPUTED_A_SLOT : COMPUTED_B_SLOT;
  const [ownP, ownK] = computed.index;
  const value = substitute(
    computed.value,
    new Map([
      [ownP, add(v(first), v(p))],
      [ownK, v(k)],
    ]),
  );
  const part: Contraction = {
    ...c,
    batch: [],
    index: c.index.slice(nb).map((name, d) => (nb + d === at ? position : name)),
    ...(side === "a" ? { m: v(count) } : { n: v(count) }),
    [side]: { slot, base: int(0), stride: c.depth, step: int(1) },
    epilogue: copyStmts(
      c.epilogue,
      new Map([[c.index[at], add(v(first), v(position))]]),
      `_${position}`,
    ),
  };
  let stmts: KStmt[] = [
    {
      k: "for",
      index: block,
      extent: div(add(extent, call("sub", per, int(1))), per),
      kind: "serial",
      body: [
        { k: "let", name: first, value: mul(v(block), per) },
        { k: "let", name: count, value: call("min", per, call("sub", extent, v(first))) },
        {
          k: "for",
          index: p,
          extent: v(count),
          kind: "parallel",
          body: [
            {
              k: "for",
              index: k,
              extent: c.depth,
              kind: "parallel",
              body: [{ k: "store", slot, at: add(mul(v(p), c.depth), v(k)), value }],
            },
          ],
        },
        part,
      ],
    },
  ];
  // The batch indices as loops around it, in order (each block reuses the region).
  for (let d = nb - 1; d >= 0; d--)
    stmts = [{ k: "for", index: c.index[d], extent: c.batch[d], kind: "serial", body: stmts }];
  if (c.depth.k === "lit") return { stmts, whole: [] };
  return {
    stmts: [
      { k: "if", cond: call("le", c.depth, int(floats)), then: stmts },
      { k: "if", cond: call("gt", c.depth, int(floats)), then: [c] },
    ],
    whole: [c],
  };
}

export function printContraction(s: Scope, c: Contraction, schedule: Schedule): Ref {
  const { m } = s;
  const { i32 } = s.types;
  const nb = c.batch.length;
  // The batch indices are locals before anything reads them (the operands' bases do).
  const batch = c.index.slice(0, nb).map((name) => s.local(name, i32));
  let body: Ref[] =
    schedule === "depth" ? depthOrColumns(s, c) : outerKernel(s, c, schedule === "columns");
  for (let d = nb - 1; d >= 0; d--) body = [s.loop(batch[d], s.expr(c.batch[d]), body)];
  return m.block(null, body);
}

/**
 * A·Bᵀ: the columns kernel over B packed transposed, where enough rows read
 * each packed block and the panel holds it (as for packing in the columns
 * kernel); the depth kernel's dot products elsewhere (a batch of one, a
 * depth past the panel). The dot products sum each tile's eight lanes
 * across at the end and read B from L2 for every pair of rows: a dense
 * layer's 1024 × 512 by 128 ran at 15 GFLOP/s that way.
 */
function depthOrColumns(s: Scope, c: Contraction): Ref[] {
  const { m } = s;
  return [
    m.if(
      packable(m, s.expr(c.m), s.expr(c.depth)),
      m.block(null, outerKernel(s, c, true, true)),
      m.block(null, depthKernel(s, c)),
    ),
  ];
}

/**
 * i32 locals set once (a tile's start, a stride in bytes): `bind` gives a
 * getter and keeps the setting, `take` hands over the settings made since
 * the last take, for the caller to place before the code that reads them.
 */
function binder(s: Scope) {
  let sets: Ref[] = [];
  return {
    bind(value: Ref): () => Ref {
      const index = s.temp(s.types.i32);
      sets.push(s.m.local.set(index, value));
      return () => s.m.local.get(index, s.types.i32);
    },
    take(): Ref[] {
      const out = sets;
      sets = [];
      return out;
    },
  };
}

/**
 * The epilogue over a tile's valid results: rows [i0, i0 + rows) ×
 * columns [j0, j0 + cols), the result at (r, q) read from the tile at
 * r·ri + q·qi floats. The loop over a row's columns is kernel IR, printed as
 * any loop is, so a fused epilogue whose columns lie side by side runs four
 * results at a time (the tile read as the slot TILE_SLOT).
 */
function epilogue(
  s: Scope,
  c: Contraction,
  at: { i0: () => Ref; rows: () => Ref; j0: () => Ref; cols: () => Ref; ri: number; qi: number },
): Ref {
  const { m } = s;
  const { i32 } = s.types;
  const [iName, jName] = c.index.slice(c.batch.length);
  const [r, q, j0, cols] = ["r", "q", "j0", "cols"].map((what) => s.fresh(`tile_${what}`));
  const set = (name: string, value: Ref) => m.local.set(s.local(name, i32), value);
  const columns: KStmt = {
    k: "for",
    index: q,
    extent: v(cols),
    kind: "parallel",
    body: [
      { k: "let", name: jName, value: add(v(j0), v(q)) },
      {
        k: "let",
        name: c.acc,
        value: load(TILE_SLOT, add(mul(v(r), int(at.ri)), mul(v(q), int(at.qi))), "f32"),
      },
      ...c.epilogue,
    ],
  };
  return m.block(null, [
    set(j0, at.j0()),
    set(cols, at.cols()),
    s.loop(s.local(r, i32), at.rows(), [
      set(iName, m.i32.add(at.i0(), m.local.get(s.local(r, i32), i32))),
      ...s.stmts([columns]),
    ]),
  ]);
}

const minOf = (m: M, x: () => Ref, y: () => Ref) => m.select(m.i32.lt_s(x(), y()), x(), y());
const ZERO = new Array<number>(16).fill(0);

/**
 * The columns kernel (vector along j, `columns`) or the rows kernel (vector
 * along i): the "splat" operand's positions walk in tiles of `rows`, the
 * "vector" operand's in tiles of 4·`vectors` lanes.
 */
function outerKernel(s: Scope, c: Contraction, columns: boolean, transposed = false): Ref[] {
  const { m } = s;
  const { i32, v128 } = s.types;
  const vec = (columns ? c.b : c.a) as StridedOperand;
  const spl = (columns ? c.a : c.b) as StridedOperand;
  const [vExtent, sExtent] = columns ? [c.n, c.m] : [c.m, c.n];
  const get = (x: number) => m.local.get(x, i32);
  const { bind, take } = binder(s);
  const vStep = bind(m.i32.shl(s.expr(vec.step), m.i32.const(2)));
  const vStride = bind(s.expr(vec.stride));
  const sStep = bind(m.i32.shl(s.expr(spl.step), m.i32.const(2)));
  const sStride = bind(s.expr(spl.stride));
  const vN = bind(s.expr(vExtent));
  const sN = bind(s.expr(sExtent));
  const depth = bind(s.expr(c.depth));
  const vBase = bind(s.address(vec.slot, vec.base));
  const sBase = bind(s.address(spl.slot, spl.base));
  // Packing a block costs a copy of it; it pays when many tiles read it and the panel holds it.
  const packs = bind(packable(m, sN(), depth()));
  const setup = take();

  /**
   * Tiles of `rows` splat positions from s0 (`count` of them) by every vector block of
   * 4·vectors lanes, in blocks of tiles whose splat values are packed first where that pays
   * (see SPLAT_PANEL).
   */
  const tiles = (s0: () => Ref, count: () => Ref, rows: number, vectors: number): Ref => {
    const lanes = 4 * vectors;
    // Four splat positions side by side (stride 1): one pointer, four splat loads at its offsets
    // (one load and four lane shuffles was slower: Aᵀ·B 512³ 31.8 against 35.8 GFLOP/s, one run;
    // the shuffles take a port the additions need).
    const together = rows === 4 && isOne(spl.stride);
    // A tile's splat positions at a stride known when printing: one pointer, the others at
    // constant offsets from it (one addition per depth step, not one per position).
    const rowBytes = spl.stride.k === "lit" ? 4 * spl.stride.value : undefined;
    const onePointer = rowBytes !== undefined && rowBytes >= 0 && rows * rowBytes < 2 ** 31;
    const block = s.temp(i32);
    const sb0 = s.temp(i32);
    const vb = s.temp(i32);
    const sb = s.temp(i32);
    const k = s.temp(i32);
    // Tiles per block: all of them, or as many as the splat panel holds where it is used.
    const packsSplat = together && !isOne(spl.step) ? packs : () => m.i32.const(0);
    const atLeastOne = (x: () => Ref) =>
      m.select(m.i32.gt_s(x(), m.i32.const(0)), x(), m.i32.const(1));
    const perBlock = bind(
      m.select(
        packsSplat(),
        m.i32.div_u(m.i32.const(SPLAT_PANEL_BYTES / 16), atLeastOne(depth)),
        atLeastOne(count),
      ),
    );
    const blocks = bind(
      m.i32.div_u(m.i32.add(count(), m.i32.sub(perBlock(), m.i32.const(1))), perBlock()),
    );
    const blockStart = take();
    const inBlock = bind(
      minOf(
        m,
        () => perBlock(),
        () => m.i32.sub(count(), get(sb0)),
      ),
    );
    const tileAt = (tile: () => Ref, r: number) =>
      m.i32.add(s0(), m.i32.add(m.i32.mul(tile(), m.i32.const(rows)), m.i32.const(r)));
    const splatAddress = (tile: () => Ref, r: number) =>
      m.i32.add(sBase(), m.i32.shl(m.i32.mul(tileAt(tile, r), sStride()), m.i32.const(2)));
    // The block's splat values, tile after tile, four per depth step.
    const pt = s.temp(i32);
    const pk = s.temp(i32);
    const src = s.temp(i32);
    const dst = s.temp(i32);
    const packSplat = m.if(
      packsSplat(),
      m.block(null, [
        m.local.set(dst, m.i32.const(SPLAT_PANEL)),
        s.loop(pt, inBlock(), [
          m.local.set(
            src,
            splatAddress(() => m.i32.add(get(sb0), get(pt)), 0),
          ),
          s.loop(pk, depth(), [
            m.v128.store(0, 4, get(dst), m.v128.load(0, 4, get(src))),
            m.local.set(src, m.i32.add(get(src), sStep())),
            m.local.set(dst, m.i32.add(get(dst), m.i32.const(16))),
          ]),
        ]),
      ]),
    );
    const perSBlock = [m.local.set(sb0, m.i32.mul(get(block), perBlock())), ...take(), packSplat];

    const v0 = bind(m.i32.mul(get(vb), m.i32.const(lanes)));
    const vAt = s.temp(i32);
    // The block's vectors, packed one depth step after another where that pays (see PANEL).
    const panel = s.temp(i32);
    const panelStep = s.temp(i32);
    const from = bind(m.i32.add(vBase(), m.i32.shl(v0(), m.i32.const(2))));
    const copied = s.temp(i32);
    // A transposed vector operand (A·Bᵀ's B: its lanes a row apart, its depth steps side by side)
    // is always packed, transposed: each lane's row, clamped to the last, copied down its column,
    // four rows by four depth steps at a time.
    const rowAt = Array.from({ length: lanes }, () => s.temp(i32));
    const off = s.temp(i32);
    const into = s.temp(i32);
    /** i32 lanes [p, q, r, s] of the pair (a: 0–3, b: 4–7) as a byte shuffle. */
    const lanesOf = (a: Ref, b: Ref, picks: number[]) =>
      m.i8x16.shuffle(
        a,
        b,
        picks.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]),
      );
    const quad = Array.from({ length: 4 }, () => s.temp(v128));
    const pairs = Array.from({ length: 4 }, () => s.temp(v128));
    const vget = (x: number) => m.local.get(x, v128);
    /** Four rows' next four depth steps, transposed by shuffles into four depth steps of four lanes. */
    const transposeFour = (first: number): Ref[] => [
      ...quad.map((q, r) =>
        m.local.set(q, m.v128.load(0, 4, m.i32.add(get(rowAt[first + r]), get(off)))),
      ),
      m.local.set(pairs[0], lanesOf(vget(quad[0]), vget(quad[1]), [0, 4, 1, 5])),
      m.local.set(pairs[1], lanesOf(vget(quad[0]), vget(quad[1]), [2, 6, 3, 7])),
      m.local.set(pairs[2], lanesOf(vget(quad[2]), vget(quad[3]), [0, 4, 1, 5])),
      m.local.set(pairs[3], lanesOf(vget(quad[2]), vget(quad[3]), [2, 6, 3, 7])),
      ...[0, 1, 2, 3].map((d) =>
        m.v128.store(
          d * lanes * 4 + first * 4,
          16,
          get(into),
          lanesOf(
            vget(pairs[d < 2 ? 0 : 1]),
            vget(pairs[d < 2 ? 2 : 3]),
            d % 2 ? [2, 3, 6, 7] : [0, 1, 4, 5],
          ),
        ),
      ),
    ];
    const packTransposed = () =>
      m.block(null, [
        ...rowAt.map((row, w) =>
          m.local.set(
            row,
            m.i32.add(
              vBase(),
              m.i32.shl(
                m.i32.mul(
                  minOf(
                    m,
                    () => m.i32.add(v0(), m.i32.const(w)),
                    () => m.i32.sub(vN(), m.i32.const(1)),
                  ),
                  vStride(),
                ),
                m.i32.const(2),
              ),
            ),
          ),
        ),
        m.local.set(off, m.i32.const(0)),
        m.local.set(into, m.i32.const(PANEL)),
        s.loop(
          pk,
          depth(),
          [
            ...Array.from({ length: lanes / 4 }, (_, h) => transposeFour(4 * h)).flat(),
            m.local.set(off, m.i32.add(get(off), m.i32.const(16))),
            m.local.set(into, m.i32.add(get(into), m.i32.const(4 * lanes * 4))),
          ],
          { step: 4 },
        ),
        // The depth steps left over, element by element.
        s.loop(
          pk,
          depth(),
          [
            ...rowAt.map((row, w) =>
              m.f32.store(w * 4, 4, get(into), m.f32.load(0, 4, m.i32.add(get(row), get(off)))),
            ),
            m.local.set(off, m.i32.add(get(off), m.i32.const(4))),
            m.local.set(into, m.i32.add(get(into), m.i32.const(lanes * 4))),
          ],
          { from: get(pk) },
        ),
        m.local.set(panel, m.i32.const(PANEL)),
        m.local.set(panelStep, m.i32.const(lanes * 4)),
      ]);
    const perVBlock = [
      ...take(),
      transposed
        ? packTransposed()
        : m.if(
            packs(),
            m.block(null, [
              m.local.set(copied, from()),
              s.loop(
                pk,
                depth(),
                Array.from({ length: vectors }, (_, w) =>
                  m.v128.store(
                    w * 16,
                    16,
                    m.i32.add(m.i32.const(PANEL), m.i32.mul(get(pk), m.i32.const(lanes * 4))),
                    m.v128.load(w * 16, 4, get(copied)),
                  ),
                ).concat([m.local.set(copied, m.i32.add(get(copied), vStep()))]),
              ),
              m.local.set(panel, m.i32.const(PANEL)),
              m.local.set(panelStep, m.i32.const(lanes * 4)),
            ]),
            m.block(null, [m.local.set(panel, from()), m.local.set(panelStep, vStep())]),
          ),
    ];
    const sPtr = Array.from({ length: rows }, () => s.temp(i32));
    const splatStep = s.temp(i32);
    const accs = Array.from({ length: rows }, () =>
      Array.from({ length: vectors }, () => s.temp(v128)),
    );
    const x = s.temp(v128);
    const ys = Array.from({ length: vectors }, () => s.temp(v128));
    const depthLoop = s.loop(k, depth(), [
      ...ys.map((y, w) => m.local.set(y, m.v128.load(w * 16, 4, get(vAt)))),
      ...sPtr.flatMap((p, r) => [
        m.local.set(
          x,
          onePointer
            ? m.v128.load32_splat(r * rowBytes, 4, get(sPtr[0]))
            : m.v128.load32_splat(0, 4, get(p)),
        ),
        ...accs[r].map((acc, w) =>
          m.local.set(
            acc,
            s.madd(m.local.get(x, v128), m.local.get(ys[w], v128), m.local.get(acc, v128)),
          ),
        ),
        ...(onePointer ? [] : [m.local.set(p, m.i32.add(get(p), get(splatStep)))]),
      ]),
      ...(onePointer ? [m.local.set(sPtr[0], m.i32.add(get(sPtr[0]), get(splatStep)))] : []),
      m.local.set(vAt, m.i32.add(get(vAt), get(panelStep))),
    ]);
    const tile = () => m.i32.add(get(sb0), get(sb));
    const sStart = bind(tileAt(tile, 0));
    const tileStart = take();
    const perTile = [
      ...tileStart,
      ...(together
        ? [
            m.if(
              packsSplat(),
              m.block(null, [
                m.local.set(
                  sPtr[0],
                  m.i32.add(
                    m.i32.const(SPLAT_PANEL),
                    m.i32.mul(get(sb), m.i32.shl(depth(), m.i32.const(4))),
                  ),
                ),
                m.local.set(splatStep, m.i32.const(16)),
              ]),
              m.block(null, [
                m.local.set(sPtr[0], splatAddress(tile, 0)),
                m.local.set(splatStep, sStep()),
              ]),
            ),
          ]
        : [
            ...(onePointer ? sPtr.slice(0, 1) : sPtr).map((p, r) =>
              m.local.set(p, splatAddress(tile, r)),
            ),
            m.local.set(splatStep, sStep()),
          ]),
      m.local.set(vAt, get(panel)),
      ...accs.flat().map((acc) => m.local.set(acc, m.v128.const(ZERO))),
      depthLoop,
      ...accs.flatMap((row, r) =>
        row.map((acc, w) =>
          m.v128.store(TILE + (r * PITCH + w * 4) * 4, 16, m.i32.const(0), m.local.get(acc, v128)),
        ),
      ),
      epilogueOf(
        sStart,
        () => m.i32.const(rows),
        v0,
        () =>
          minOf(
            m,
            () => m.i32.sub(vN(), v0()),
            () => m.i32.const(lanes),
          ),
      ),
    ];
    return m.block(null, [
      ...blockStart,
      s.loop(block, blocks(), [
        ...perSBlock,
        s.loop(vb, m.i32.div_s(m.i32.add(vN(), m.i32.const(lanes - 1)), m.i32.const(lanes)), [
          ...perVBlock,
          s.loop(sb, inBlock(), perTile),
        ]),
      ]),
    ]);
  };

  /** The epilogue of a tile of `sRows` splat positions from sFrom by vCols vector lanes from vFrom. */
  const epilogueOf = (
    sFrom: () => Ref,
    sRows: () => Ref,
    vFrom: () => Ref,
    vCols: () => Ref,
  ): Ref =>
    columns
      ? epilogue(s, c, { i0: sFrom, rows: sRows, j0: vFrom, cols: vCols, ri: PITCH, qi: 1 })
      : epilogue(s, c, { i0: vFrom, rows: vCols, j0: sFrom, cols: sRows, ri: 1, qi: PITCH });

  const ROWS = 4;
  const full = bind(m.i32.div_s(sN(), m.i32.const(ROWS)));
  const rest = take();
  return [
    ...setup,
    ...rest,
    tiles(() => m.i32.const(0), full, ROWS, 2),
    // The positions left over, one at a time: a tile of one row and 8 lanes.
    tiles(
      () => m.i32.mul(full(), m.i32.const(ROWS)),
      () => m.i32.sub(sN(), m.i32.mul(full(), m.i32.const(ROWS))),
      1,
      2,
    ),
  ];
}

/**
 * The depth kernel: f32x4 dot products along k, tiles of 2 rows × 4 columns
 * (1 × 4 for a row left over), four columns so that the epilogue's loop over
 * them runs as a vector loop.
 */
function depthKernel(s: Scope, c: Contraction): Ref[] {
  const { m } = s;
  const { i32, f32, v128 } = s.types;
  const a = c.a as StridedOperand;
  const b = c.b as StridedOperand;
  const get = (x: number) => m.local.get(x, i32);
  const { bind, take } = binder(s);
  const aStride = bind(s.expr(a.stride));
  const bStride = bind(s.expr(b.stride));
  const mN = bind(s.expr(c.m));
  const nN = bind(s.expr(c.n));
  const depth = bind(s.expr(c.depth));
  const quads = bind(m.i32.shr_s(depth(), m.i32.const(2)));
  const aBase = bind(s.address(a.slot, a.base));
  const bBase = bind(s.address(b.slot, b.base));
  const setup = take();
  const COLS = 4;

  const tiles = (i0: () => Ref, count: () => Ref, rows: number): Ref => {
    const ib = s.temp(i32);
    const jb = s.temp(i32);
    const k = s.temp(i32);
    const iStart = bind(m.i32.add(i0(), m.i32.mul(get(ib), m.i32.const(rows))));
    const perRowBlock = take();
    const j0 = bind(m.i32.mul(get(jb), m.i32.const(COLS)));
    const perTileStart = take();
    const aPtr = Array.from({ length: rows }, () => s.temp(i32));
    const bPtr = Array.from({ length: COLS }, () => s.temp(i32));
    const accs = aPtr.map(() => bPtr.map(() => s.temp(v128)));
    const sums = aPtr.map(() => bPtr.map(() => s.temp(f32)));
    const xs = aPtr.map(() => s.temp(v128));
    const ys = bPtr.map(() => s.temp(v128));
    const xf = aPtr.map(() => s.temp(f32));
    const yf = bPtr.map(() => s.temp(f32));
    const lastCol = () => m.i32.sub(nN(), m.i32.const(1));
    const colAt = (q: number) => {
      const j = () => m.i32.add(j0(), m.i32.const(q));
      return minOf(m, j, lastCol);
    };
    const lane = (x: Ref, l: number) =>
      m.f32x4.extract_lane(m.copyExpression(x), l as unknown as Ref);
    const hsum = (acc: number) => {
      const g = () => m.local.get(acc, v128);
      return m.f32.add(
        m.f32.add(lane(g(), 0), lane(g(), 1)),
        m.f32.add(lane(g(), 2), lane(g(), 3)),
      );
    };
    const vecLoop = s.loop(k, quads(), [
      ...xs.map((x, r) => m.local.set(x, m.v128.load(0, 4, get(aPtr[r])))),
      ...ys.map((y, q) => m.local.set(y, m.v128.load(0, 4, get(bPtr[q])))),
      ...accs.flatMap((row, r) =>
        row.map((acc, q) =>
          m.local.set(
            acc,
            s.madd(m.local.get(xs[r], v128), m.local.get(ys[q], v128), m.local.get(acc, v128)),
          ),
        ),
      ),
      ...[...aPtr, ...bPtr].map((p) => m.local.set(p, m.i32.add(get(p), m.i32.const(16)))),
    ]);
    const tail = s.temp(i32);
    const scalarLoop = s.loop(tail, m.i32.and(depth(), m.i32.const(3)), [
      ...xf.map((x, r) => m.local.set(x, m.f32.load(0, 4, get(aPtr[r])))),
      ...yf.map((y, q) => m.local.set(y, m.f32.load(0, 4, get(bPtr[q])))),
      ...sums.flatMap((row, r) =>
        row.map((sum, q) =>
          m.local.set(
            sum,
            m.f32.add(
              m.local.get(sum, f32),
              m.f32.mul(m.local.get(xf[r], f32), m.local.get(yf[q], f32)),
            ),
          ),
        ),
      ),
      ...[...aPtr, ...bPtr].map((p) => m.local.set(p, m.i32.add(get(p), m.i32.const(4)))),
    ]);
    const perTile = [
      ...perTileStart,
      ...aPtr.map((p, r) =>
        m.local.set(
          p,
          m.i32.add(
            aBase(),
            m.i32.shl(m.i32.mul(m.i32.add(iStart(), m.i32.const(r)), aStride()), m.i32.const(2)),
          ),
        ),
      ),
      ...bPtr.map((p, q) =>
        m.local.set(
          p,
          m.i32.add(bBase(), m.i32.shl(m.i32.mul(colAt(q), bStride()), m.i32.const(2))),
        ),
      ),
      ...accs.flat().map((acc) => m.local.set(acc, m.v128.const(ZERO))),
      vecLoop,
      ...accs.flatMap((row, r) => row.map((acc, q) => m.local.set(sums[r][q], hsum(acc)))),
      scalarLoop,
      ...sums.flatMap((row, r) =>
        row.map((sum, q) =>
          m.f32.store(TILE + (r * PITCH + q) * 4, 4, m.i32.const(0), m.local.get(sum, f32)),
        ),
      ),
      epilogue(s, c, {
        i0: iStart,
        rows: () => m.i32.const(rows),
        j0,
        cols: () =>
          minOf(
            m,
            () => m.i32.sub(nN(), j0()),
            () => m.i32.const(COLS),
          ),
        ri: PITCH,
        qi: 1,
      }),
    ];
    return s.loop(ib, count(), [
      ...perRowBlock,
      s.loop(jb, m.i32.div_s(m.i32.add(nN(), m.i32.const(COLS - 1)), m.i32.const(COLS)), perTile),
    ]);
  };

  const ROWS = 2;
  const full = bind(m.i32.div_s(mN(), m.i32.const(ROWS)));
  const rest = take();
  return [
    ...setup,
    ...rest,
    tiles(() => m.i32.const(0), full, ROWS),
    tiles(
      () => m.i32.mul(full(), m.i32.const(ROWS)),
      () => m.i32.sub(mN(), m.i32.mul(full(), m.i32.const(ROWS))),
      1,
    ),
  ];
}
