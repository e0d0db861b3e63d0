"""TinyGPT, from examples/tiny-gpt/model.weft, as `weft export --pytorch` writes it.

Its parameters have Weft's names, layouts and initialisations, so a state_dict
loads into the Weft package and back unchanged, as safetensors.
"""
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class PositionalEmbedding(nn.Module):
    """x + a learned vector per position: Weft's positional_embedding."""

    def __init__(self, max_len, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(max_len, dim))
        nn.init.normal_(self.weight)

    def forward(self, x):
        return x + self.weight[: x.shape[1]]


class Attention(nn.Module):
    """Weft's attention: nn.MultiheadAttention with q, k and v as separate nn.Linear maps."""

    def __init__(self, dim, heads, causal=False, bias=True, dropout=0.0):
        super().__init__()
        self.heads, self.causal, self.dropout = heads, causal, dropout
        self.q, self.k, self.v, self.o = (nn.Linear(dim, dim, bias=bias) for _ in range(4))
        # As nn.MultiheadAttention initialises its packed in_proj [3·dim, dim] and out_proj.
        bound = math.sqrt(6 / (dim + 3 * dim))
        for lin in (self.q, self.k, self.v):
            nn.init.uniform_(lin.weight, -bound, bound)
        for lin in (self.q, self.k, self.v, self.o):
            if bias:
                nn.init.zeros_(lin.bias)

    def forward(self, query, context=None):
        context = query if context is None else context
        (batch, n, dim), m, h = query.shape, context.shape[1], self.heads

        def split(t, length):
            return t.reshape(batch, length, h, dim // h).transpose(1, 2)

        q, k, v = split(self.q(query), n), split(self.k(context), m), split(self.v(context), m)
        scores = (q @ k.transpose(-1, -2)) * (1 / math.sqrt(dim // h))
        if self.causal:
            later = torch.ones(n, m, dtype=torch.bool, device=scores.device).triu(1)
            scores = scores.masked_fill(later, float("-inf"))
        weights = F.dropout(scores.softmax(-1), self.dropout, self.training)
        return self.o((weights @ v).transpose(1, 2).reshape(batch, n, dim))


def _put(root, name, module):
    """Registers module under a dotted name (blocks.0.attn), making the containers on the way."""
    *path, last = name.split(".")
    for part in path:
        root = root._modules.setdefault(part, nn.Module())
    root._modules[last] = module


class TinyGPT(nn.Module):
    inputs = {"tokens": "i32"}
    outputs = ["logits"]

    def __init__(self):
        super().__init__()
        _put(self, "tok_emb", nn.Embedding(96, 128))
        _put(self, "pos_emb", PositionalEmbedding(64, 128))
        _put(self, "blocks.0.ln_1", nn.LayerNorm(128, eps=0.00001, elementwise_affine=True))
        _put(self, "blocks.0.attn", Attention(128, 4, causal=True, bias=True, dropout=0.0))
        _put(self, "blocks.0.ln_2", nn.LayerNorm(128, eps=0.00001, elementwise_affine=True))
        _put(self, "blocks.0.fc", nn.Linear(128, 512, bias=True))
        _put(self, "blocks.0.proj", nn.Linear(512, 128, bias=True))
        _put(self, "blocks.1.ln_1", nn.LayerNorm(128, eps=0.00001, elementwise_affine=True))
        _put(self, "blocks.1.attn", Attention(128, 4, causal=True, bias=True, dropout=0.0))
        _put(self, "blocks.1.ln_2", nn.LayerNorm(128, eps=0.00001, elementwise_affine=True))
        _put(self, "blocks.1.fc", nn.Linear(128, 512, bias=True))
        _put(self, "blocks.1.proj", nn.Linear(512, 128, bias=True))
        _put(self, "ln_f", nn.LayerNorm(128, eps=0.00001, elementwise_affine=True))
        _put(self, "head", nn.Linear(128, 96, bias=False))

    def forward(self, tokens):
        tok_emb = self.tok_emb(tokens.long())
        pos_emb = self.pos_emb(tok_emb)
        blocks_0_ln_1 = self.get_submodule("blocks.0.ln_1")(pos_emb)
        blocks_0_attn = self.get_submodule("blocks.0.attn")(blocks_0_ln_1)
        blocks_0_mid = pos_emb + blocks_0_attn
        blocks_0_ln_2 = self.get_submodule("blocks.0.ln_2")(blocks_0_mid)
        blocks_0_fc = F.gelu(self.get_submodule("blocks.0.fc")(blocks_0_ln_2))
        blocks_0_proj = self.get_submodule("blocks.0.proj")(blocks_0_fc)
        blocks_0_out = blocks_0_mid + blocks_0_proj
        blocks_1_ln_1 = self.get_submodule("blocks.1.ln_1")(blocks_0_out)
        blocks_1_attn = self.get_submodule("blocks.1.attn")(blocks_1_ln_1)
        blocks_1_mid = blocks_0_out + blocks_1_attn
        blocks_1_ln_2 = self.get_submodule("blocks.1.ln_2")(blocks_1_mid)
        blocks_1_fc = F.gelu(self.get_submodule("blocks.1.fc")(blocks_1_ln_2))
        blocks_1_proj = self.get_submodule("blocks.1.proj")(blocks_1_fc)
        blocks_1_out = blocks_1_mid + blocks_1_proj
        ln_f = self.ln_f(blocks_1_out)
        head = self.head(ln_f)
        return head


# The model class, for scripts that take any export.
MODEL = TinyGPT


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
