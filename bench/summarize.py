#!/usr/bin/env python3
"""Summarise the benchmark runs written by bench/run.sh (standard library only).

    summarize.py [--peak PEAK.json] EX1.jsonl [DEEP.jsonl]

PEAK.json (from peak-probe, built with the same -target-cpu as the trainers) gives the ISA the Swift code was
built for, the clock measured by a dependent-add chain and the FMA rate measured in that build's vector width.
The peak of one core is then lanes x 2 FMA units x 2 FLOPs x clock (the formula), unless the measured FMA rate
is lower (AMD Zen 4 runs 512-bit FMAs on two 256-bit pipes: half the formula for AVX-512); % peak uses the
lower of the two, and the formula's share is printed beside it. Without PEAK.json the peak is taken from lscpu.

The deep case (deep-bench / deep_torch.py, second file) is summarised after Example 1; its ratio
lines are printed right after Example 1's. Its FLOPs per step, H = width, L blocks, K trained:
  batch * (L * (2H^2 + 6H) + K * (4H^2 + 11H))   (forward of every block, backward of the trained ones;
  6H^2 + 17H = 25 664, about 26 kFLOP per sample per trained block at H = 64; see deep-bench)

Reads one JSON object per line (from ex1_torch.py and the Swift `ex1-bench`), groups them by
implementation and thread count, and prints medians, the Swift/PyTorch time ratio, the
GFLOP/s reached against this machine's peak, peak memory, and the held-out losses.

FLOPs of one training step (forward + backward), batch N, hidden width H, subnet 1 -> H -> 2,
counting a multiply and an add as one FLOP each:
  forward   first layer  h = p w1 + b1          2 N H
            second layer (s_raw, t) = f(h) W2 + b2      4 N H  (+ 2 N)
  backward  dW2 = f(h)^T d_out                   4 N H
            d_f(h) = d_out W2^T                  4 N H
            dw1 = d_h^T p                        2 N H
            db1 = sum over the batch of d_h      1 N H
  total     17 N H  (f = ReLU or LeakyReLU: comparisons, plus for LeakyReLU up to 2 N H multiplies by
            the slope, not counted; the coupling and loss are O(N), Adam is O(H): ignored)
"""

import json
import os
import re
import statistics
import subprocess
import sys


def flops_per_step(batch, width):
    """Hand-counted FLOPs of one forward + backward step (see the module docstring)."""
    return 17 * batch * width


def lscpu_fields():
    """`lscpu` as a dict of field -> value ({} when lscpu is missing)."""
    try:
        text = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def clock_ghz(fields):
    """Nominal clock: lscpu's max MHz, else its MHz, else /proc/cpuinfo, else BogoMIPS / 2."""
    for key in ("CPU max MHz", "CPU MHz"):
        if fields.get(key):
            return float(fields[key]) / 1000.0, f"lscpu '{key}'"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            match = re.search(r"cpu MHz\s*:\s*([0-9.]+)", cpuinfo.read())
        if match:
            return float(match.group(1)) / 1000.0, "/proc/cpuinfo 'cpu MHz' (lscpu shows none)"
    except OSError:
        pass
    if fields.get("BogoMIPS"):
        return float(fields["BogoMIPS"]) / 2000.0, "lscpu BogoMIPS / 2"
    return float("nan"), "unknown"


def float_flops_per_cycle(fields):
    """Float FLOPs per cycle per core from the vector unit, with the assumption stated.

    An FMA counts 2 FLOPs. AMD family 25 (Zen 4) executes AVX-512 on two 256-bit FMA pipes:
    16 Float FMAs = 32 FLOPs per cycle. Zen 5 (family 26) and Intel AVX-512 server cores have
    two 512-bit FMA pipes: 64. AVX2 + FMA only: 32. FLOPS_PER_CYCLE overrides.
    """
    if os.environ.get("FLOPS_PER_CYCLE"):
        return float(os.environ["FLOPS_PER_CYCLE"]), "FLOPS_PER_CYCLE from the environment"
    flags = fields.get("Flags", "").split()
    vendor, family = fields.get("Vendor ID", ""), fields.get("CPU family", "")
    if "avx512f" in flags:
        if vendor == "AuthenticAMD" and family == "25":
            return 32.0, "AMD family 25 = Zen 4: AVX-512 on 2x256-bit FMA pipes, 16 Float FMA/cycle"
        return 64.0, "AVX-512 with two 512-bit FMA pipes: 32 Float FMA/cycle"
    if "fma" in flags:
        return 32.0, "AVX2 with two 256-bit FMA pipes: 16 Float FMA/cycle"
    return 8.0, "SSE only: 4-wide add + 4-wide mul per cycle"


def machine_peak(probe=None):
    """(cores, GHz, FLOPs/cycle/core, explanation) of this machine; `probe` is peak-probe's record or None."""
    fields = lscpu_fields()
    cores = int(fields.get("Core(s) per socket", "1")) * int(fields.get("Socket(s)", "1"))
    model = fields.get("Model name", "unknown CPU")
    if probe and probe.get("clock_ghz", 0) > 0:
        ghz = probe["clock_ghz"]
        formula = probe["float_lanes"] * 2 * 2
        measured = probe["fma_flops_per_cycle"]
        per_cycle = min(formula, measured) if measured > 0 else formula
        note = (f"{model}, {cores} cores; Swift built for {probe['isa']} ({probe['float_lanes']} Float lanes, "
                f"{probe['vector_registers']} vector registers); clock {ghz:.3f} GHz measured by peak-probe (a chain "
                f"of dependent integer adds, one per cycle, over thread CPU time, best of 5); formula peak "
                f"{probe['float_lanes']} lanes x 2 FMA units x 2 FLOPs = {formula} FLOPs/cycle = {formula * ghz:.1f} "
                f"GFLOP/s; measured FMA rate {probe['fma_gflops']:.1f} GFLOP/s = {measured:.1f} FLOPs/cycle "
                f"(12 independent FMA chains); % peak uses {per_cycle:.1f} FLOPs/cycle")
        return cores, ghz, per_cycle, note
    ghz, ghz_source = clock_ghz(fields)
    per_cycle, per_cycle_source = float_flops_per_cycle(fields)
    note = f"{model}, {cores} cores; clock {ghz:.3f} GHz from {ghz_source}; {per_cycle_source}"
    return cores, ghz, per_cycle, note


def cpu_share(flops, cpu_ms, ghz, per_cycle):
    """GFLOP/s per CPU-second and its share of one core's peak, as text: the rate while the process ran, which a
    busy machine disturbs far less than wall time (time the process waited for a core does not count)."""
    gflops = flops / (cpu_ms * 1e-3) / 1e9
    return f"{gflops:.1f} = {100 * gflops / (ghz * per_cycle):.1f}%"


def formula_share(gflops, ghz, probe):
    """Share of the formula peak (lanes x 2 x 2 x clock) of one core, as text; empty without a probe."""
    if not probe or probe.get("clock_ghz", 0) <= 0:
        return ""
    return f"{100 * gflops / (probe['float_lanes'] * 4 * ghz):.1f}%"


def load(path):
    """The JSON runs of a results file; lines that are not JSON are reported and skipped."""
    runs = []
    with open(path) as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                runs.append(json.loads(line))
            except json.JSONDecodeError:
                print(f"warning: {path}:{number} is not JSON, skipped", file=sys.stderr)
    return runs


def median_of(runs, key):
    return statistics.median(run[key] for run in runs)


def group(runs):
    """{(impl, threads, variant): [runs]} in a stable order (variant: e.g. PyTorch's OMP_WAIT_POLICY)."""
    groups = {}
    for run in runs:
        groups.setdefault((run["impl"], run["threads"], run.get("variant", "")), []).append(run)
    return dict(sorted(groups.items()))


def print_table(groups, cores, ghz, per_cycle, probe=None):
    print(f"{'impl':<8} {'threads':>7} {'runs':>4} {'ms/step':>9} {'min':>7} {'max':>7} {'cpu ms':>7} "
          f"{'GFLOP/s':>8} {'% peak':>7} {'max RSS MiB':>11} {'held-out':>9} {'final':>8}  {'% formula':>9}  "
          f"{'% peak (CPU time)':>17}  variant")
    for (impl, threads, variant), runs in groups.items():
        ms = median_of(runs, "ms_per_step")
        gflops = flops_per_step(runs[0]["batch"], runs[0]["width"]) / (ms * 1e-3) / 1e9
        peak = min(threads, cores) * ghz * per_cycle
        print(f"{impl:<8} {threads:>7} {len(runs):>4} {ms:>9.3f} "
              f"{min(r['ms_per_step'] for r in runs):>7.3f} {max(r['ms_per_step'] for r in runs):>7.3f} "
              f"{median_of(runs, 'cpu_ms_per_step'):>7.3f} "
              f"{gflops:>8.2f} {100 * gflops / peak:>6.1f}% {median_of(runs, 'max_rss_mib'):>11.1f} "
              f"{median_of(runs, 'held_out_loss'):>9.4f} {median_of(runs, 'final_loss'):>8.4f}  "
              f"{formula_share(gflops / min(threads, cores), ghz, probe):>9}  "
              f"{cpu_share(runs[0]['batch'] * 17 * runs[0]['width'], median_of(runs, 'cpu_ms_per_step'), ghz, per_cycle):>17}  {variant}")


def print_ratios(groups):
    swift = {t: rs for (impl, t, _), rs in groups.items() if impl == "swift"}
    # PyTorch at each thread count in its fastest variant (median wall time).
    torch, torch_variant = {}, {}
    for (impl, t, variant), rs in groups.items():
        if impl == "pytorch" and (t not in torch or median_of(rs, "ms_per_step") < median_of(torch[t], "ms_per_step")):
            torch[t], torch_variant[t] = rs, variant
    if not swift or not torch:
        missing = "Swift" if not swift else "PyTorch"
        print(f"ratio Swift/PyTorch: not available, no {missing} runs (see the messages above)")
        return
    # The Swift trainer is single-threaded: its 1-thread time is compared with PyTorch at each count.
    swift_threads = min(swift)
    swift_ms = median_of(swift[swift_threads], "ms_per_step")
    parts = [f"{t} thread{'s' if t > 1 else ''}: {swift_ms / median_of(rs, 'ms_per_step'):.3f}"
             + (f" (PyTorch {torch_variant[t]})" if t > 1 else "")
             for t, rs in sorted(torch.items())]
    print(f"ratio Swift/PyTorch (wall time per step; Swift at {swift_threads} thread, lower is better): "
          + ", ".join(parts))
    if 1 in torch:
        cpu = median_of(swift[swift_threads], "cpu_ms_per_step") / median_of(torch[1], "cpu_ms_per_step")
        print(f"ratio Swift/PyTorch of CPU time per step at 1 thread (robust to a busy machine): {cpu:.3f}")


def print_losses(runs):
    bound = next((r["theorem1_min"] for r in runs if "theorem1_min" in r), None)
    for impl in sorted({r["impl"] for r in runs}):
        mine = [r for r in runs if r["impl"] == impl]
        held = statistics.median(r["held_out_loss"] for r in mine)
        finite = all(r.get("finite", True) for r in mine)
        gap = f", gap to Theorem 1 minimum {held - bound:+.4f}" if bound is not None else ""
        exact = [r["exact_gap"] for r in mine if "exact_gap" in r]
        exact_text = f"; exact gap (quadrature) median {statistics.median(exact):+.4f}" if exact else ""
        print(f"held-out ML loss {impl}: median {held:.4f} nats over {len(mine)} runs "
              f"(2^16 samples each{gap}){exact_text}; all losses finite: {finite}")
    if bound is not None:
        print(f"Theorem 1 minimum of the ML loss for W (Eq. 20): {bound:.4f} nats")
        # bench/README.md ("Example 1 training quality") has the spreads behind this note.
        print("note: medians over a few rounds (seeds 1, 2, 3) do not compare the training quality of the "
              "implementations: their difference has an SE of about 0.004 nats. "
              "`make bench-seeds TORCH=1` does (10 seeds, mean +- SE).")


def deep_groups(runs):
    """{(impl, trainable): [runs]} of the deep case."""
    groups = {}
    for run in runs:
        groups.setdefault((run["impl"], run["trainable"]), []).append(run)
    return dict(sorted(groups.items(), key=lambda item: (-item[0][1], item[0][0])))


def deep_ratio_lines(runs):
    """The deep case's Swift/PyTorch ratios (1 thread), all blocks trained first, then layer-wise."""
    groups = deep_groups(runs)
    lines = []
    for trainable in sorted({k for _, k in groups}, reverse=True):
        swift, torch = groups.get(("swift", trainable)), groups.get(("pytorch", trainable))
        blocks = (swift or torch)[0]["blocks"]
        name = "deep" if trainable == blocks else f"deep layer-wise ({trainable} of {blocks} blocks trained)"
        if not swift or not torch:
            lines.append(f"ratio {name} Swift/PyTorch (1 thread): not available (no {'Swift' if not swift else 'PyTorch'} runs)")
            continue
        wall = median_of(swift, "ms_per_step") / median_of(torch, "ms_per_step")
        cpu = median_of(swift, "cpu_ms_per_step") / median_of(torch, "cpu_ms_per_step")
        lines.append(f"ratio {name} Swift/PyTorch (1 thread): {wall:.3f}   (CPU time: {cpu:.3f}; "
                     f"{median_of(swift, 'ms_per_step'):.3f} vs {median_of(torch, 'ms_per_step'):.3f} ms per step)")
    return lines


def print_deep(runs, cores, ghz, per_cycle, probe=None):
    first = runs[0]
    steps = sorted({r["steps"] for r in runs})
    print(f"Deep flow: {first['blocks']} blocks of 2x2 rotation + affine coupling, subnet 1 -> {first['width']} -> "
          f"{first['width']} -> 2 (ReLU, atan clamp), batch {first['batch']}, Adam lr 1e-3, steps {steps}; "
          "medians over the alternated runs; PyTorch at 1 thread")
    print(f"{'impl':<8} {'trained':>7} {'runs':>4} {'ms/step':>9} {'min':>7} {'max':>7} {'cpu ms':>7} "
          f"{'GFLOP/s':>8} {'% peak':>7} {'max RSS MiB':>11} {'first':>8} {'final':>8}  {'% formula':>9}  {'% peak (CPU time)':>17}")
    for (impl, trainable), rs in deep_groups(runs).items():
        ms = median_of(rs, "ms_per_step")
        gflops = rs[0]["flop_per_step"] / (ms * 1e-3) / 1e9
        peak = ghz * per_cycle   # one core: both programs run one thread
        print(f"{impl:<8} {trainable:>7} {len(rs):>4} {ms:>9.3f} {min(r['ms_per_step'] for r in rs):>7.3f} "
              f"{max(r['ms_per_step'] for r in rs):>7.3f} {median_of(rs, 'cpu_ms_per_step'):>7.3f} {gflops:>8.2f} "
              f"{100 * gflops / peak:>6.1f}% {median_of(rs, 'max_rss_mib'):>11.1f} {median_of(rs, 'first_loss'):>8.4f} "
              f"{median_of(rs, 'final_loss'):>8.4f}  {formula_share(gflops, ghz, probe):>9}  "
              f"{cpu_share(rs[0]['flop_per_step'], median_of(rs, 'cpu_ms_per_step'), ghz, per_cycle):>17}")
    for trainable in sorted({r["trainable"] for r in runs}, reverse=True):
        flops = next(r["flop_per_step"] for r in runs if r["trainable"] == trainable)
        print(f"FLOPs per step with {trainable} trained block(s) = batch*(L*(2H^2+6H) + K*(4H^2+11H)) = {flops / 1e6:.2f} MFLOP")
    print(f"% peak is against one core: {ghz:.3f} GHz x {per_cycle:g} FLOPs/cycle = {ghz * per_cycle:.1f} GFLOP/s")


def training_setting(run):
    """The options that define the trained model, as one string (older runs lack the newer keys)."""
    return (f"activation {run.get('activation', 'relu')}, clamp {run.get('clamp_kind', 'tanh')}({run['clamp']:g}), "
            f"zero-init last layer {run.get('zero_init_last', True)}, steps {run['steps']}")


def print_setting(runs):
    """The training setting; a warning when the two programs did not train the same model."""
    settings = {training_setting(r) for r in runs}
    if len(settings) == 1:
        print(f"training setting (both programs): {settings.pop()}")
        return
    print("WARNING: the runs trained different settings; the comparison is not like for like:")
    for impl in sorted({r["impl"] for r in runs}):
        for setting in sorted({training_setting(r) for r in runs if r["impl"] == impl}):
            print(f"  {impl}: {setting}")


def main(argv):
    probe = None
    if len(argv) >= 2 and argv[0] == "--peak":
        with open(argv[1]) as handle:
            probe = json.loads(handle.read())
        argv = argv[2:]
    if len(argv) not in (1, 2):
        print("usage: summarize.py [--peak PEAK.json] RESULTS.jsonl [DEEP.jsonl]", file=sys.stderr)
        return 2
    runs = load(argv[0])
    deep = load(argv[1]) if len(argv) == 2 else []
    cores, ghz, per_cycle, note = machine_peak(probe)
    isas = sorted({r["isa"] for r in runs + deep if r.get("impl") == "swift" and "isa" in r})
    if isas:
        print(f"Swift kernels built for: {', '.join(isas)} (PyTorch picks its own kernels at run time)")
    print(f"peak of one core: {ghz * per_cycle:.1f} GFLOP/s. {note}")
    if not runs:
        print(f"no Example 1 runs in {argv[0]}")
        if deep:
            print_deep(deep, cores, ghz, per_cycle, probe)
            print("\n".join(deep_ratio_lines(deep)))
        return 0 if deep else 1
    groups = group(runs)
    steps = sorted({r["steps"] for r in runs})
    print(f"Example 1 training: batch {runs[0]['batch']}, width {runs[0]['width']}, steps {steps}; "
          "medians over the alternated runs")
    print_setting(runs)
    print_table(groups, cores, ghz, per_cycle, probe)
    print_ratios(groups)
    for line in deep_ratio_lines(deep):
        print(line)
    flops = flops_per_step(runs[0]["batch"], runs[0]["width"])
    print(f"FLOPs per step = 17*N*H = {flops / 1e6:.2f} MFLOP (forward + backward, see summarize.py)")
    print(f"peak Float = cores x GHz x FLOPs/cycle = {cores} x {ghz:.3f} x {per_cycle:g} = "
          f"{cores * ghz * per_cycle:.1f} GFLOP/s ({ghz * per_cycle:.1f} per core; % peak uses "
          f"min(threads, cores) cores). Assumption: {note}")
    print_losses(runs)
    for impl, what in (("pytorch", "interpreter + torch import"), ("swift", "executable + FlowCore")):
        before = [r["rss_before_training_mib"] for r in runs if r["impl"] == impl]
        if before:
            print(f"{impl} RSS before training ({what}): {statistics.median(before):.1f} MiB of its max RSS")
    if deep:
        print()
        print_deep(deep, cores, ghz, per_cycle, probe)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
