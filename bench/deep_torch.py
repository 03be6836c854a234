#!/usr/bin/env python3
"""PyTorch reference for the deep-flow benchmark (bench/Sources/deep-bench), same network and JSON keys.

* Flow: L = 12 blocks in 2D; block l = a fixed random 2x2 rotation Q_l (Haar on SO(2)), then an affine
  coupling with x[0] passive: subnet Linear(1, H) -> ReLU -> Linear(H, H) -> ReLU -> Linear(H, 2) giving
  (s_raw, t) (PyTorch's default nn.Linear initialisation, H = 64), s = c (2/pi) atan(s_raw / c) with
  c = 2, a' = a exp(s) + t, log|det| = s.
* Loss: mean over the batch of 1/2 |z|^2 - sum_l s_l (ML loss, nats, constant dropped).
* Data: fresh two-moons samples every step (scaled as FlowCore's ToyDensity .moons), batch 512.
* Adam lr 1e-3; the last K blocks are trained (default all), the earlier ones run forward under no_grad
  (layer-wise training when K = 1). float32, torch.set_num_threads(threads).

FLOPs per step (same as deep-bench): batch * (L * (2H^2 + 6H) + K * (4H^2 + 11H)), i.e. 6H^2 + 17H
= 25 664 (about 26 k) FLOPs per sample per trained block at H = 64.
Prints one JSON object: ms per step (after --warmup untimed steps), GFLOP/s, losses, peak RSS.
"""

import argparse
import json
import math
import os
import resource
import sys
import time

import torch


def moons(n, generator):
    """Two moons with noise 0.1, centred and scaled as FlowCore's ToyDensity(.moons)."""
    t = math.pi * torch.rand(n, generator=generator)
    outer = torch.rand(n, generator=generator) < 0.5
    x = torch.where(outer, torch.cos(t), 1 - torch.cos(t))
    y = torch.where(outer, torch.sin(t), 0.5 - torch.sin(t))
    x = x + 0.1 * torch.randn(n, generator=generator)
    y = y + 0.1 * torch.randn(n, generator=generator)
    return math.sqrt(2.0) * torch.stack([x - 0.5, y - 0.25], dim=1)


class Block(torch.nn.Module):
    """x -> coupling(Q x): rows rotated by a fixed Q, then the affine coupling with x[0] passive."""

    def __init__(self, width, clamp, generator):
        super().__init__()
        angle = 2 * math.pi * float(torch.rand(1, generator=generator))
        q = torch.tensor([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        self.register_buffer("qt", q.t().contiguous())
        self.subnet = torch.nn.Sequential(torch.nn.Linear(1, width), torch.nn.ReLU(),
                                          torch.nn.Linear(width, width), torch.nn.ReLU(), torch.nn.Linear(width, 2))
        self.clamp = clamp

    def forward(self, x):
        x = x @ self.qt
        p, a = x[:, 0:1], x[:, 1:2]
        out = self.subnet(p)
        s = (self.clamp * 2.0 / math.pi) * torch.atan(out[:, 0:1] / self.clamp)
        return torch.cat([p, a * torch.exp(s) + out[:, 1:2]], dim=1), s.squeeze(1)


def flops_per_step(batch, width, blocks, trainable):
    return batch * (blocks * (2 * width * width + 6 * width) + trainable * (4 * width * width + 11 * width))


def run(args):
    torch.manual_seed(args.seed)
    init_rng = torch.Generator().manual_seed(args.seed)
    data_rng = torch.Generator().manual_seed(args.seed + 1)
    blocks = torch.nn.ModuleList(Block(args.width, args.clamp, init_rng) for _ in range(args.blocks))
    first_trained = args.blocks - args.trainable
    for b, block in enumerate(blocks):
        block.requires_grad_(b >= first_trained)
    optimizer = torch.optim.Adam([p for b in blocks[first_trained:] for p in b.parameters()], lr=args.lr)

    def step():
        x = moons(args.batch, data_rng)
        log_det = torch.zeros(args.batch)
        with torch.no_grad():
            for block in blocks[:first_trained]:
                x, s = block(x)
                log_det = log_det + s
        for block in blocks[first_trained:]:
            x, s = block(x)
            log_det = log_det + s
        loss = (0.5 * (x * x).sum(dim=1) - log_det).mean()
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
        return loss.detach()

    for _ in range(args.warmup):
        step()
    rss_before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    losses = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.steps):
        losses.append(step())
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    history = torch.stack(losses).double()
    flops = flops_per_step(args.batch, args.width, args.blocks, args.trainable)
    ms = 1000.0 * seconds / args.steps
    return {
        "impl": "pytorch",
        "case": "deep",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "variant": "OMP_WAIT_POLICY=" + os.environ.get("OMP_WAIT_POLICY", "default"),
        "steps": args.steps,
        "batch": args.batch,
        "width": args.width,
        "blocks": args.blocks,
        "trainable": args.trainable,
        "seed": args.seed,
        "flop_per_step": float(flops),
        "seconds": seconds,
        "ms_per_step": ms,
        "cpu_ms_per_step": 1000.0 * cpu_seconds / args.steps,
        "gflops": flops / (ms * 1e-3) / 1e9,
        "first_loss": float(history[0]),
        "final_loss": float(history[-1]),
        "finite": bool(torch.isfinite(history).all()),
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "rss_before_training_mib": rss_before_kib / 1024.0,
    }


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--blocks", type=int, default=12)
    parser.add_argument("--trainable", type=int, default=None, help="train the last K blocks (default: all)")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--clamp", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.trainable is None:
        args.trainable = args.blocks
    for name in ("steps", "warmup", "batch", "width", "blocks", "trainable", "threads"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.trainable > args.blocks:
        parser.error("--trainable must be at most --blocks")
    return args


def main(argv):
    args = parse(argv)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main(sys.argv[1:])
