/**
 * What a spec's `train` section says about its data: where the examples come
 * from (`data`), how text becomes a model's integer input (`tokenizer`), and
 * how the examples split into training, validation and test (`split`). The
 * declarations only: src/data reads the files.
 *
 * A record's fields feed the model's inputs and targets of the same name; a
 * tokenizer reads the text field it names into the integer input it names
 * (by default the model's only i32 input of shape [batch, length]); a
 * target whose field holds strings is a class label, its class names the
 * distinct values of the training split, sorted.
 */
import { bool, int, str, type ArgSpec, type Signature } from "../core/signature.js";
import { failAt } from "../core/diagnostics.js";
import type { Call, Input, Model } from "../spec/ast.js";

const NONE = { min: 0, max: 0 };
const path: ArgSpec = {
  name: "path",
  kind: "string",
  positional: true,
  doc: "the file, relative to the spec",
};

export const DATA_SOURCES: ReadonlyMap<string, Signature> = new Map(
  (
    [
      {
        name: "jsonl",
        summary: "one JSON object per line, its fields by name",
        inputs: NONE,
        args: [path],
      },
      {
        name: "csv",
        summary: "comma-separated values with a header row naming the fields",
        inputs: NONE,
        args: [
          path,
          { name: "delimiter", kind: "string", default: str(","), doc: "the field separator" },
        ],
      },
      {
        name: "text",
        summary:
          "a plain-text corpus for a next-token model (a text file, or a module yielding the text in pieces): windows of the input's length, the target the same window one token on",
        inputs: NONE,
        args: [path],
      },
      {
        name: "tensors",
        summary:
          "a safetensors file, or a folder of .npy files (NAME.npy for the field NAME): a tensor per field, its first dim counting the examples",
        inputs: NONE,
        args: [path],
      },
      {
        name: "module",
        summary:
          "a JavaScript module whose default export is an iterable (or async iterable) of records, or a function returning one",
        inputs: NONE,
        args: [path],
      },
    ] satisfies Signature[]
  ).map((s) => [s.name, s]),
);

const tokenizerArgs = (lowercase: boolean): ArgSpec[] => [
  { name: "field", kind: "string", default: str("text"), doc: "the record's text field" },
  {
    name: "input",
    kind: "string",
    default: str(""),
    doc: "the model input it feeds (default: the only i32 input of shape [batch, length])",
  },
  {
    name: "lowercase",
    kind: "bool",
    default: bool(lowercase),
    doc: "lowercase the text first",
  },
  {
    name: "pad",
    kind: "string",
    values: ["right", "left"],
    default: str("right"),
    doc: "where padding goes when the text is shorter than the input",
  },
  {
    name: "truncate",
    kind: "string",
    values: ["right", "left"],
    default: str("right"),
    doc: "which end is cut when the text is longer (right keeps the start)",
  },
];

export const TOKENIZERS: ReadonlyMap<string, Signature> = new Map(
  (
    [
      {
        name: "words",
        summary: "word-level: the most frequent training words, 0 padding, 1 unknown",
        inputs: NONE,
        args: [
          {
            name: "vocab",
            kind: "int",
            positional: true,
            doc: "the most ids, padding and unknown included (at most the embedding's vocabulary)",
          },
          ...tokenizerArgs(true),
          {
            name: "split",
            kind: "string",
            values: ["words", "whitespace"],
            default: str("words"),
            doc: "words: runs of letters, digits and apostrophes; whitespace: what lies between spaces",
          },
        ],
      },
      {
        name: "chars",
        summary: "character-level: the characters of the training split, 0 padding, 1 unknown",
        inputs: NONE,
        args: [
          {
            name: "vocab",
            kind: "int",
            default: int(0),
            doc: "the most ids, padding and unknown included (0: every character)",
          },
          ...tokenizerArgs(false),
        ],
      },
    ] satisfies Signature[]
  ).map((s) => [s.name, s]),
);

/** The default split: fractions of the examples for training, validation and test. */
export const DEFAULT_SPLIT = [0.8, 0.1, 0.1] as const;

/**
 * The model input a tokenizer feeds: the one its `input` names, or the
 * model's only i32 input; either of shape [batch, length], length a number.
 */
export function tokenizedInput(tokenizer: Call, model: Model): Input {
  const named = tokenizer.args.find((a) => a.name === "input")?.value;
  const wanted = named?.type === "string" && named.value !== "" ? named.value : undefined;
  const candidates = model.inputs.filter((i) =>
    wanted ? i.name.text === wanted : i.type.dtype === "i32",
  );
  if (candidates.length !== 1)
    failAt(
      "spec-argument",
      wanted
        ? `the tokenizer feeds input '${wanted}', but the model has no such input (inputs: ${model.inputs.map((i) => i.name.text).join(", ")})`
        : candidates.length === 0
          ? "the tokenizer feeds an i32 input of shape [batch, LENGTH], and the model has no i32 input"
          : `the tokenizer needs input: NAME, since the model has ${candidates.length} i32 inputs`,
      tokenizer.span,
    );
  const input = candidates[0];
  const { dtype, shape } = input.type;
  if (dtype !== "i32" || shape.length !== 2 || typeof shape[1] !== "number")
    failAt(
      "spec-argument",
      `the tokenizer feeds input '${input.name.text}', which must be i32[batch, LENGTH] with a number for LENGTH`,
      tokenizer.span,
    );
  return input;
}
