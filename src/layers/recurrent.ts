/**
 * Recurrent layers over f32[batch, seq, features] (batch_first), with the
 * options, parameter names and layouts of torch.nn.RNN / LSTM / GRU, so that
 * the state_dict of the matching module loads as it is: per layer k and
 * direction, weight_ih_l{k} [G·H, in], weight_hh_l{k} [G·H, H], bias_ih_l{k},
 * bias_hh_l{k}, with `_reverse` for the backward direction; initialised, as
 * PyTorch does, uniform on ±1/sqrt(H). Layer k > 0 reads layer k-1's outputs
 * (both directions concatenated), through dropout while training.
 *
 * Optional value inputs after x are the initial state, h0 and c0 for LSTM:
 * f32[batch, H] for one unidirectional layer, else f32[L·D, batch, H] in
 * PyTorch's order (layer-major, then direction), as the final states are
 * returned. Without return_sequences the output is the last layer's final
 * state, both directions concatenated (PyTorch's h_n[-2:] side by side).
 *
 * The input projection of every step is one matmul before the loop; the loop
 * itself is a `scan` (reversed for the backward direction) whose body holds
 * one step of the cell.
 */
import type { GraphBuilder, Value } from "../ir/graph.js";
import type { Dim } from "../core/types.js";
import { bool, float, int, str } from "../core/signature.js";
import { py, pyFloat, pyTuple } from "../core/python.js";
import { dropout } from "./emit.js";
import type { LayerContext, LayerDef, OnnxContext } from "./layer-def.js";

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

interface Direction {
  /** The parameters' suffix: `_l0`, `_l1_reverse`. */
  suffix: string;
  reverse: boolean;
  /** The initial states, f32[batch, H] each. */
  start: Value[];
}

/**
 * One layer in one direction over time-major steps [T, batch, in]: its
 * outputs [T, batch, H] at each step's own index, and its final states.
 */
function runDirection(
  ctx: LayerContext,
  steps: Value,
  { suffix, reverse, start }: Direction,
  gates: number,
  cell: Cell,
): { ys: Value; finals: Value[] } {
  const { b } = ctx;
  const hidden = ctx.int("hidden");
  const features = ctx.fixedDim(steps, -1, "its input's last dim");
  const bound = 1 / Math.sqrt(hidden);
  const init = { kind: "uniform", attrs: { low: -bound, high: bound } };
  const wIh = ctx.param(`weight_ih${suffix}`, [gates * hidden, features], init);
  const wHh = ctx.param(`weight_hh${suffix}`, [gates * hidden, hidden], init);
  const biases = ctx.bool("bias")
    ? [
        ctx.param(`bias_ih${suffix}`, [gates * hidden], init),
        ctx.param(`bias_hh${suffix}`, [gates * hidden], init),
      ]
    : [];
  let projected = b.op1("matmul", [steps, wIh], { transpose_b: true });
  if (biases.length) projected = b.op1("add", [projected, biases[0]]);
  const states = start.length;
  const stateType = start[0].type;
  const body = b.region(
    [
      ...start.map((_, k) => ({ name: ["h", "c"][k], type: stateType })),
      { name: "x_t", type: { dtype: "f32", shape: [stateType.shape[0], gates * hidden] } },
      { name: "w_hh", type: wHh.type },
      ...biases.slice(1).map((bias) => ({ name: "b_hh", type: bias.type })),
    ],
    (r, args) => {
      const carried = args.slice(0, states);
      const [xp, w, bias] = args.slice(states);
      let hp = r.op1("matmul", [carried[0], w], { transpose_b: true });
      if (bias) hp = r.op1("add", [hp, bias]);
      const next = cell(r, xp, hp, carried, hidden, ctx);
      return [...next, next[0]];
    },
  );
  const results = b.op(
    "scan",
    [...start, projected, wHh, ...biases.slice(1)],
    { num_carry: states, num_seq: 1, reverse },
    { regions: [body] },
  );
  return { ys: results[states], finals: results.slice(0, states) };
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
      { name: "num_layers", kind: "int", default: int(1), doc: "stacked layers" },
      {
        name: "bidirectional",
        kind: "bool",
        default: bool(false),
        doc: "also run backwards over the sequence; outputs 2·H features",
      },
      {
        name: "dropout",
        kind: "float",
        default: float(0),
        doc: "on each layer's outputs but the last, while training",
      },
      { name: "bias", kind: "bool", default: bool(true), doc: "bias_ih and bias_hh" },
      {
        name: "return_sequences",
        kind: "bool",
        default: bool(false),
        doc: "the output at every step, not only the last",
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
      const layers = ctx.int("num_layers");
      const directions = ctx.bool("bidirectional") ? 2 : 1;
      const p = ctx.float("dropout");
      if (layers < 1) ctx.fail(`expects num_layers of at least 1, found ${layers}`);
      if (!(p >= 0 && p < 1)) ctx.fail(`expects a dropout probability in [0, 1), found ${p}`);
      ctx.fixedDim(x, -1, "its input's last dim");
      const batch = x.type.shape[0];
      const stacked = layers * directions > 1;
      const one: Dim[] = [batch, hidden];
      const stateShape: Dim[] = stacked ? [layers * directions, ...one] : one;
      const given = initial.map((state, k) => {
        if (state.type.dtype !== "f32" || state.type.shape.join() !== stateShape.join()) {
          ctx.fail(
            `expects its initial state ${["h0", "c0"][k]} to be f32[${stateShape.join(", ")}], found ${ctx.describe(state)}`,
          );
        }
        return state;
      });
      /** The initial state k of the index-th (layer, direction), f32[batch, H]. */
      const startOf = (k: number, index: number): Value => {
        const state = given[k];
        if (!state) return b.op1("constant", [], { dtype: "f32", shape: one, value: 0 });
        if (!stacked) return state;
        const row = b.op1("slice", [state], { axes: [0], starts: [index], ends: [index + 1] });
        return b.op1("reshape", [row], { shape: one });
      };
      const starts = Array.from({ length: layers * directions }, (_, index) =>
        Array.from({ length: states }, (_, k) => startOf(k, index)),
      );
      let steps = b.op1("transpose", [x], { perm: [1, 0, 2] });
      const finals: Value[][] = Array.from({ length: states }, () => []);
      for (let layer = 0; layer < layers; layer++) {
        if (layer > 0) steps = dropout(ctx, steps, p, `l${layer}`);
        const ys = [false, true].slice(0, directions).map((reverse) => {
          const index = layer * directions + (reverse ? 1 : 0);
          const run = runDirection(
            ctx,
            steps,
            {
              suffix: `_l${layer}${reverse ? "_reverse" : ""}`,
              reverse,
              start: starts[index],
            },
            gates,
            cell,
          );
          run.finals.forEach((f, k) => finals[k].push(f));
          return run.ys;
        });
        steps = ys.length > 1 ? b.op1("concat", ys, { axis: 2 }) : ys[0];
      }
      const join = (values: Value[], axis: number) =>
        values.length > 1 ? b.op1("concat", values, { axis }) : values[0];
      const main = ctx.bool("return_sequences")
        ? b.op1("transpose", [steps], { perm: [1, 0, 2] })
        : join(finals[0].slice(-directions), 1);
      if (!ctx.bool("return_state")) return [main];
      const stateOut = finals.map((list) =>
        stacked
          ? join(
              list.map((f) => b.op1("reshape", [f], { shape: [1, ...one] })),
              0,
            )
          : list[0],
      );
      return [main, ...stateOut];
    },
    pytorch: ({ args, inputs: [x] }) => {
      const options = [
        `num_layers=${args.int("num_layers")}`,
        ...(name === "rnn" ? [`nonlinearity=${py(args.string("nonlinearity"))}`] : []),
        `bias=${py(args.bool("bias"))}`,
        "batch_first=True",
        `dropout=${pyFloat(args.float("dropout"))}`,
        `bidirectional=${py(args.bool("bidirectional"))}`,
      ];
      const torchName = { rnn: "RNN", lstm: "LSTM", gru: "GRU" }[name];
      return {
        module: `nn.${torchName}(${x.shape.at(-1)}, ${args.int("hidden")}, ${options.join(", ")})`,
        helpers: { recurrent: RECURRENT },
        forward: ([x, ...initial], m) => {
          const state = !initial.length ? "None" : states === 2 ? pyTuple(initial) : initial[0];
          const flags = [args.bool("return_sequences"), args.bool("return_state")].map(py);
          return `recurrent(${m}, ${x}, ${state}, ${flags.join(", ")})`;
        },
      };
    },
    onnx: (ctx, inputs) => onnxRecurrent(ctx, inputs, name, gates, states),
  };
}

const RECURRENT = `def recurrent(module, x, state, return_sequences, return_state):
    """Weft's outputs of nn.RNN, nn.LSTM or nn.GRU: every step's or the last layer's final states
    (both directions side by side), then the final states, of one layer without its leading axis."""
    directions = 2 if module.bidirectional else 1
    single = module.num_layers * directions == 1
    if state is not None and single:
        state = tuple(s.unsqueeze(0) for s in state) if isinstance(state, tuple) else state.unsqueeze(0)
    steps, final = module(x, state)
    finals = final if isinstance(final, tuple) else (final,)
    main = steps if return_sequences else torch.cat(list(finals[0][-directions:]), -1)
    if not return_state:
        return main
    return (main, *(f[0] if single else f for f in finals))
`;

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
    "nn.RNN(in, hidden, num_layers, nonlinearity, bias, batch_first=True, dropout, bidirectional)",
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
    "nn.LSTM(in, hidden, num_layers, bias, batch_first=True, dropout, bidirectional)",
    4,
    2,
    lstmCell,
  ),
  recurrent(
    "gru",
    "a GRU like torch.nn.GRU (gates r, z, n)",
    "nn.GRU(in, hidden, num_layers, bias, batch_first=True, dropout, bidirectional)",
    3,
    1,
    gruCell,
  ),
];

/** ONNX's gate blocks in PyTorch's order: LSTM i,o,f,c from i,f,g,o; GRU z,r,h from r,z,n. */
const ONNX_GATES: Record<string, number[]> = { rnn: [0], lstm: [0, 3, 1, 2], gru: [1, 0, 2] };

/**
 * An ONNX RNN/LSTM/GRU node per layer (both directions in one), as
 * torch.onnx.export writes nn.LSTM(batch_first=True): the input transposed to
 * [seq, batch, in], the weights in ONNX's gate order and layout, the outputs
 * transposed back and the final states stacked.
 */
function onnxRecurrent(
  ctx: OnnxContext,
  [x, ...initial]: readonly string[],
  kind: string,
  gates: number,
  states: number,
): string[] {
  const hidden = ctx.args.int("hidden");
  const layers = ctx.args.int("num_layers");
  const dirs = ctx.args.bool("bidirectional") ? 2 : 1;
  const bias = ctx.args.bool("bias");
  const stacked = layers * dirs > 1;
  const op = kind.toUpperCase();
  const order = ONNX_GATES[kind];
  const reorder = (data: Float32Array, width: number) => {
    const out = new Float32Array(data.length);
    order.forEach((from, to) =>
      out.set(
        data.subarray(from * hidden * width, (from + 1) * hidden * width),
        to * hidden * width,
      ),
    );
    return out;
  };
  const i64 = (values: number[], what: string) =>
    ctx.constant("i64", [values.length], values, `${ctx.name}.${what}`);
  const attrs = {
    hidden_size: hidden,
    ...(dirs === 2 ? { direction: "bidirectional" } : {}),
    ...(kind === "gru" ? { linear_before_reset: 1 } : {}),
    ...(kind === "rnn" && ctx.args.string("nonlinearity") === "relu"
      ? { activations: { strings: Array(dirs).fill("Relu") } }
      : {}),
  };
  let steps = ctx.op("Transpose", [x], { perm: [1, 0, 2] });
  const finals: string[][] = Array.from({ length: states }, () => []);
  for (let layer = 0; layer < layers; layer++) {
    const suffixes = ["", "_reverse"].slice(0, dirs).map((r) => `_l${layer}${r}`);
    const stackOf = (local: string, width: number) => {
      const parts = suffixes.map((s) => reorder(ctx.weight(`${local}${s}`).data, width));
      const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
      return all;
    };
    const inF = ctx.weight(`weight_ih${suffixes[0]}`).shape[1];
    const W = ctx.constant(
      "f32",
      [dirs, gates * hidden, inF],
      stackOf("weight_ih", inF),
      `${ctx.name}.W_l${layer}`,
    );
    const R = ctx.constant(
      "f32",
      [dirs, gates * hidden, hidden],
      stackOf("weight_hh", hidden),
      `${ctx.name}.R_l${layer}`,
    );
    let B = "";
    if (bias) {
      const data = new Float32Array(dirs * 2 * gates * hidden);
      suffixes.forEach((s, d) => {
        data.set(reorder(ctx.weight(`bias_ih${s}`).data, 1), d * 2 * gates * hidden);
        data.set(reorder(ctx.weight(`bias_hh${s}`).data, 1), (d * 2 + 1) * gates * hidden);
      });
      B = ctx.constant("f32", [dirs, 2 * gates * hidden], data, `${ctx.name}.B_l${layer}`);
    }
    const start = initial.map((s) =>
      stacked
        ? ctx.op("Slice", [
            s,
            i64([layer * dirs], "starts"),
            i64([(layer + 1) * dirs], "ends"),
            i64([0], "axes"),
          ])
        : ctx.op("Unsqueeze", [s, i64([0], "axes")]),
    );
    const [y, ...finalStates] = ctx.node(op, [steps, W, R, B, "", ...start], attrs, {
      outputs: 1 + states,
    });
    finalStates.forEach((f, k) => finals[k].push(f));
    steps =
      dirs === 1
        ? ctx.op("Squeeze", [y, i64([1], "axes")])
        : ctx.op("Reshape", [
            ctx.op("Transpose", [y], { perm: [0, 2, 1, 3] }),
            i64([0, 0, dirs * hidden], "shape"),
          ]);
  }
  const last = finals[0][layers - 1];
  const main = ctx.args.bool("return_sequences")
    ? ctx.op("Transpose", [steps], { perm: [1, 0, 2] })
    : dirs === 1
      ? ctx.op("Squeeze", [last, i64([0], "axes")])
      : ctx.op("Reshape", [
          ctx.op("Transpose", [last], { perm: [1, 0, 2] }),
          i64([0, dirs * hidden], "shape"),
        ]);
  if (!ctx.args.bool("return_state")) return [main];
  return [
    main,
    ...finals.map((list) =>
      !stacked
        ? ctx.op("Squeeze", [list[0], i64([0], "axes")])
        : list.length > 1
          ? ctx.op("Concat", list, { axis: 0 })
          : list[0],
    ),
  ];
}
