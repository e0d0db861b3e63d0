/**
 * Contraction blocking, a kernel-IR pass for targets that run loops as
 * written (TypeScript): each `contract` becomes loops that compute its
 * results in blocks of `rows` × `cols`.
 *
 * Algorithm: the batch dims become parallel loops under their own index
 * names; rows and columns are walked in blocks, and a block's dot products
 * share one loop over the depth in which each element of its `rows` rows of
 * A and `cols` columns of B is loaded (or, for a computed operand, computed)
 * once into a scalar, so a block of
 * 2×2 does half the loads per multiply of a lone dot product. Each result
 * then runs the epilogue, copied per result with the contraction's index and
 * accumulator bound to that result's. Rows and columns left over when m or
 * n is not a multiple of the block (known only at run time for a symbolic
 * dim) are blocked as far as they go: the last columns of every blocked row
 * in blocks of rows × 1, then the last rows across every column in blocks of
 * 1 × `vector` (so a batch of one, a matrix-vector product, still shares each
 * loaded element of A between several dot products). A 1×1 block is the plain
 * loop nest, whose depth loop accumulator splitting can then split.
 */
import {
  add,
  copyStmts,
  div,
  f32,
  int,
  isStrided,
  load,
  mod,
  mul,
  substitute,
  v,
  type ContractOperand,
  type Contraction,
  type KExpr,
  type KStmt,
  type Program,
  type Step,
} from "./ir.js";

export interface BlockOptions {
  readonly rows: number;
  readonly cols: number;
  /** The columns of a block of the rows left over (default `cols`): a matrix-vector product's. */
  readonly vector?: number;
}

export const BLOCK_CONTRACTIONS = {
  name: "block-contractions",
  summary: "rewrites contractions as loops over register blocks of rows x cols results",
};

class Blocker {
  private fresh = 0;

  constructor(private readonly options: BlockOptions) {}

  stmts(body: readonly KStmt[]): KStmt[] {
    return body.flatMap((s): KStmt[] => {
      switch (s.k) {
        case "contract":
          return this.contraction(s);
        case "for":
          return [{ ...s, body: this.stmts(s.body) }];
        case "if":
          return [{ ...s, then: this.stmts(s.then) }];
        default:
          return [s];
      }
    });
  }

  private contraction(c: Contraction): KStmt[] {
    const id = this.fresh++;
    const name = (what: string) => `c${id}_${what}`;
    const { rows, cols } = this.options;
    const nb = c.batch.length;
    const [iName, jName] = c.index.slice(nb);
    const loop = (index: string, extent: KExpr, body: KStmt[]): KStmt[] =>
      (extent.k === "lit" && extent.value === 0) || body.length === 0
        ? []
        : [{ k: "for", index, extent, kind: "parallel", body }];
    let blocks = 0;
    /** The statements computing the results at rows `is` and columns `js`. */
    const block = (rowsAt: readonly KExpr[], colsAt: readonly KExpr[]): KStmt[] => {
      const b = blocks++;
      const local = (what: string) => name(`${what}${b}`);
      const k = local("k");
      // Each row's and column's index bound once: the epilogue's copies read it by name.
      const indices: KStmt[] = [];
      const bound = (at: KExpr, what: string): KExpr => {
        if (at.k === "var" || at.k === "lit") return at;
        indices.push({ k: "let", name: local(what), value: at });
        return v(local(what));
      };
      const is = rowsAt.map((at, r) => bound(at, `r${r}_`));
      const js = colsAt.map((at, q) => bound(at, `c${q}_`));
      const starts: { name: string; value: KExpr }[] = [];
      const loads: KStmt[] = [];
      /**
       * The element at (p, k) of an operand, for each p of `at`: loaded at a
       * start bound before the depth loop, or computed (a prologue); bound
       * to a scalar in the loop when `uses` products read it.
       */
      const elements = (o: ContractOperand, at: readonly KExpr[], what: string, uses: number) =>
        at.map((p, x) => {
          let value: KExpr;
          if (isStrided(o)) {
            const start = local(`${what}${x}s_`);
            starts.push({ name: start, value: add(o.base, mul(p, o.stride)) });
            value = load(o.slot, add(v(start), mul(v(k), o.step)), "f32");
          } else
            value = substitute(
              o.value,
              new Map([
                [o.index[0], p],
                [o.index[1], v(k)],
              ]),
            );
          if (uses === 1) return value;
          loads.push({ k: "let", name: local(`${what}${x}_`), value });
          return v(local(`${what}${x}_`), "f32");
        });
      const xs = elements(c.a, is, "x", js.length);
      const ys = elements(c.b, js, "y", is.length);
      const accs = is.map((_, r) => js.map((_, q) => local(`acc${r}${q}_`)));
      return [
        ...indices,
        ...starts.map((s): KStmt => ({ k: "let", name: s.name, value: s.value })),
        ...accs.flat().map((acc): KStmt => ({ k: "let", name: acc, value: f32(0), mutable: true })),
        {
          k: "for",
          index: k,
          extent: c.depth,
          kind: "reduction",
          body: [
            ...loads,
            ...accs.flatMap((row, r) =>
              row.map((acc, q): KStmt => ({
                k: "assign",
                name: acc,
                value: add(v(acc, "f32"), mul(xs[r], ys[q])),
              })),
            ),
          ],
        },
        ...accs.flatMap((row, r) =>
          row.flatMap((acc, q) =>
            copyStmts(
              c.epilogue,
              new Map([
                [iName, is[r]],
                [jName, js[q]],
                [c.acc, v(acc, "f32")],
              ]),
              `_${id}_${b}_${r}${q}`,
            ),
          ),
        ),
      ];
    };
    const range = (n: number, at: (x: number) => KExpr) =>
      Array.from({ length: n }, (_, x) => at(x));
    let loops = 0;
    /**
     * Rows [i0, i0 + m) × columns [j0, j0 + n) in r × q blocks; the columns
     * left over in r × 1 blocks, the rows left over (unless m is known to be
     * a multiple of r: `whole`) in 1 × vector.
     */
    const tile = (
      i0: KExpr,
      m: KExpr,
      j0: KExpr,
      n: KExpr,
      r: number,
      q: number,
      whole = false,
    ): KStmt[] => {
      const [ib, jb] = [name(`i${loops}`), name(`j${loops}`)];
      loops++;
      const mMain = mul(div(m, int(r)), int(r));
      const nMain = mul(div(n, int(q)), int(q));
      const main = loop(
        ib,
        div(m, int(r)),
        loop(
          jb,
          div(n, int(q)),
          block(
            range(r, (x) => add(i0, add(mul(v(ib), int(r)), int(x)))),
            range(q, (x) => add(j0, add(mul(v(jb), int(q)), int(x)))),
          ),
        ),
      );
      const vector = this.options.vector ?? q;
      return [
        ...main,
        ...(q > 1 ? tile(i0, mMain, add(j0, nMain), mod(n, int(q)), r, 1, true) : []),
        ...(r > 1 && !whole ? tile(add(i0, mMain), mod(m, int(r)), j0, n, 1, vector) : []),
      ];
    };
    let out = tile(int(0), c.m, int(0), c.n, rows, cols);
    for (let d = nb - 1; d >= 0; d--) out = loop(c.index[d], c.batch[d], out);
    return out;
  }
}

function blockSteps(steps: readonly Step[], blocker: Blocker): Step[] {
  return steps.map((s) =>
    s.k === "loop"
      ? { ...s, body: blockSteps(s.body, blocker) }
      : { k: "kernel", kernel: { ...s.kernel, body: blocker.stmts(s.kernel.body) } },
  );
}

/** A contraction as blocked loops; local names stay distinct across the calls of one function. */
export function contractionBlocker(options: BlockOptions): (c: Contraction) => KStmt[] {
  const blocker = new Blocker(options);
  return (c) => blocker.stmts([c]);
}

/** The program with every contraction written as blocked loops. */
export function blockContractions(program: Program, options: BlockOptions): Program {
  return { ...program, steps: blockSteps(program.steps, new Blocker(options)) };
}
