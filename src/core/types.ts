/**
 * Element types and shapes of the graph IR.
 *
 * A dim is either a concrete size or a symbolic monomial: a product of named
 * symbols with a positive integer coefficient, kept in one canonical string
 * form ("batch", "seq", "4*batch", "batch*seq") so that dims compare with ===.
 * Monomials are closed under the products and exact quotients that reshapes
 * need, which is what lets one compiled model serve every batch size.
 */

export const DTYPES = ["f32", "i32"] as const;
export type DType = (typeof DTYPES)[number];

export type Dim = number | string;
export type Shape = readonly Dim[];

export interface TensorType {
  readonly dtype: DType;
  readonly shape: Shape;
}

export function isDType(name: string): name is DType {
  return (DTYPES as readonly string[]).includes(name);
}

export function isSymbolic(dim: Dim): dim is string {
  return typeof dim === "string";
}

const SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Monomial {
  coef: number;
  symbols: string[];
}

function toMonomial(dim: Dim): Monomial {
  if (typeof dim === "number") return { coef: dim, symbols: [] };
  let coef = 1;
  const symbols: string[] = [];
  for (const factor of dim.split("*")) {
    if (/^\d+$/.test(factor)) coef *= Number(factor);
    else symbols.push(factor);
  }
  return { coef, symbols: symbols.sort() };
}

function fromMonomial({ coef, symbols }: Monomial): Dim {
  if (symbols.length === 0 || coef === 0) return coef;
  return coef === 1 ? symbols.join("*") : `${coef}*${symbols.join("*")}`;
}

/** Parses and canonicalises a dim written as factors joined by '*', e.g. "seq*4*batch". */
export function makeDim(factors: readonly (number | string)[]): Dim {
  let result: Dim = 1;
  for (const factor of factors) {
    if (typeof factor === "number") {
      if (!Number.isInteger(factor) || factor < 0) throw new Error(`invalid dim factor ${factor}`);
    } else if (!SYMBOL.test(factor)) {
      throw new Error(`invalid dim symbol '${factor}'`);
    }
    result = dimMul(result, factor);
  }
  return result;
}

export function dimMul(a: Dim, b: Dim): Dim {
  const x = toMonomial(a);
  const y = toMonomial(b);
  return fromMonomial({ coef: x.coef * y.coef, symbols: [...x.symbols, ...y.symbols].sort() });
}

export function dimProduct(shape: Shape): Dim {
  return shape.reduce<Dim>((acc, d) => dimMul(acc, d), 1);
}

/** a / b when the quotient is again a dim, else undefined. */
export function dimDiv(a: Dim, b: Dim): Dim | undefined {
  const x = toMonomial(a);
  const y = toMonomial(b);
  if (y.coef === 0 || x.coef % y.coef !== 0) return undefined;
  const rest = [...x.symbols];
  for (const s of y.symbols) {
    const i = rest.indexOf(s);
    if (i < 0) return undefined;
    rest.splice(i, 1);
  }
  return fromMonomial({ coef: x.coef / y.coef, symbols: rest });
}

/** a + b when both have the same symbols (batch + batch = 2*batch), else undefined. */
export function dimAdd(a: Dim, b: Dim): Dim | undefined {
  const x = toMonomial(a);
  const y = toMonomial(b);
  if (x.coef === 0) return b;
  if (y.coef === 0) return a;
  if (x.symbols.join("*") !== y.symbols.join("*")) return undefined;
  return fromMonomial({ coef: x.coef + y.coef, symbols: x.symbols });
}

export function symbolsOf(shape: Shape): string[] {
  const out = new Set<string>();
  for (const d of shape) for (const s of toMonomial(d).symbols) out.add(s);
  return [...out];
}

/** Evaluates a dim under concrete symbol values; throws naming an unbound symbol. */
export function evalDim(dim: Dim, bindings: ReadonlyMap<string, number>): number {
  const { coef, symbols } = toMonomial(dim);
  let value = coef;
  for (const s of symbols) {
    const bound = bindings.get(s);
    if (bound === undefined) throw new Error(`symbolic dim '${s}' is not bound by any input`);
    value *= bound;
  }
  return value;
}

/** A dim's size with the symbols `sizes` names at those sizes and every other symbol at 1: a size to show, not to run. */
export function dimAt(dim: Dim, sizes: Readonly<Record<string, number>>): number {
  const { coef, symbols } = toMonomial(dim);
  return symbols.reduce((n, s) => n * (sizes[s] ?? 1), coef);
}

/** The elements of a shape, its dims as `dimAt` gives them. */
export function elementsAt(shape: Shape, sizes: Readonly<Record<string, number>>): number {
  return shape.reduce<number>((n, d) => n * dimAt(d, sizes), 1);
}

export function shapeEquals(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function typeEquals(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && shapeEquals(a.shape, b.shape);
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

export function formatType(type: TensorType): string {
  return `${type.dtype}${formatShape(type.shape)}`;
}
