/**
 * The resource limits a spec is checked against before anything is built or
 * allocated, so that a hostile or mistaken spec is an error at `weft check`
 * time rather than a hang, a crash or gigabytes allocated. Each error names
 * its limit and how to raise it (`--limit NAME=VALUE` on the commands that
 * read specs). docs/security.md lists them.
 */

export interface Limits {
  /** A dim of a type or a layer's size: kernels index with 32-bit integers. */
  readonly dim: number;
  /** The elements of one value of the model at batch 1, or of one parameter. */
  readonly elements: number;
  /** All parameters, as f32 bytes: what a WebAssembly memory (4 GiB) can hold. */
  readonly paramBytes: number;
  /** Instances of one `repeat`. */
  readonly repeat: number;
  /** Brackets nested in a spec's text, and block calls nested in blocks. */
  readonly nesting: number;
}

export const DEFAULT_LIMITS: Limits = {
  dim: 2 ** 31 - 1,
  elements: 2 ** 31 - 1,
  paramBytes: 2 ** 32,
  repeat: 10_000,
  nesting: 64,
};

/** How the error for a limit ends: its value and the flag that raises it. */
export function overLimit(name: keyof Limits, limits: Limits): string {
  return `the limit ${name}=${limits[name]} (raise it with --limit ${name}=N)`;
}

/** `--limit` values (`repeat=100000`) over the defaults; a message for a bad one. */
export function parseLimits(given: readonly string[], fail: (message: string) => never): Limits {
  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const item of given) {
    const [name, value] = item.split("=");
    if (!Object.hasOwn(DEFAULT_LIMITS, name))
      fail(
        `--limit takes NAME=VALUE with NAME one of ${Object.keys(DEFAULT_LIMITS).join(", ")}, not '${item}'`,
      );
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1)
      fail(`--limit ${name} takes a positive integer, not '${value ?? ""}'`);
    limits[name] = n;
  }
  return limits as unknown as Limits;
}
