/**
 * Copy forwarding, a kernel-IR pass for targets that pay for each kernel
 * phase (WGSL at -O2, after merge-kernels): a copy into a temporary that
 * its kernel then reads is replaced by reads of the copy's source.
 *
 * A top-level `for i < N parallel { D[i] = S[f(i)] }` of a kernel goes, and
 * each later load D[e] of the kernel becomes S[f(e)], when
 * - D is a temporary: no input, output, parameter or update of the
 *   program, and no other kernel touches it;
 * - the copy writes all of D (N is D's size), f reads no slot, and nothing
 *   before the copy in the kernel touches D (no read of an earlier value
 *   is redirected);
 * - nothing after it writes D or S (S[f(e)] still holds what D[e] would);
 * - a contraction that reads D through strides reads S through the same
 *   strides when f(i) = i + R (its base moved by R); otherwise the copy stays.
 * A scan's body then reads its step's inputs and saved values where they
 * are, instead of copying them first.
 */
import { isOffsetOf, sameIndex } from "./elementwise.js";
import {
  add,
  int,
  isStrided,
  productExpr,
  slotsOf,
  substitute,
  walkExpr,
  walkStmts,
  type ContractOperand,
  type KExpr,
  type KStmt,
  type Program,
  type Step,
} from "./ir.js";

export const FORWARD_COPIES = {
  name: "forward-copies",
  summary: "reads a copy's source where a kernel copied it into a temporary first",
};

/** A copy being forwarded: loads of `from` at e read `to` at `source` with `index` bound to e. */
interface Copy {
  readonly from: number;
  readonly to: number;
  readonly index: string;
  readonly source: KExpr;
}

function expr(e: KExpr, c: Copy): KExpr {
  switch (e.k) {
    case "lit":
    case "var":
      return e;
    case "load": {
      const at = expr(e.at, c);
      if (e.slot !== c.from) return { ...e, at };
      return { ...e, slot: c.to, at: substitute(c.source, new Map([[c.index, at]])) };
    }
    case "call":
      return { ...e, args: e.args.map((a) => expr(a, c)) };
    case "select":
      return { ...e, cond: expr(e.cond, c), then: expr(e.then, c), else: expr(e.else, c) };
    case "cast":
      return { ...e, value: expr(e.value, c) };
  }
}

function operand(o: ContractOperand, c: Copy): ContractOperand | undefined {
  if (!isStrided(o)) return { ...o, value: expr(o.value, c) };
  if (o.slot !== c.from) return o;
  if (!isOffsetOf(c.source, c.index)) return undefined;
  return {
    ...o,
    slot: c.to,
    base: add(o.base, substitute(c.source, new Map([[c.index, int(0)]]))),
  };
}

/** The statements reading the copy's source, or undefined where one cannot. */
function rewrite(body: readonly KStmt[], c: Copy): KStmt[] | undefined {
  const out: KStmt[] = [];
  for (const s of body) {
    switch (s.k) {
      case "for": {
        const inner = rewrite(s.body, c);
        if (!inner) return undefined;
        out.push({ ...s, extent: expr(s.extent, c), body: inner });
        break;
      }
      case "let":
      case "assign":
        out.push({ ...s, value: expr(s.value, c) });
        break;
      case "store":
      case "accumulate":
        out.push({ ...s, at: expr(s.at, c), value: expr(s.value, c) });
        break;
      case "if": {
        const then = rewrite(s.then, c);
        if (!then) return undefined;
        out.push({ ...s, cond: expr(s.cond, c), then });
        break;
      }
      case "contract": {
        const [a, b] = [operand(s.a, c), operand(s.b, c)];
        const epilogue = rewrite(s.epilogue, c);
        if (!a || !b || !epilogue) return undefined;
        out.push({ ...s, a, b, epilogue, batch: s.batch.map((x) => expr(x, c)) });
        break;
      }
    }
  }
  return out;
}

const writes = (body: readonly KStmt[]): Set<number> => {
  const out = new Set<number>();
  walkStmts(body, (s) => (s.k === "store" || s.k === "accumulate") && out.add(s.slot));
  return out;
};

/** The copy a statement is, if it is one: `for i < N parallel { D[i] = S[f(i)] }` with f reading no slot. */
function copyOf(s: KStmt): (Copy & { extent: KExpr }) | undefined {
  if (s.k !== "for" || s.kind !== "parallel" || s.body.length !== 1) return undefined;
  const store = s.body[0];
  if (store.k !== "store" || store.at.k !== "var" || store.at.name !== s.index) return undefined;
  if (store.value.k !== "load") return undefined;
  let pure = true;
  walkExpr(store.value.at, (x) => x.k === "load" && (pure = false));
  if (!pure || store.value.slot === store.slot) return undefined;
  return {
    from: store.slot,
    to: store.value.slot,
    index: s.index,
    source: store.value.at,
    extent: s.extent,
  };
}

export function forwardCopies(program: Program): { program: Program; forwarded: number } {
  const bound = new Set(
    [...program.inputs, ...program.outputs, ...program.params, ...program.updates].map(
      (b) => b.slot,
    ),
  );
  // How many kernels touch each slot.
  const touches = new Map<number, number>();
  const count = (steps: readonly Step[]) => {
    for (const s of steps)
      if (s.k === "kernel")
        for (const slot of slotsOf(s.kernel.body)) touches.set(slot, (touches.get(slot) ?? 0) + 1);
      else count(s.body);
  };
  count(program.steps);
  let forwarded = 0;
  const forwardIn = (body: readonly KStmt[]): KStmt[] => {
    let current = [...body];
    for (let at = 0; at < current.length; at++) {
      const copy = copyOf(current[at]);
      if (!copy || bound.has(copy.from) || touches.get(copy.from) !== 1) continue;
      if (!sameIndex(copy.extent, productExpr(program.slots[copy.from].shape))) continue;
      const before = current.slice(0, at);
      const after = current.slice(at + 1);
      if (slotsOf(before).has(copy.from)) continue;
      const written = writes(after);
      if (written.has(copy.from) || written.has(copy.to)) continue;
      const rewritten = rewrite(after, copy);
      if (!rewritten) continue;
      current = [...before, ...rewritten];
      forwarded++;
      at--;
    }
    return current;
  };
  const stepsOf = (steps: readonly Step[]): Step[] =>
    steps.map((s) =>
      s.k === "kernel"
        ? { k: "kernel", kernel: { ...s.kernel, body: forwardIn(s.kernel.body) } }
        : { ...s, body: stepsOf(s.body) },
    );
  return { program: { ...program, steps: stepsOf(program.steps) }, forwarded };
}
