/**
 * Op attributes: a small typed schema per op, values checked and completed with
 * defaults when an op is built or parsed, printed in the text form.
 */
import { isDType, makeDim, type Dim } from "../core/types.js";

export type AttrType =
  | "int" // an integer
  | "float" // a number
  | "bool"
  | "string"
  | "dtype" // f32 | i32
  | "ints" // a list of integers (axes, permutations)
  | "shape" // a list of dims, symbolic ones by name
  | "numbers"; // a number, or a flat list of numbers (constant data)

export type AttrValue = number | boolean | string | readonly number[] | readonly Dim[];
export type Attrs = Readonly<Record<string, AttrValue>>;

export interface AttrSpec {
  readonly type: AttrType;
  /** Absent: the attribute is required. */
  readonly default?: AttrValue;
  readonly doc: string;
}
export type AttrSchema = Readonly<Record<string, AttrSpec>>;

export class AttrError extends Error {}

/** Checks one value against its type and returns it in canonical form. */
export function checkAttr(name: string, type: AttrType, value: unknown): AttrValue {
  const fail = (what: string): never => {
    throw new AttrError(`attribute '${name}' must be ${what}, got ${describe(value)}`);
  };
  switch (type) {
    case "int":
      return Number.isInteger(value) ? (value as number) : fail("an integer");
    case "float":
      return typeof value === "number" ? value : fail("a number");
    case "bool":
      return typeof value === "boolean" ? value : fail("true or false");
    case "string":
      return typeof value === "string" ? value : fail("a string");
    case "dtype":
      return typeof value === "string" && isDType(value) ? value : fail("a dtype (f32, i32)");
    case "ints":
      return Array.isArray(value) && value.every((v) => Number.isInteger(v))
        ? (value as number[])
        : fail("a list of integers");
    case "numbers":
      if (typeof value === "number") return value;
      return Array.isArray(value) && value.every((v) => typeof v === "number")
        ? (value as number[])
        : fail("a number or a list of numbers");
    case "shape": {
      if (!Array.isArray(value)) return fail("a list of dims");
      try {
        return value.map((d: unknown) => {
          if (typeof d === "number" && Number.isInteger(d) && d >= 0) return d;
          if (typeof d === "string")
            return makeDim(d.split("*").map((f) => (/^\d+$/.test(f) ? Number(f) : f)));
          throw new AttrError("");
        });
      } catch {
        return fail("a list of dims (non-negative integers or symbol names)");
      }
    }
  }
}

/** Checks a whole attribute set against a schema: unknown names, missing ones, types; fills defaults. */
export function completeAttrs(schema: AttrSchema, given: Readonly<Record<string, unknown>>): Attrs {
  const out: Record<string, AttrValue> = {};
  for (const name of Object.keys(given)) {
    if (!(name in schema)) {
      const known = Object.keys(schema);
      throw new AttrError(
        `unknown attribute '${name}'` +
          (known.length ? ` (expected one of: ${known.join(", ")})` : " (it takes none)"),
      );
    }
  }
  for (const [name, spec] of Object.entries(schema)) {
    if (given[name] !== undefined) out[name] = checkAttr(name, spec.type, given[name]);
    else if (spec.default !== undefined) out[name] = spec.default;
    else throw new AttrError(`missing required attribute '${name}'`);
  }
  return out;
}

export function attrEquals(a: AttrValue, b: AttrValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  }
  return Object.is(a, b);
}

/** Shortest text that reads back as the same float, always with a '.' or an exponent. */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) && !Object.is(x, -0) ? String(x) : formatFloat(x);
}

export function formatAttr(type: AttrType, value: AttrValue): string {
  switch (type) {
    case "float":
      return formatFloat(value as number);
    case "string":
      return JSON.stringify(value);
    case "ints":
    case "shape":
      return `[${(value as readonly Dim[]).join(", ")}]`;
    case "numbers":
      return Array.isArray(value)
        ? `[${(value as number[]).map(formatNumber).join(", ")}]`
        : formatNumber(value as number);
    default:
      return String(value);
  }
}

/** `{name: value, ...}` in schema order, leaving out values equal to their default. */
export function formatAttrDict(schema: AttrSchema, attrs: Attrs): string {
  const parts: string[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const value = attrs[name];
    if (value === undefined) continue;
    if (spec.default !== undefined && attrEquals(value, spec.default)) continue;
    parts.push(`${name}: ${formatAttr(spec.type, value)}`);
  }
  return parts.length ? `{${parts.join(", ")}}` : "";
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  return String(value);
}
