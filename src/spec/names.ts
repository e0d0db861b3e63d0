/**
 * The names layers go by. An explicit name wins; an unnamed layer is named
 * after its kind, Keras style — dense, dense_1, dense_2 — stepping around the
 * explicit names of its scope; a block instance after its block in
 * snake_case (TransformerBlock → transformer_block). These names prefix the
 * layers' parameters, and YAML refers to layers by them.
 */
import type { Layer } from "./ast.js";

export function snakeCase(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

export class LayerNamer {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly explicit: ReadonlySet<string>,
    private readonly isBlock: (kind: string) => boolean,
  ) {}

  next(kind: string): string {
    const base = this.isBlock(kind) ? snakeCase(kind) : kind;
    for (;;) {
      const k = this.counts.get(base) ?? 0;
      this.counts.set(base, k + 1);
      const candidate = k === 0 ? base : `${base}_${k}`;
      if (!this.explicit.has(candidate)) return candidate;
    }
  }
}

/** The name of each layer of a body, in order. */
export function layerNames(layers: readonly Layer[], isBlock: (kind: string) => boolean): string[] {
  const namer = new LayerNamer(
    new Set(layers.flatMap((l) => (l.name ? [l.name.text] : []))),
    isBlock,
  );
  return layers.map((l) => l.name?.text ?? namer.next(l.kind.text));
}
