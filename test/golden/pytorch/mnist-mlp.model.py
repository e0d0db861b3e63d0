"""MnistMLP, from examples/mnist-mlp/model.weft, as `weft export --pytorch` writes it.

Its parameters have Weft's names, layouts and initialisations, so a state_dict
loads into the Weft package and back unchanged, as safetensors.
"""
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def _put(root, name, module):
    """Registers module under a dotted name (blocks.0.attn), making the containers on the way."""
    *path, last = name.split(".")
    for part in path:
        root = root._modules.setdefault(part, nn.Module())
    root._modules[last] = module


class MnistMLP(nn.Module):
    inputs = {"pixels": "f32"}
    outputs = ["scores"]

    def __init__(self):
        super().__init__()
        _put(self, "fc1", nn.Linear(784, 256, bias=True))
        _put(self, "fc2", nn.Linear(256, 256, bias=True))
        _put(self, "out", nn.Linear(256, 10, bias=True))

    def forward(self, pixels):
        fc1 = F.relu(self.fc1(pixels))
        fc2 = F.relu(self.fc2(fc1))
        add = fc1 + fc2
        out = self.out(add)
        return out


# The model class, for scripts that take any export.
MODEL = MnistMLP


def load_tensors(path):
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
