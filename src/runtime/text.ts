/**
 * Text as a model's integer inputs: tokenizers and label names. A package
 * that takes text carries its vocabulary (vocab.json, written by
 * `weft train`) and this file, so `model.encode` and `model.predictText`
 * turn text into ids exactly as training did.
 *
 * A word tokenizer lowercases (unless told not to), splits by its rule —
 * `words`: runs of letters, digits and apostrophes (Unicode classes);
 * `whitespace`: whatever lies between spaces — and keeps the `vocab` − 2
 * words most frequent in the training split (ties by first appearance);
 * every other word is id 1 (unknown), and id 0 pads. A character
 * tokenizer keeps every character (code point) of the training split,
 * ordered by frequency the same way. Sequences longer than the input are
 * cut at the end (`truncate: right`, keeping the start) or at the start;
 * shorter ones are padded with 0 after them (`pad: right`) or before.
 * A package carries a copy of this file; it imports only ./files.js.
 */
import { readPackageFile } from "./files.js";

export interface TokenizerConfig {
  readonly kind: "words" | "chars";
  /** The most ids, padding and unknown included (words; characters keep all). */
  readonly vocab?: number;
  readonly lowercase: boolean;
  readonly split: "words" | "whitespace";
  readonly pad: "right" | "left";
  readonly truncate: "right" | "left";
}

/** vocab.json: the tokenizer, its tokens by id, and each labelled target's class names by index. */
export interface Vocabulary {
  readonly format: 1;
  readonly tokenizer?: TokenizerConfig;
  /** The record field the tokenizer read (for `weft eval` on more data of the same kind). */
  readonly field?: string;
  /** Token i is id i: "<pad>", "<unk>", then the kept tokens. */
  readonly tokens?: readonly string[];
  readonly labels?: Readonly<Record<string, readonly string[]>>;
}

export const PAD = 0;
export const UNKNOWN = 1;
const SPECIALS = ["<pad>", "<unk>"];

const WORD = /[\p{L}\p{N}']+/gu;

/** The tokens of a text, before they become ids. */
export function splitText(config: TokenizerConfig, text: string): string[] {
  const t = config.lowercase ? text.toLowerCase() : text;
  if (config.kind === "chars") return [...t];
  if (config.split === "whitespace") return t.split(/\s+/u).filter((w) => w.length > 0);
  return t.match(WORD) ?? [];
}

/** Counts tokens over the training split, then keeps the most frequent. */
export class VocabularyBuilder {
  private readonly counts = new Map<string, number>();

  constructor(readonly config: TokenizerConfig) {}

  add(text: string): void {
    for (const token of splitText(this.config, text))
      this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
  }

  /** The tokens by id; a Map iterates in insertion order, so ties keep their first appearance. */
  build(): string[] {
    const ranked = [...this.counts.entries()]
      .map(([token, count], order) => ({ token, count, order }))
      .sort((a, b) => b.count - a.count || a.order - b.order)
      .map((e) => e.token);
    const room = this.config.vocab === undefined ? ranked.length : this.config.vocab - 2;
    return [...SPECIALS, ...ranked.slice(0, Math.max(room, 0))];
  }
}

export class Tokenizer {
  private readonly ids: Map<string, number>;

  constructor(
    readonly config: TokenizerConfig,
    readonly tokens: readonly string[],
  ) {
    this.ids = new Map(tokens.map((t, i) => [t, i]));
  }

  /** A token's id: unknown where the vocabulary has no such token. */
  id(token: string): number {
    return this.ids.get(token) ?? UNKNOWN;
  }

  /** Ids for a whole text (no padding, no cut). */
  idsOf(text: string): number[] {
    return splitText(this.config, text).map((t) => this.id(t));
  }

  /** Exactly `length` ids: cut and padded as the config says. */
  encodeInto(text: string, out: Int32Array, offset: number, length: number): void {
    let ids = this.idsOf(text);
    if (ids.length > length)
      ids = this.config.truncate === "right" ? ids.slice(0, length) : ids.slice(-length);
    const start = this.config.pad === "right" ? 0 : length - ids.length;
    out.fill(PAD, offset, offset + length);
    for (let i = 0; i < ids.length; i++) out[offset + start + i] = ids[i];
  }

  encode(text: string, length: number): Int32Array {
    const out = new Int32Array(length);
    this.encodeInto(text, out, 0, length);
    return out;
  }

  /** The text of ids (characters joined, words with spaces); padding left out. */
  decode(ids: Iterable<number>): string {
    const parts: string[] = [];
    for (const id of ids) if (id !== PAD) parts.push(this.tokens[id] ?? SPECIALS[UNKNOWN]);
    return parts.join(this.config.kind === "chars" ? "" : " ");
  }
}

/** vocab.json at the URL, or undefined where the package has none (it was compiled, not trained). */
export async function loadVocabulary(url: URL): Promise<Vocabulary | undefined> {
  const bytes = await readPackageFile(url);
  return bytes && (JSON.parse(new TextDecoder().decode(bytes)) as Vocabulary);
}
