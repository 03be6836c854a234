#!/usr/bin/env python3
"""Summarise bench/seeds.sh: per seed the held-out ML loss and its gap to the Theorem 1 minimum.

Reads the JSON lines of ex1-bench / ex1_torch.py (standard library only). A seed counts as reaching
the minimum when every training loss and the held-out loss are finite and the held-out loss lies
within the tolerance of the Theorem 1 minimum (Eq. 20; 0.1738 nats for W) on either side: the
held-out mean on 2^16 samples has a standard error of about 0.003 nats, so a loss far below the
minimum would mean a wrong evaluation, not a good training.
The last line is `seeds within X nats: K/N` for the Swift runs (FlowCore, the report's trainer).
"""

import argparse
import json
import math
import sys

NAMES = {"swift": "Swift", "pytorch": "PyTorch"}


def load(path):
    """The JSON runs of a results file, in order."""
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


def reached(run, tolerance):
    """(gap, finite, within) of one run."""
    gap = run["held_out_loss"] - run["theorem1_min"]
    finite = bool(run.get("finite", True)) and math.isfinite(run["held_out_loss"])
    return gap, finite, finite and abs(gap) <= tolerance


def summarise(runs, tolerance):
    """Prints the per-seed table and one count line per implementation, Swift last."""
    bound = runs[0]["theorem1_min"]
    setting = runs[0]
    print(f"Example 1 (W density), {setting['steps']} steps x {setting['batch']} samples, width {setting['width']}, "
          f"{setting.get('activation', 'relu')}, clamp {setting.get('clamp_kind', 'tanh')}({setting['clamp']:g}), "
          f"zero-init last layer {setting.get('zero_init_last', True)}; "
          f"held-out ML loss on {setting['held_out_count']} samples; Theorem 1 minimum {bound:.4f} nats")
    print(f"{'impl':<8} {'seed':>4} {'held-out':>9} {'gap':>8} {'finite':>6} {'within':>6} {'ms/step':>8}")
    for run in runs:
        gap, finite, within = reached(run, tolerance)
        print(f"{run['impl']:<8} {run['seed']:>4} {run['held_out_loss']:>9.4f} {gap:>+8.4f} {str(finite).lower():>6}  "
              f"{'yes' if within else 'NO':>6} {run['ms_per_step']:>8.3f}")
    impls = sorted({r["impl"] for r in runs}, key=lambda impl: impl == "swift")
    for impl in impls:
        mine = [r for r in runs if r["impl"] == impl]
        results = [reached(r, tolerance) for r in mine]
        count = sum(within for _, _, within in results)
        largest = max(abs(gap) for gap, _, _ in results)
        label = "" if impl == "swift" else f" ({NAMES.get(impl, impl)})"
        if impl == "swift":
            print(f"Swift largest |gap| {largest:.4f} nats; all finite: {all(f for _, f, _ in results)}")
        else:
            print(f"{NAMES.get(impl, impl)} largest |gap| {largest:.4f} nats")
        print(f"seeds within {tolerance:g} nats{label}: {count}/{len(mine)}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tolerance", type=float, default=0.03, help="nats from the Theorem 1 minimum")
    parser.add_argument("results", help="JSON lines written by bench/seeds.sh")
    args = parser.parse_args(argv)
    runs = load(args.results)
    if not runs:
        print(f"error: no runs in {args.results}", file=sys.stderr)
        return 1
    summarise(runs, args.tolerance)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
