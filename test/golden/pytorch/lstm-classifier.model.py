"""SpamLSTM, from examples/lstm-classifier/model.weft, as `weft export --pytorch` writes it.

Its parameters have Weft's names, layouts and initialisations, so a state_dict
loads into the Weft package and back unchanged, as safetensors.
"""
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def recurrent(module, x, state, return_sequences, return_state):
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


def _put(root, name, module):
    """Registers module under a dotted name (blocks.0.attn), making the containers on the way."""
    *path, last = name.split(".")
    for part in path:
        root = root._modules.setdefault(part, nn.Module())
    root._modules[last] = module


class SpamLSTM(nn.Module):
    inputs = {"tokens": "i32"}
    outputs = ["logits"]

    def __init__(self):
        super().__init__()
        _put(self, "embedding", nn.Embedding(10000, 64))
        _put(self, "lstm", nn.LSTM(64, 64, num_layers=1, bias=True, batch_first=True, dropout=0.0, bidirectional=False))
        _put(self, "dense", nn.Linear(64, 2, bias=True))

    def forward(self, tokens):
        embedding = self.embedding(tokens.long())
        lstm = recurrent(self.lstm, embedding, None, False, False)
        dropout = F.dropout(lstm, 0.2, self.training)
        dense = self.dense(dropout)
        return dense


# The model class, for scripts that take any export.
MODEL = SpamLSTM


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
