/**
 * In-place updates, a kernel-IR pass at -O2: the optimizer writes parameters
 * (and its state) where they live, instead of into a slot the runtime then
 * copies back.
 *
 * An update of parameter p, stored into slot u by kernel K, is redirected
 * into p's own slot when
 * - K is a top-level kernel (not in a scan's loop), the only one that touches
 *   u, and the last that touches p;
 * - K does not store to p, and every load of p in K and every store to u use
 *   the same index expression, so element i of p is read only where element i
 *   of the update is written;
 * - in K's innermost body no statement after the store to u loads p, so each
 *   element is read before it is overwritten.
 * The fused Adam update (read p, m and v at i; write them at i) qualifies;
 * the slot u is then unused and gets no buffer.
 */
import {
  bodyOf,
  isStrided,
  exprsOf,
  slotsOf,
  slotsOfSteps,
  walkExpr,
  type KExpr,
  type Kernel,
  type KStmt,
  type Program,
} from "./ir.js";

export const IN_PLACE = {
  name: "in-place",
  summary: "writes parameter and optimizer-state updates where the parameters live",
};

const same = (a: KExpr, b: KExpr) => JSON.stringify(a) === JSON.stringify(b);

/** The index expressions of the loads of `slot` anywhere in a statement, nested statements included. */
function deepLoads(s: KStmt, slot: number): KExpr[] {
  const out: KExpr[] = [];
  for (const e of exprsOf(s))
    walkExpr(e, (x) => x.k === "load" && x.slot === slot && out.push(x.at));
  return [...out, ...bodyOf(s).flatMap((x) => deepLoads(x, slot))];
}

/** Whether the kernel may write the update stored in `update` over `param` (see the note above). */
function safeInPlace(kernel: Kernel, param: number, update: number): boolean {
  const stores: KExpr[] = [];
  let unsafe = false;
  const visit = (body: readonly KStmt[]) => {
    let stored = false;
    for (const s of body) {
      if (stored && deepLoads(s, param).length) unsafe = true;
      if ((s.k === "store" || s.k === "accumulate") && s.slot === param) unsafe = true;
      if (s.k === "accumulate" && s.slot === update) unsafe = true;
      if (s.k === "contract" && [s.a, s.b].some((o) => isStrided(o) && o.slot === param))
        unsafe = true;
      if (s.k === "store" && s.slot === update) {
        stores.push(s.at);
        stored = true;
      }
      visit(bodyOf(s));
    }
  };
  visit(kernel.body);
  const loads = kernel.body.flatMap((s) => deepLoads(s, param));
  return !unsafe && stores.length === 1 && loads.every((at) => same(at, stores[0]));
}

function renameStores(body: readonly KStmt[], from: number, to: number): KStmt[] {
  return body.map((s) => {
    if (s.k === "store" && s.slot === from) return { ...s, slot: to };
    if (s.k === "for") return { ...s, body: renameStores(s.body, from, to) };
    if (s.k === "if") return { ...s, then: renameStores(s.then, from, to) };
    if (s.k === "contract") return { ...s, epilogue: renameStores(s.epilogue, from, to) };
    return s;
  });
}

/** The program with every update that qualifies written in place. */
export function updateInPlace(program: Program): Program {
  // Each step's slots; a loop's steps count as one step touching all of them.
  const touched = program.steps.map((s) =>
    s.k === "kernel" ? slotsOf(s.kernel.body) : slotsOfSteps(s.body),
  );
  const steps = [...program.steps];
  const updates = program.updates.map((u) => {
    const param = program.params.find((p) => p.name === u.name)?.slot;
    if (param === undefined) return u;
    const writers = touched.flatMap((t, i) => (t.has(u.slot) ? [i] : []));
    if (writers.length !== 1) return u;
    const at = writers[0];
    const step = steps[at];
    if (step.k !== "kernel") return u;
    if (touched.some((t, i) => i > at && t.has(param))) return u;
    if (!safeInPlace(step.kernel, param, u.slot)) return u;
    const body = renameStores(step.kernel.body, u.slot, param);
    steps[at] = { k: "kernel", kernel: { ...step.kernel, body } };
    touched[at] = slotsOf(body);
    return { ...u, slot: param };
  });
  return { ...program, steps, updates };
}
