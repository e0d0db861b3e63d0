#!/usr/bin/python3
"""Prints what an exported module (`weft export --pytorch DIR`) predicts, in float64, as JSON.

    /usr/bin/python3 scripts/pytorch_forward.py DIR WEIGHTS DATA

For scripts/check-pytorch.ts, which compares it with Weft's reference interpreter.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
import torch  # noqa: E402
from model import MODEL, load_tensors  # noqa: E402

model = MODEL()
model.load_state_dict(load_tensors(sys.argv[2]))
model.double().eval()
data = load_tensors(sys.argv[3])
with torch.no_grad():
    outputs = model(*(data[n].double() if data[n].is_floating_point() else data[n] for n in MODEL.inputs))
outputs = outputs if isinstance(outputs, tuple) else (outputs,)
json.dump({name: o.flatten().tolist() for name, o in zip(MODEL.outputs, outputs)}, sys.stdout)
