"""Trains MnistMLP as the train section of examples/mnist-mlp/model.weft says (cross_entropy, adam),
on one process or on many under torchrun, as `weft export --pytorch` writes it:

    python3 train.py --data data.safetensors --weights weights.safetensors --out trained.safetensors
    torchrun --nproc_per_node 4 train.py --data data.safetensors --out trained.safetensors

--data holds one tensor per model input and training target, rows along the first
axis (`weft export --pytorch DIR --data` writes the spec's data so). Under torchrun each
process takes an equal share of every global batch and DistributedDataParallel averages
the gradients (gloo on CPUs, nccl on GPUs); a last batch too small to share is dropped.
"""
import argparse
import json
import math
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F

from model import MODEL, load_tensors, save_tensors

BATCH_SIZE = 128
EPOCHS = 10
SEED = 0
CLIP_GRAD_NORM = None
TARGETS = {"digit": "i32"}


def loss_of(outputs, batch):
    return F.cross_entropy(outputs.flatten(0, -2), batch["digit"].flatten().long(), ignore_index=-100, label_smoothing=0.1)


def make_optimizer(params):
    return torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.0)


def lr_at(k, lr):
    """The learning rate of the step after k steps done, warmup included."""
    return lr


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
