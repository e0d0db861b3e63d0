/**
 * `weft export --pytorch`: a spec as a PyTorch module and a training script,
 * for training at scale on PyTorch's distributed engine.
 *
 * The module is written from the model as the layer library builds it —
 * blocks and repeats expanded, each layer by its declaration's `pytorch`
 * form — so its state_dict has Weft's parameter names, layouts and
 * initialisations, and weights move between the two as safetensors. The
 * training script is the train section's loss, optimizer, schedule, clipping,
 * batch size and epochs, run on one process or under torchrun with
 * DistributedDataParallel (each process takes an equal share of every
 * global batch, so the averaged gradient is the global batch's).
 */
import { trainRun, type Spec } from "../spec/ast.js";
import type { Module, Value } from "../ir/graph.js";
import { ArgReader } from "../core/signature.js";
import { py, pyFloat, pyIdentifier } from "../core/python.js";
import { buildModel, type BuiltLayer } from "../layers/build.js";
import { LOSSES, OPTIMIZERS, SCHEDULES } from "../training/index.js";
import { describeTraining } from "../training/train-step.js";

/** An export: its files by name (model.py, and train.py for a spec with a train section), and the module it was written from. */
export interface PyTorchExport {
  readonly files: Record<string, string>;
  readonly module: Module;
}

/** Names a layer's submodule may not take as an attribute of nn.Module (its own members). */
const MODULE_MEMBERS = new Set(
  (
    "training forward train eval to cuda cpu float double half type apply parameters buffers " +
    "children modules state_dict load_state_dict zero_grad requires_grad_ register_buffer " +
    "register_parameter add_module get_submodule named_parameters named_modules extra_repr " +
    "inputs outputs"
  ).split(" "),
);

/** What model.py defines besides the helpers and the model class. */
const MODULE_GLOBALS = ["json", "_put", "MODEL", "load_tensors", "save_tensors"];

export function exportPyTorch(spec: Spec, source: string): PyTorchExport {
  const layers: BuiltLayer[] = [];
  const { module } = buildModel(spec, { training: true, onLayer: (l) => layers.push(l) });
  const forward = module.graph("forward");
  const className = pyIdentifier(spec.model.name.text);

  const forms = layers.map((layer) =>
    layer.def.pytorch({
      args: layer.args,
      inputs: layer.inputs.map((v) => v.type),
      outputs: layer.outputs.map((v) => v.type),
    }),
  );
  const helpers = new Map(forms.flatMap((f) => Object.entries(f.helpers ?? {})));

  // Values are named after their layers, off the module's own globals.
  const names = new Map<Value, string>();
  const taken = new Set([...helpers.keys(), ...MODULE_GLOBALS, className]);
  const nameFor = (value: Value, wanted: string) => {
    let id = pyIdentifier(wanted);
    for (let k = 2; taken.has(id); k++) id = `${pyIdentifier(wanted)}_${k}`;
    taken.add(id);
    names.set(value, id);
    return id;
  };
  const inputs = spec.model.inputs.map((input, i) => nameFor(forward.inputs[i], input.name.text));
  const init: string[] = [];
  const body: string[] = [];
  layers.forEach((layer, i) => {
    const torch = forms[i];
    if (torch.module) init.push(`        _put(self, ${py(layer.name)}, ${torch.module})`);
    const args = layer.inputs.map((v) => names.get(v)!);
    const results = layer.outputs.map((v, k) =>
      nameFor(v, layer.outputs.length === 1 ? layer.name : `${layer.name}.${k}`),
    );
    body.push(`        ${results.join(", ")} = ${torch.forward(args, submodule(layer.name))}`);
  });
  const outputs = spec.model.outputs.map((o) =>
    names.get(forward.outputs.find((f) => f.name === o.name.text)!.value)!,
  );

  const modelPy = [
    `"""${spec.model.name.text}, from ${source}, as \`weft export --pytorch\` writes it.`,
    "",
    "Its parameters have Weft's names, layouts and initialisations, so a state_dict",
    "loads into the Weft package and back unchanged, as safetensors.",
    '"""',
    "import json",
    "import math",
    "",
    "import torch",
    "import torch.nn as nn",
    "import torch.nn.functional as F",
    "",
    "",
    ...[...helpers.values()].flatMap((text) => [text.trimEnd(), "", ""]),
    "def _put(root, name, module):",
    '    """Registers module under a dotted name (blocks.0.attn), making the containers on the way."""',
    '    *path, last = name.split(".")',
    "    for part in path:",
    "        root = root._modules.setdefault(part, nn.Module())",
    "    root._modules[last] = module",
    "",
    "",
    `class ${className}(nn.Module):`,
    `    inputs = ${pyDict(spec.model.inputs.map((i) => [i.name.text, i.type.dtype]))}`,
    `    outputs = ${py(spec.model.outputs.map((o) => o.name.text))}`,
    "",
    "    def __init__(self):",
    "        super().__init__()",
    ...init,
    "",
    `    def forward(self, ${inputs.join(", ")}):`,
    ...body,
    `        return ${outputs.join(", ")}`,
    "",
    "",
    "# The model class, for scripts that take any export.",
    `MODEL = ${className}`,
    "",
    "",
    SAFETENSORS,
  ].join("\n");

  const files: Record<string, string> = { "model.py": modelPy };
  if (spec.train) files["train.py"] = trainingScript(spec, source);
  return { files, module };
}

/** How forward reaches the submodule of the layer named `name`. */
function submodule(name: string): string {
  if (name.includes(".")) return `self.get_submodule(${py(name)})`;
  const id = pyIdentifier(name);
  return id === name && !MODULE_MEMBERS.has(name) ? `self.${name}` : `self._modules[${py(name)}]`;
}

function pyDict(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${py(k)}: ${py(v)}`).join(", ")}}`;
}

function trainingScript(spec: Spec, source: string): string {
  const run = trainRun(spec);
  const description = describeTraining(spec);
  const lossDef = LOSSES.get(description.loss.kind)!;
  const lossArgs = new ArgReader(lossDef, description.loss.args);
  const optimizerDef = OPTIMIZERS.get(description.optimizer.kind)!;
  const optimizerArgs = new ArgReader(optimizerDef, description.optimizer.args);
  const outputNames = spec.model.outputs.map((o) => o.name.text);
  const outputName = lossArgs.string("output");
  const output =
    outputNames.length === 1 ? "outputs" : `outputs[${outputNames.indexOf(outputName)}]`;
  const target = `batch[${py(lossArgs.string("target"))}]`;

  const schedule = description.schedule;
  const scheduleDef = schedule && SCHEDULES.get(schedule.kind)!;
  const scheduleArgs = schedule && new ArgReader(scheduleDef!, schedule.args);
  const warmup = scheduleArgs?.int("warmup_steps") ?? 0;
  const after = scheduleDef ? scheduleDef.pytorch(scheduleArgs!, "lr", "s") : "lr";
  const lrLines = [
    "def lr_at(k, lr):",
    '    """The learning rate of the step after k steps done, warmup included."""',
    ...(warmup > 0
      ? [
          `    if k < ${warmup}:`,
          `        return lr * (k + 1) / ${warmup}`,
          `    s = k - ${warmup}`,
        ]
      : scheduleDef
        ? ["    s = k"]
        : []),
    `    return ${after}`,
  ];
  const summary = [
    description.loss.kind,
    description.optimizer.kind,
    schedule ? `${schedule.kind} schedule` : "",
    description.clipGradNorm !== undefined ? `clip_grad_norm ${description.clipGradNorm}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return [
    `"""Trains ${spec.model.name.text} as the train section of ${source} says (${summary}),`,
    "on one process or on many under torchrun, as `weft export --pytorch` writes it:",
    "",
    "    python3 train.py --data data.safetensors --weights weights.safetensors --out trained.safetensors",
    "    torchrun --nproc_per_node 4 train.py --data data.safetensors --out trained.safetensors",
    "",
    "--data holds one tensor per model input and training target, rows along the first",
    "axis (`weft export --pytorch DIR --data` writes the spec's data so). Under torchrun each",
    "process takes an equal share of every global batch and DistributedDataParallel averages",
    "the gradients (gloo on CPUs, nccl on GPUs); a last batch too small to share is dropped.",
    '"""',
    "import argparse",
    "import json",
    "import math",
    "import os",
    "",
    "import torch",
    "import torch.distributed as dist",
    "import torch.nn.functional as F",
    "",
    "from model import MODEL, load_tensors, save_tensors",
    "",
    `BATCH_SIZE = ${run.batchSize}`,
    `EPOCHS = ${run.epochs}`,
    `SEED = ${run.seed}`,
    `CLIP_GRAD_NORM = ${description.clipGradNorm === undefined ? "None" : pyFloat(description.clipGradNorm)}`,
    `TARGETS = ${pyDict(description.targets.map((t) => [t.name, t.type.dtype]))}`,
    "",
    "",
    "def loss_of(outputs, batch):",
    `    return ${lossDef.pytorch(lossArgs, output, target)}`,
    "",
    "",
    "def make_optimizer(params):",
    `    return ${optimizerDef.pytorch(optimizerArgs, "params")}`,
    "",
    "",
    ...lrLines,
    "",
    "",
    TRAINING_LOOP,
  ].join("\n");
}

/** The model-independent part of train.py: the data, the loop, DDP. */
const TRAINING_LOOP = `def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    parser.add_argument("--data", required=True, help="safetensors: a tensor per input and target")
    parser.add_argument("--weights", help="safetensors to start from (a Weft package's, say)")
    parser.add_argument("--out", help="where to write the trained weights (safetensors)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="the global batch")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--steps", type=int, help="stop after this many steps")
    parser.add_argument("--no-shuffle", action="store_true", help="take the rows in order")
    parser.add_argument("--float64", action="store_true", help="compute in float64")
    parser.add_argument("--losses", help="write each step's loss here (JSON)")
    args = parser.parse_args(argv)

    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    if distributed:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    rank, world = (dist.get_rank(), dist.get_world_size()) if distributed else (0, 1)
    if torch.cuda.is_available():
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    if args.batch_size % world:
        parser.error(f"--batch-size {args.batch_size} does not split over {world} processes")
    dtype = torch.float64 if args.float64 else torch.float32

    torch.manual_seed(args.seed)
    model = MODEL()
    if args.weights:
        model.load_state_dict(load_tensors(args.weights))
    model.to(device, dtype)
    net = torch.nn.parallel.DistributedDataParallel(model) if distributed else model
    net.train()

    data = load_tensors(args.data)
    names = list(MODEL.inputs) + list(TARGETS)
    missing = [n for n in names if n not in data]
    if missing:
        parser.error(f"{args.data} has no tensor {', '.join(missing)} (it has {', '.join(data)})")
    data = {n: data[n].to(device, dtype if data[n].is_floating_point() else None) for n in names}
    rows = len(data[names[0]])

    optimizer = make_optimizer(model.parameters())
    base = [group["lr"] for group in optimizer.param_groups]
    share = args.batch_size // world
    losses, step = [], 0
    for epoch in range(args.epochs):
        if args.no_shuffle:
            order = torch.arange(rows)
        else:
            order = torch.randperm(rows, generator=torch.Generator().manual_seed(args.seed + epoch))
        total, count = 0.0, 0
        for start in range(0, rows, args.batch_size):
            if args.steps is not None and step >= args.steps:
                break
            rows_of_batch = order[start : start + args.batch_size]
            if distributed and len(rows_of_batch) < args.batch_size:
                break
            mine = rows_of_batch[rank * share : (rank + 1) * share] if distributed else rows_of_batch
            batch = {n: t[mine.to(t.device)] for n, t in data.items()}
            for group, lr in zip(optimizer.param_groups, base):
                group["lr"] = lr_at(step, lr)
            optimizer.zero_grad()
            loss = loss_of(net(*(batch[n] for n in MODEL.inputs)), batch)
            loss.backward()
            if CLIP_GRAD_NORM is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_GRAD_NORM)
            optimizer.step()
            step += 1
            value = loss.detach()
            if distributed:
                dist.all_reduce(value)
                value /= world
            losses.append(value.item())
            total, count = total + value.item(), count + 1
        if rank == 0 and count:
            print(f"epoch {epoch + 1}/{args.epochs}: loss {total / count:.4f} ({count} steps)", flush=True)
    if rank == 0 and args.out:
        save_tensors(model.state_dict(), args.out)
    if rank == 0 and args.losses:
        with open(args.losses, "w") as f:
            json.dump(losses, f)
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;

/** Reading and writing safetensors files, with the safetensors package where it is installed. */
const SAFETENSORS = `def load_tensors(path):
    """A safetensors file's tensors, by name."""
    try:
        from safetensors.torch import load_file
    except ImportError:  # the format is a JSON header and the raw little-endian data
        with open(path, "rb") as f:
            raw = f.read()
        size = int.from_bytes(raw[:8], "little")
        header = json.loads(raw[8 : 8 + size])
        header.pop("__metadata__", None)
        kinds = {"F32": torch.float32, "F64": torch.float64, "I32": torch.int32, "I64": torch.int64}
        tensors = {}
        for name, t in header.items():
            start, end = t["data_offsets"]
            data = bytearray(raw[8 + size + start : 8 + size + end])
            tensors[name] = torch.frombuffer(data, dtype=kinds[t["dtype"]]).reshape(t["shape"]).clone()
        return tensors
    return load_file(path)


def save_tensors(tensors, path):
    tensors = {k: v.detach().to("cpu", torch.float32).contiguous() for k, v in tensors.items()}
    try:
        from safetensors.torch import save_file
    except ImportError:
        header, chunks, at = {}, [], 0
        for name, t in tensors.items():
            data = t.numpy().tobytes()
            header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [at, at + len(data)]}
            chunks.append(data)
            at += len(data)
        text = json.dumps(header).encode()
        text += b" " * (-len(text) % 8)
        with open(path, "wb") as f:
            f.write(len(text).to_bytes(8, "little") + text + b"".join(chunks))
        return
    save_file(tensors, path)
`;
