/**
 * Recurrent layers over f32[batch, seq, features] (batch_first), with the
 * parameter names and layouts of torch.nn.RNNCell / LSTMCell / GRUCell
 * (weight_ih [G·H, in], weight_hh [G·H, H], bias_ih, bias_hh; nn.RNN and its
 * kin name the same tensors with an `_l0` suffix) and their initialisation,
 * uniform on ±1/sqrt(H). Optional value inputs after x are the initial state,
 * f32[batch, H]: h0, and c0 for LSTM.
 *
 * The input projection of every step is one matmul before the loop; the loop
 * itself is a `scan` whose body holds one step of the cell.
 */
import type { GraphBuilder, Value } from "../ir/graph.js";
import type { TensorType } from "../core/types.js";
import { bool, str } from "../core/signature.js";
import type { LayerContext, LayerDef } from "./layer-def.js";

/** One step: the projected input x_t [batch, G·H], the projected state hp [batch, G·H], the states; the new states. */
type Cell = (
  r: GraphBuilder,
  xp: Value,
  hp: Value,
  states: Value[],
  hidden: number,
  ctx: LayerContext,
) => Value[];

/** The k-th block of `hidden` features along the last axis of a [batch, G·H] value. */
function gate(r: GraphBuilder, v: Value, k: number, hidden: number): Value {
  return r.op1("slice", [v], { axes: [1], starts: [k * hidden], ends: [(k + 1) * hidden] });
}

function recurrent(
  name: string,
  summary: string,
  torch: string,
  gates: number,
  states: number,
  cell: Cell,
  extra: LayerDef["args"] = [],
): LayerDef {
  return {
    name,
    summary,
    torch,
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
    outputs: (args) =>
      1 + ((args.get("return_state") as { value: boolean } | undefined)?.value ? states : 0),
    build(ctx, [x, ...initial]) {
      const { b } = ctx;
      ctx.requireDType(x, "f32", "its input");
      ctx.requireRank(x, 3, "f32[batch, seq, features]");
      const hidden = ctx.int("hidden");
      const features = ctx.fixedDim(x, -1, "its input's last dim");
      const [batch] = x.type.shape;
      const bound = 1 / Math.sqrt(hidden);
      const init = { kind: "uniform", attrs: { low: -bound, high: bound } };
      const wIh = ctx.param("weight_ih", [gates * hidden, features], init);
      const wHh = ctx.param("weight_hh", [gates * hidden, hidden], init);
      const bIh = ctx.param("bias_ih", [gates * hidden], init);
      const bHh = ctx.param("bias_hh", [gates * hidden], init);
      const stateType: TensorType = { dtype: "f32", shape: [batch, hidden] };
      const stateNames = ["h0", "c0"];
      const start = Array.from({ length: states }, (_, k) => {
        const given = initial[k];
        if (!given)
          return b.op1("constant", [], { dtype: "f32", shape: stateType.shape, value: 0 });
        if (given.type.dtype !== "f32" || given.type.shape.join() !== stateType.shape.join()) {
          ctx.fail(
            `expects its initial state ${stateNames[k]} to be f32[${stateType.shape.join(", ")}], found ${ctx.describe(given)}`,
          );
        }
        return given;
      });
      const steps = b.op1("transpose", [x], { perm: [1, 0, 2] });
      const projected = b.op1("add", [b.op1("matmul", [steps, wIh], { transpose_b: true }), bIh]);
      const body = b.region(
        [
          ...start.map((_, k) => ({ name: ["h", "c"][k], type: stateType })),
          { name: "x_t", type: { dtype: "f32", shape: [batch, gates * hidden] } },
          { name: "w_hh", type: wHh.type },
          { name: "b_hh", type: bHh.type },
        ],
        (r, args) => {
          const carried = args.slice(0, states);
          const [xp, w, bias] = args.slice(states);
          const hp = r.op1("add", [r.op1("matmul", [carried[0], w], { transpose_b: true }), bias]);
          const next = cell(r, xp, hp, carried, hidden, ctx);
          return [...next, next[0]];
        },
      );
      const results = b.op(
        "scan",
        [...start, projected, wHh, bHh],
        { num_carry: states, num_seq: 1 },
        { regions: [body] },
      );
      const finals = results.slice(0, states);
      const main = ctx.bool("return_sequences")
        ? b.op1("transpose", [results[states]], { perm: [1, 0, 2] })
        : finals[0];
      return ctx.bool("return_state") ? [main, ...finals] : [main];
    },
  };
}

const rnnCell: Cell = (r, xp, hp, _states, _hidden, ctx) => [
  r.op1(ctx.string("nonlinearity"), [r.op1("add", [xp, hp])]),
];

const lstmCell: Cell = (r, xp, hp, [, c], hidden) => {
  const z = r.op1("add", [xp, hp]);
  const [i, f, g, o] = [0, 1, 2, 3].map((k) => gate(r, z, k, hidden));
  const cNext = r.op1("add", [
    r.op1("mul", [r.op1("sigmoid", [f]), c]),
    r.op1("mul", [r.op1("sigmoid", [i]), r.op1("tanh", [g])]),
  ]);
  const hNext = r.op1("mul", [r.op1("sigmoid", [o]), r.op1("tanh", [cNext])]);
  return [hNext, cNext];
};

/** PyTorch's GRU: n = tanh(x_n + r * (W_hn h + b_hn)), h' = (1 - z) n + z h, written n + z (h - n). */
const gruCell: Cell = (r, xp, hp, [h], hidden) => {
  const [xr, xz, xn] = [0, 1, 2].map((k) => gate(r, xp, k, hidden));
  const [hr, hz, hn] = [0, 1, 2].map((k) => gate(r, hp, k, hidden));
  const reset = r.op1("sigmoid", [r.op1("add", [xr, hr])]);
  const update = r.op1("sigmoid", [r.op1("add", [xz, hz])]);
  const n = r.op1("tanh", [r.op1("add", [xn, r.op1("mul", [reset, hn])])]);
  return [r.op1("add", [n, r.op1("mul", [update, r.op1("sub", [h, n])])])];
};

export const RECURRENT_LAYERS: LayerDef[] = [
  recurrent(
    "rnn",
    "an Elman RNN like torch.nn.RNN",
    "nn.RNN(in, hidden, nonlinearity, batch_first=True)",
    1,
    1,
    rnnCell,
    [
      {
        name: "nonlinearity",
        kind: "string",
        values: ["tanh", "relu"],
        default: str("tanh"),
        doc: "as torch's",
      },
    ],
  ),
  recurrent(
    "lstm",
    "an LSTM like torch.nn.LSTM (gates i, f, g, o)",
    "nn.LSTM(in, hidden, batch_first=True)",
    4,
    2,
    lstmCell,
  ),
  recurrent(
    "gru",
    "a GRU like torch.nn.GRU (gates r, z, n)",
    "nn.GRU(in, hidden, batch_first=True)",
    3,
    1,
    gruCell,
  ),
];
