/**
 * Recurrent layers over f32[batch, seq, features] (batch_first), with
 * PyTorch's parameter layouts. Optional value inputs after x are the initial
 * state: h0 (and c0 for LSTM).
 */
import { bool, str, type Signature } from "../parser/signature.js";
import type { Value } from "../parser/ast.js";

const flag = (args: ReadonlyMap<string, Value>, name: string) =>
  (args.get(name) as { value: boolean } | undefined)?.value;

function recurrent(
  name: string,
  summary: string,
  states: number,
  extra: Signature["args"] = [],
): Signature {
  return {
    name,
    summary,
    inputs: { min: 1, max: 1 + states },
    args: [
      { name: "hidden", kind: "int", positional: true, doc: "hidden_size" },
      {
        name: "return_sequences",
        kind: "bool",
        default: bool(false),
        doc: "the state at every step, not only the last",
      },
      {
        name: "return_state",
        kind: "bool",
        default: bool(false),
        doc: `also return the final state (${states === 2 ? "h, c" : "h"})`,
      },
      ...extra,
    ],
    outputs: (args) => 1 + (flag(args, "return_state") ? states : 0),
  };
}

export const RECURRENT_LAYERS: Signature[] = [
  recurrent("rnn", "an Elman RNN like torch.nn.RNN", 1, [
    {
      name: "nonlinearity",
      kind: "string",
      values: ["tanh", "relu"],
      default: str("tanh"),
      doc: "as torch's",
    },
  ]),
  recurrent("lstm", "an LSTM like torch.nn.LSTM (gates i, f, g, o)", 2),
  recurrent("gru", "a GRU like torch.nn.GRU (gates r, z, n)", 1),
];
