#!/usr/bin/env python3
"""PyTorch reference for the Example 1 training (paper Example 1, DESIGN.md stage `ex1`).

The same training as the Swift benchmark (`bench/Sources/ex1-bench`), step for step:

* Data: the W density. p ~ U[-2, 2], a | p ~ N(m(p), sigma(p)) with
  m(p) = cos(pi p) / 2 and sigma(p) = (3 - cos(8 pi p / 3)) / 8   (paper Eq. 13).
  A fresh batch of 4096 samples is drawn every step (the paper's protocol).
* Model: one affine coupling (paper Eq. 5) with p passive and a active.
  Subnet p -> Linear(1, 256) -> LeakyReLU(0.01) -> Linear(256, 2) -> (s_raw, t), PyTorch's default
  initialisation of both layers (--zero-init-last zeroes the last one, so the coupling starts as the
  identity; --activation relu for ReLU);
  s = c * (2/pi) * atan(s_raw / c) (soft clamp, c = 2, FlowCore's `SoftClamp.atan(2)`;
  --clamp-kind tanh gives c * tanh(s_raw / c)); a' = a * exp(s) + t.
  The defaults are the report's single-layer settings (Paper.SingleCouplingSettings.paper).
* Loss (DESIGN.md): mean over the batch of 1/2 p^2 + 1/2 a'^2 - s   (paper Eq. 8, nats,
  the constant D/2 log 2 pi dropped).
* Optimiser: Adam, lr 0.1, betas (0.9, 0.999), eps 1e-8, weight decay 0;
  StepLR x0.9 every 100 steps. 4096 steps.
* float32 throughout; the held-out loss is accumulated in float64 on 2^16 samples.

Prints one JSON object on stdout: ms per step, final training loss, held-out loss, the
Theorem 1 minimum of the loss, the exact gap to it (`exact_gap`), the optimal layer's gap on the
same held-out samples (`held_out_optimal_gap`, the held-out set's luck), peak resident memory.
`--replay FILE` trains on a Swift run's initial parameters and batches (ex1-bench --dump FILE).
"""

import argparse
import copy
import json
import math
import os
import resource
import sys
import time

import torch


def w_sample(n, generator):
    """Draw n samples of the W density as (p, a), each an (n, 1) float32 tensor."""
    p = torch.rand(n, 1, generator=generator) * 4.0 - 2.0
    mean = 0.5 * torch.cos(math.pi * p)
    std = (3.0 - torch.cos((8.0 * math.pi / 3.0) * p)) / 8.0
    a = mean + std * torch.randn(n, 1, generator=generator)
    return p, a


class Coupling(torch.nn.Module):
    """A single affine coupling a' = a * exp(s(p)) + t(p) with a soft-clamped s."""

    def __init__(self, width, clamp, clamp_kind="atan", activation="leaky_relu"):
        super().__init__()
        hidden = ACTIVATIONS[activation]()
        self.subnet = torch.nn.Sequential(torch.nn.Linear(1, width), hidden, torch.nn.Linear(width, 2))
        self.clamp = clamp
        self.clamp_kind = clamp_kind

    def soft_clamp(self, s_raw):
        """s = c tanh(s_raw / c) or c (2/pi) atan(s_raw / c); s_raw itself when c = 0."""
        c = self.clamp
        if c <= 0:
            return s_raw
        if self.clamp_kind == "atan":
            return (c * 2.0 / math.pi) * torch.atan(s_raw / c)
        return c * torch.tanh(s_raw / c)

    def loss(self, p, a):
        """Mean ML loss 1/2 p^2 + 1/2 a'^2 - s over the batch (paper Eq. 8)."""
        out = self.subnet(p)
        s_raw, t = out[:, 0:1], out[:, 1:2]
        s = self.soft_clamp(s_raw)
        a_out = a * torch.exp(s) + t
        return (0.5 * p * p + 0.5 * a_out * a_out - s).mean()


# Hidden nonlinearities shared with FlowCore; LeakyReLU's default negative slope 0.01 is FlowCore's.
ACTIVATIONS = {"relu": torch.nn.ReLU, "leaky_relu": torch.nn.LeakyReLU}


def zero_last_layer(model):
    """Start at the identity map (s = t = 0), as FlowCore's MLP does by default (`zeroLastLayer`)."""
    with torch.no_grad():
        model.subnet[2].weight.zero_()
        model.subnet[2].bias.zero_()


def theorem1_minimum(points=200_000):
    """Minimum ML loss for W (Theorem 1 / Eq. 20): E[p^2/2] + 1/2 + E_p[log sigma(p)].

    At the optimum a' ~ N(0, 1) (contributing 1/2) and s = -log sigma(p). E[p^2/2] = 2/3 for
    p ~ U[-2, 2]; E[log sigma] by the midpoint rule on `points` cells (error far below 1e-6).
    """
    total = 0.0
    for i in range(points):
        p = -2.0 + 4.0 * (i + 0.5) / points
        total += math.log((3.0 - math.cos(8.0 * math.pi / 3.0 * p)) / 8.0)
    return 2.0 / 3.0 + 0.5 + total / points


def exact_gap(model, cells=1 << 16):
    """The trained layer's loss minus the Theorem 1 minimum, without sampling noise (float64).

    For W the pushed conditional of a given p is N(e^s m + t, e^s sigma), so the gap is
    E_p[KL(N(e^s m + t, e^s sigma) || N(0, 1))] = E_p[(mu'^2 + sigma'^2 - 1) / 2 - s - log sigma],
    here by the midpoint rule over p in [-2, 2] with the subnet evaluated in float64. It is the
    held-out gap's expectation: the held-out estimate adds sampling noise of about 0.003 nats.
    """
    with torch.no_grad():
        p = (-2.0 + 4.0 * (torch.arange(cells, dtype=torch.float64) + 0.5) / cells).unsqueeze(1)
        out = copy.deepcopy(model.subnet).double()(p)
        s = model.soft_clamp(out[:, 0:1])
        t = out[:, 1:2]
        mean = 0.5 * torch.cos(math.pi * p)
        std = (3.0 - torch.cos((8.0 * math.pi / 3.0) * p)) / 8.0
        mu, sd = torch.exp(s) * mean + t, torch.exp(s) * std
        return float((0.5 * (mu * mu + sd * sd - 1.0) - s - torch.log(std)).mean())


def held_out_loss(model, generator, count, chunk=4096):
    """Mean ML loss on `count` fresh samples, accumulated in float64, and on the same samples the loss of
    Lemma 1's optimal layer (a' = (a - m(p)) / sigma(p), s = -log sigma(p)) minus the Theorem 1 minimum:
    its expectation is 0, so it is the held-out set's own luck, shared by every layer evaluated on it."""
    total = optimal = 0.0
    with torch.no_grad():
        for start in range(0, count, chunk):
            n = min(chunk, count - start)
            p, a = w_sample(n, generator)
            total += float(model.loss(p, a)) * n
            p, a = p.double(), a.double()
            std = (3.0 - torch.cos((8.0 * math.pi / 3.0) * p)) / 8.0
            z = (a - 0.5 * torch.cos(math.pi * p)) / std
            optimal += float((0.5 * p * p + 0.5 * z * z + torch.log(std)).sum())
    return total / count, optimal / count - theorem1_minimum()


def replayed(model, path, steps, batch):
    """Loads a Swift run's dump (ex1-bench --dump): sets the initial parameters, returns a batch iterator.

    The file holds float32 values: the flat parameters [W0, b0, W1, b1] (nn.Linear's layouts), then
    each step's batch as rows (p, a). Nothing is drawn from torch's generators.
    """
    import numpy
    layers = [model.subnet[0].weight, model.subnet[0].bias, model.subnet[2].weight, model.subnet[2].bias]
    count = sum(t.numel() for t in layers)
    data = numpy.memmap(path, dtype="<f4", mode="r")
    if data.size != count + steps * batch * 2:
        raise SystemExit(f"--replay {path}: {data.size} values, expected {count + steps * batch * 2}")
    with torch.no_grad():
        offset = 0
        for t in layers:
            t.copy_(torch.from_numpy(numpy.array(data[offset:offset + t.numel()])).view_as(t))
            offset += t.numel()
    batches = data[count:].reshape(steps, batch, 2)

    def draw(_n, _generator):
        rows = torch.from_numpy(numpy.array(batches[draw.step]))
        draw.step += 1
        return rows[:, 0:1], rows[:, 1:2]
    draw.step = 0
    return draw


def train(args):
    """Run the Example 1 training; return the measurements as a dict."""
    torch.manual_seed(args.seed)
    data_rng = torch.Generator().manual_seed(args.seed + 1)
    model = Coupling(args.width, args.clamp, args.clamp_kind, args.activation)
    if args.zero_init_last:
        zero_last_layer(model)
    sample = replayed(model, args.replay, args.steps, args.batch) if args.replay else w_sample
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=0.0, eps=args.eps)
    schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size=args.decay_every, gamma=args.gamma)
    rss_before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    losses = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(args.steps):
        p, a = sample(args.batch, data_rng)
        loss = model.loss(p, a)
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        optimizer.step()
        schedule.step()
        losses.append(loss.detach())
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    history = torch.stack(losses).double()
    if args.loss_out:
        with open(args.loss_out, "w") as handle:
            handle.write("\n".join(repr(float(v)) for v in history))
    finite = bool(torch.isfinite(history).all())
    eval_rng = torch.Generator().manual_seed(args.seed + 1_000_003)
    held_out, held_out_optimal_gap = held_out_loss(model, eval_rng, args.held_out)
    return {
        "impl": "pytorch",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "variant": "OMP_WAIT_POLICY=" + os.environ.get("OMP_WAIT_POLICY", "default"),
        "steps": args.steps,
        "batch": args.batch,
        "width": args.width,
        "clamp": args.clamp,
        "clamp_kind": args.clamp_kind,
        "activation": args.activation,
        "zero_init_last": args.zero_init_last,
        "seed": args.seed,
        "replay": args.replay,
        "epsilon": args.eps,
        "seconds": seconds,
        "ms_per_step": 1000.0 * seconds / args.steps,
        "cpu_ms_per_step": 1000.0 * cpu_seconds / args.steps,
        "final_loss": float(history[-1]),
        "mean_loss_last100": float(history[-100:].mean()),
        "finite": finite,
        "held_out_loss": held_out,
        "held_out_optimal_gap": held_out_optimal_gap,
        "held_out_count": args.held_out,
        "exact_gap": exact_gap(model),
        "theorem1_min": theorem1_minimum(),
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "rss_before_training_mib": rss_before_kib / 1024.0,
    }


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=4096)
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--width", type=int, default=256)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--gamma", type=float, default=0.9)
    parser.add_argument("--decay-every", type=int, default=100)
    parser.add_argument("--clamp", type=float, default=2.0, help="c of the soft clamp; 0 = no clamp")
    parser.add_argument("--clamp-kind", choices=("tanh", "atan"), default="atan",
                        help="atan: s = c (2/pi) atan(s_raw / c) (the report's); tanh: s = c tanh(s_raw / c)")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="leaky_relu",
                        help="hidden nonlinearity (LeakyReLU slope 0.01, as FlowCore's)")
    parser.add_argument("--zero-init-last", action=argparse.BooleanOptionalAction, default=False,
                        help="zero the subnet's last layer so training starts at the identity "
                             "(default off: PyTorch's default init of both layers, as the report)")
    parser.add_argument("--eps", type=float, default=1e-8, help="Adam's epsilon")
    parser.add_argument("--replay", help="train on a Swift run's initial parameters and batches (ex1-bench --dump FILE)")
    parser.add_argument("--loss-out", help="write the training loss of every step to this file")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--held-out", type=int, default=1 << 16)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for name in ("steps", "batch", "width", "decay_every", "threads", "held_out"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    return args


def main(argv):
    args = parse(argv)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    print(json.dumps(train(args)))


if __name__ == "__main__":
    main(sys.argv[1:])
