/**
 * Python source literals, for the declarations that say how they are written
 * in PyTorch (layers, losses, optimizers, schedules) and for `weft export
 * --pytorch`, which assembles them.
 */

export type PyValue = number | boolean | string | readonly PyValue[];

/** A Python literal: numbers as floats where they are not integers, True/False, double-quoted strings, lists. */
export function py(value: PyValue): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return 'float("nan")';
    if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
    return String(value);
  }
  return `[${value.map(py).join(", ")}]`;
}

/** A float literal, written with a decimal point or an exponent so Python reads a float. */
export function pyFloat(value: number): string {
  const text = py(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** A tuple literal: `(a,)` for one item. */
export function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

const KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except " +
    "finally for from global if import in is lambda nonlocal not or pass raise return try while " +
    "with yield self torch nn F math"
  ).split(" "),
);

/** A Python identifier for a name (`blocks.0.attn` → `blocks_0_attn`), kept off keywords and the module's imports. */
export function pyIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, "_");
  if (/^\d/.test(id)) id = `_${id}`;
  return KEYWORDS.has(id) ? `${id}_` : id;
}
