#!/usr/bin/env python3
"""Summarise bench/seeds.sh: per seed the held-out ML loss and its gap to the Theorem 1 minimum.

Reads the JSON lines of ex1-bench / ex1_torch.py (standard library only). A seed counts as reaching
the minimum when every training loss and the held-out loss are finite and the held-out loss lies
within the tolerance of the Theorem 1 minimum (Eq. 20; 0.1738 nats for W) on either side: the
held-out mean on 2^16 samples has a standard error of about 0.003 nats, so a loss far below the
minimum would mean a wrong evaluation, not a good training.
Per implementation it also prints the mean and standard error over seeds of the held-out gap and of the
exact gap (`exact_gap`: the trained layer's gap by quadrature over p, without the held-out set's sampling
noise of about 0.003 nats per run), the held-out gap minus that of Lemma 1's optimal layer on the same
samples (`held_out_optimal_gap`, expectation 0: the held-out set's luck, which a few runs do not average
away), and with both implementations the difference of the means with its SE.
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


def mean_se(values):
    """(mean, standard error of the mean) of a list; SE is nan for fewer than 2 values."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, float("nan")
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(var / n)


def gap_lines(runs):
    """Mean ± SE over seeds of the held-out and the exact gap per implementation, and Swift − PyTorch."""
    impls = sorted({r["impl"] for r in runs}, key=lambda impl: impl == "swift")
    means = {}
    for impl in impls:
        mine = [r for r in runs if r["impl"] == impl]
        held = mean_se([r["held_out_loss"] - r["theorem1_min"] for r in mine])
        exact_runs = [r["exact_gap"] for r in mine if "exact_gap" in r]
        exact = mean_se(exact_runs) if exact_runs else None
        paired = [r["held_out_loss"] - r["theorem1_min"] - r["held_out_optimal_gap"] for r in mine
                  if "held_out_optimal_gap" in r]
        luck = mean_se([r["held_out_optimal_gap"] for r in mine if "held_out_optimal_gap" in r]) if paired else None
        means[impl] = (held, exact, len(mine))
        text = f"{NAMES.get(impl, impl)} mean gap over {len(mine)} seeds: held-out {held[0]:+.4f} ± {held[1]:.4f}"
        if exact:
            text += f", exact {exact[0]:+.4f} ± {exact[1]:.4f}"
        if paired:
            cv = mean_se(paired)
            text += (f", held-out minus the optimal layer's on the same samples {cv[0]:+.4f} ± {cv[1]:.4f}"
                     f" (the held-out sets' luck: {luck[0]:+.4f} ± {luck[1]:.4f})")
        print(text + " (± SE)")
    if "swift" in means and "pytorch" in means:
        (hs, es, _), (ht, et, _) = means["swift"], means["pytorch"]
        text = f"Swift - PyTorch: held-out {hs[0] - ht[0]:+.4f} ± {math.hypot(hs[1], ht[1]):.4f}"
        if es and et:
            text += f", exact {es[0] - et[0]:+.4f} ± {math.hypot(es[1], et[1]):.4f}"
        print(text)
        paired = paired_differences(runs)
        if paired:
            mean, se = mean_se(paired)
            print(f"Swift - PyTorch on the same initialisation and batches (--replay), paired by seed over "
                  f"{len(paired)} seeds: exact gap {mean:+.4f} ± {se:.4f}")


def paired_differences(runs):
    """Per seed, Swift's exact gap minus that of PyTorch replaying the same Swift run (empty without replays)."""
    swift = {r["seed"]: r for r in runs if r["impl"] == "swift" and "exact_gap" in r}
    return [swift[r["seed"]]["exact_gap"] - r["exact_gap"] for r in runs
            if r["impl"] == "pytorch" and r.get("replay") and r["seed"] in swift and "exact_gap" in r]


def summarise(runs, tolerance):
    """Prints the per-seed table and one count line per implementation, Swift last."""
    bound = runs[0]["theorem1_min"]
    setting = runs[0]
    print(f"Example 1 (W density), {setting['steps']} steps x {setting['batch']} samples, width {setting['width']}, "
          f"{setting.get('activation', 'relu')}, clamp {setting.get('clamp_kind', 'tanh')}({setting['clamp']:g}), "
          f"zero-init last layer {setting.get('zero_init_last', True)}; "
          f"held-out ML loss on {setting['held_out_count']} samples; Theorem 1 minimum {bound:.4f} nats")
    print(f"{'impl':<8} {'seed':>4} {'held-out':>9} {'gap':>8} {'exact':>8} {'finite':>6} {'within':>6} {'ms/step':>8}")
    for run in runs:
        gap, finite, within = reached(run, tolerance)
        exact = f"{run['exact_gap']:>+8.4f}" if "exact_gap" in run else f"{'':>8}"
        print(f"{run['impl']:<8} {run['seed']:>4} {run['held_out_loss']:>9.4f} {gap:>+8.4f} {exact} {str(finite).lower():>6}  "
              f"{'yes' if within else 'NO':>6} {run['ms_per_step']:>8.3f}")
    gap_lines(runs)
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
