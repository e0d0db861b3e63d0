#!/usr/bin/python3
"""The benchmark's PyTorch side: the four benchmark models as torch modules
with Weft's parameter names, loaded from Weft's safetensors.

    torch_peer.py export MODEL WEIGHTS OUT.onnx   writes the ONNX file onnxruntime runs
    torch_peer.py serve                           answers the harness on stdin/stdout

`serve` reads one JSON request per line and writes one JSON reply per line:
  {"cmd": "prepare", "model", "weights", "lr", "task": "predict"|"train", "inputs": {name: {path, dtype, shape}}}
      loads fresh weights and an Adam optimizer and prepares the task on the inputs (raw little-endian
      files); a predict replies {"output": path} with the float32 logits written there, a train step
      replies {"losses": [first, second], "params": {"path", "index": [[name, length], ...]}} for two
      steps from the loaded weights, the parameters after them written to path in the index's order.
  {"cmd": "gemm", "n", "a", "b", "transpose_a", "transpose_b"}
                                  prepares an n×n matrix product of two files' f32 matrices (either
                                  read transposed) and replies {"output": path of the product}.
  {"cmd": "time", "reps": k}      runs the prepared task k times and replies {"seconds": elapsed}.
Run with Debian's python3-torch (1.13), single-threaded.
"""
import json
import math
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    data = raw[8 + n :]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = {"F32": torch.float32, "I32": torch.int32}[info["dtype"]]
        out[name] = torch.frombuffer(bytearray(data[start:end]), dtype=dtype).reshape(info["shape"])
    return out


class TextClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10000, 64)
        self.fc1 = nn.Linear(64, 64)
        self.fc2 = nn.Linear(64, 64)
        self.out = nn.Linear(64, 2)

    def forward(self, tokens):
        x = self.embed(tokens).mean(1)
        return self.out(F.relu(self.fc2(F.relu(self.fc1(x)))))


class MnistMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 128)
        self.out = nn.Linear(128, 10)

    def forward(self, pixels):
        return self.out(F.relu(self.fc2(F.relu(self.fc1(pixels)))))


class LSTMClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10000, 64)
        self.lstm = nn.LSTM(64, 128, batch_first=True)
        self.out = nn.Linear(128, 2)

    def forward(self, tokens):
        _, (h, _) = self.lstm(self.embed(tokens))
        return self.out(h[-1])


class Attention(nn.Module):
    def __init__(self, dim, heads, context):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(dim, dim) for _ in range(4))
        self.register_buffer("mask", torch.triu(torch.ones(context, context, dtype=torch.bool), 1), persistent=False)

    def forward(self, x):
        b, t, d = x.shape
        split = lambda y: y.view(b, t, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        weights = scores.masked_fill(self.mask[:t, :t], float("-inf")).softmax(-1)
        return self.o((weights @ v).transpose(1, 2).reshape(b, t, d))


class Block(nn.Module):
    def __init__(self, dim, heads, context):
        super().__init__()
        self.ln_1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, context)
        self.ln_2 = nn.LayerNorm(dim)
        self.fc = nn.Linear(dim, 4 * dim)
        self.proj = nn.Linear(4 * dim, dim)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.proj(F.gelu(self.fc(self.ln_2(x))))


class TinyGPT(nn.Module):
    def __init__(self, vocab=96, context=64, dim=128, heads=4, layers=2):
        super().__init__()
        self.tok_emb = nn.Embedding(vocab, dim)
        self.pos_emb = nn.Embedding(context, dim)
        self.blocks = nn.ModuleList(Block(dim, heads, context) for _ in range(layers))
        self.ln_f = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab, bias=False)

    def forward(self, tokens):
        x = self.tok_emb(tokens) + self.pos_emb.weight[: tokens.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln_f(x))


MODELS = {
    "text-classifier": (TextClassifier, "tokens"),
    "mnist-mlp": (MnistMLP, "pixels"),
    "lstm-classifier": (LSTMClassifier, "tokens"),
    "tiny-gpt": (TinyGPT, "tokens"),
}


def load(name, weights):
    cls, _ = MODELS[name]
    model = cls()
    # Weft's parameters have PyTorch's names: the state_dict loads as it is.
    model.load_state_dict(read_safetensors(weights), strict=True)
    return model


def export(name, weights, out):
    model = load(name, weights).eval()
    input_name = MODELS[name][1]
    example = torch.zeros(1, 784) if name == "mnist-mlp" else torch.zeros(1, 64, dtype=torch.long)
    torch.onnx.export(
        model,
        (example,),
        out,
        input_names=[input_name],
        output_names=["logits"],
        dynamic_axes={input_name: {0: "batch"}, "logits": {0: "batch"}},
        opset_version=14,
    )


def read_input(spec):
    dtype = {"i32": torch.int32, "f32": torch.float32}[spec["dtype"]]
    with open(spec["path"], "rb") as f:
        t = torch.frombuffer(bytearray(f.read()), dtype=dtype).reshape(spec["shape"])
    return t.long() if dtype == torch.int32 else t


def serve():
    task = None
    for line in sys.stdin:
        req = json.loads(line)
        if req["cmd"] == "prepare":
            model = load(req["model"], req["weights"])
            inputs = {k: read_input(v) for k, v in req["inputs"].items()}
            x = inputs[MODELS[req["model"]][1]]
            if req["task"] == "predict":
                model.eval()

                def task():
                    with torch.no_grad():
                        return model(x)

                path = req["inputs"][MODELS[req["model"]][1]]["path"] + ".torch.out"
                with open(path, "wb") as f:
                    f.write(task().numpy().astype("<f4").tobytes())
                reply = {"output": path}
            else:
                model.train()
                optimizer = torch.optim.Adam(model.parameters(), lr=req["lr"])
                target = [v for k, v in inputs.items() if k != MODELS[req["model"]][1]][0]

                def task():
                    optimizer.zero_grad()
                    logits = model(x)
                    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1))
                    loss.backward()
                    optimizer.step()
                    return loss.item()

                losses = [task(), task()]
                # The parameters after the two steps (Weft's names are PyTorch's), as raw float32 in one file.
                trained = set(read_safetensors(req["weights"]))
                path = req["inputs"][MODELS[req["model"]][1]]["path"] + ".torch.params"
                index = []
                with open(path, "wb") as f:
                    for name, value in model.state_dict().items():
                        if name not in trained:
                            continue
                        data = value.detach().numpy().astype("<f4").tobytes()
                        index.append([name, len(data) // 4])
                        f.write(data)
                reply = {"losses": losses, "params": {"path": path, "index": index}}
        elif req["cmd"] == "gemm":
            n = req["n"]
            a = read_input({"path": req["a"], "dtype": "f32", "shape": [n, n]})
            b = read_input({"path": req["b"], "dtype": "f32", "shape": [n, n]})
            # Transposed operands are views: the BLAS call reads them through its transpose flags.
            x = a.t() if req["transpose_a"] else a
            y = b.t() if req["transpose_b"] else b

            def task():
                return torch.mm(x, y)

            path = req["a"] + ".torch.out"
            with open(path, "wb") as f:
                f.write(task().numpy().astype("<f4").tobytes())
            reply = {"output": path}
        elif req["cmd"] == "time":
            start = time.perf_counter()
            for _ in range(req["reps"]):
                task()
            reply = {"seconds": time.perf_counter() - start}
        else:
            reply = {"error": f"unknown command {req['cmd']}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1] == "export":
        export(*sys.argv[2:5])
    elif sys.argv[1] == "serve":
        serve()
    else:
        sys.exit(f"usage: {sys.argv[0]} export MODEL WEIGHTS OUT.onnx | serve")
