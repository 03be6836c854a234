#!/usr/bin/env bash
# Training benchmarks, FlowCore (Swift) against PyTorch, alternating runs: Example 1 and a deep flow.
#
#   bash bench/run.sh [--target CPU] [--steps N] [--rounds R] [--threads "1 2"] [--train-args "..."] [--deep-steps N] [--no-deep] [--no-swift] [--no-torch] [--micro]
#
# The training is the report's single-layer setting (LeakyReLU, atan clamp c = 2, default init of both
# layers) unless --train-args passes other options to both programs, e.g.
# --train-args "--activation relu --clamp-kind tanh --zero-init-last" (the earlier benchmark's setting).
#
# 1. Makes sure PyTorch is importable (a venv in bench/.venv, created and filled with pip if needed).
# 2. Builds the Swift benchmark package bench/ in release for --target (default native: this CPU; x86-64-v3
#    and x86-64-v4 name the AVX2 and AVX-512 levels, built as haswell and skylake-avx512, since swiftc rejects
#    the x86-64-vN names), scratch path bench/.build-<cpu>, and measures the peak it is compared with
#    (peak-probe: the clock from a dependent-add chain and the FMA rate of this build's vector width).
# 3. Runs R rounds; each round runs the Swift trainer once (it is single-threaded) and PyTorch at
#    each thread count, alternating which goes first, so that drifts of the shared machine hit both.
#    Then the deep case (deep-bench / deep_torch.py: 12 blocks, [64, 64] subnets, batch 512), once with
#    all blocks trained and once layer-wise (last block only), Swift and PyTorch (1 thread) alternating.
# 4. Prints medians, the Swift/PyTorch ratios, GFLOP/s against peak, peak memory and held-out
#    losses (bench/summarize.py). Raw runs: bench/results/ex1-<time>.jsonl and deep-<time>.jsonl.
# 5. With --micro, also runs the ordo-one/benchmark micro-benchmark Ex1Step (mallocs per step;
#    its first build takes several minutes, and its plugin builds without -target-cpu native).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
steps=4096
rounds=3
threads="1 2"
run_swift=1
run_torch=1
run_micro=0
run_deep=1
deep_steps=200
train_args=""
target=native

usage() { sed -n '4p' "$0" | sed 's/^#   //' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --target) target="${2:?--target needs a CPU name such as native, x86-64-v3, haswell}"; shift 2 ;;
        --steps) steps="${2:?--steps needs a number}"; shift 2 ;;
        --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
        --threads) threads="${2:?--threads needs a list such as \"1 2\"}"; shift 2 ;;
        --train-args) train_args="${2?--train-args needs a (quoted) list of options}"; shift 2 ;;
        --deep-steps) deep_steps="${2:?--deep-steps needs a number}"; shift 2 ;;
        --no-deep) run_deep=0; shift ;;
        --no-swift) run_swift=0; shift ;;
        --no-torch) run_torch=0; shift ;;
        --micro) run_micro=1; shift ;;
        -h|--help) usage ;;
        *) echo "bench: unknown argument '$1'" >&2; usage ;;
    esac
done
for value in "$steps" "$rounds" "$deep_steps" $threads; do
    [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "bench: '$value' is not a positive integer" >&2; exit 2; }
done

# shellcheck source=bench/torch_env.sh
source "$here/torch_env.sh"

if [ "$run_torch" = 1 ]; then
    ensure_torch
    echo "bench: PyTorch $("$python" -c 'import torch; print(torch.__version__)')"
fi

# swiftc (LLVM) knows CPU names, not the x86-64 micro-architecture levels: build those as the oldest CPU of each.
case "$target" in
    x86-64-v3) cpu=haswell ;;
    x86-64-v4) cpu=skylake-avx512 ;;
    *) cpu="$target" ;;
esac
[[ "$cpu" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "bench: '$target' is not a CPU name" >&2; exit 2; }
swift_bin=""
deep_bin=""
peak_file=""
swift_flags=(-c release -Xswiftc -target-cpu -Xswiftc "$cpu" --package-path "$here" --scratch-path "$here/.build-$cpu")
if [ "$run_swift" = 1 ]; then
    echo "bench: building the Swift benchmark (release, -target-cpu $cpu)"
    if swift build "${swift_flags[@]}" --product ex1-bench; then
        swift_bin="$(swift build "${swift_flags[@]}" --show-bin-path)/ex1-bench"
    else
        echo "bench: the Swift benchmark did not build; running PyTorch only" >&2
    fi
    if swift build "${swift_flags[@]}" --product peak-probe; then
        peak_file="$here/results/peak-$(date -u +%Y%m%dT%H%M%SZ).json"
        mkdir -p "$here/results"
        echo "bench: measuring the clock and the FMA rate of this build (peak-probe, about 10 s)"
        "$(swift build "${swift_flags[@]}" --show-bin-path)/peak-probe" > "$peak_file"
    fi
    if [ "$run_deep" = 1 ]; then
        if swift build "${swift_flags[@]}" --product deep-bench; then
            deep_bin="$(swift build "${swift_flags[@]}" --show-bin-path)/deep-bench"
        else
            echo "bench: deep-bench did not build; running the deep case with PyTorch only" >&2
        fi
    fi
fi

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$here/results/ex1-$stamp.jsonl"
partial="$results.partial"
: > "$partial"
deep_results="$here/results/deep-$stamp.jsonl"
deep_partial="$deep_results.partial"
: > "$deep_partial"

# PyTorch's best configuration here (docs/performance.md): keep freed multi-MiB buffers in the
# heap instead of mapping and unmapping them every step.
run_torch_once() {
    local seed="$1" count="$2"
    echo "bench: round $round: PyTorch, $count thread(s)${OMP_WAIT_POLICY:+, OMP_WAIT_POLICY=$OMP_WAIT_POLICY}" >&2
    MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456 OMP_NUM_THREADS="$count" \
        "$python" "$here/ex1_torch.py" --steps "$steps" --threads "$count" --seed "$seed" $train_args >> "$partial"
}
run_swift_once() {
    local seed="$1"
    echo "bench: round $round: Swift, 1 thread" >&2
    "$swift_bin" --steps "$steps" --seed "$seed" $train_args >> "$partial"
}
# With more than one thread PyTorch's OpenMP threads spin while they wait for each other (the
# default, fastest on an idle machine) and collapse when the 2 vCPUs are shared; OMP_WAIT_POLICY=PASSIVE
# lets them sleep. Both are run and the summary compares Swift with the faster one.
run_all_torch() {
    local seed="$1" count
    for count in $threads; do
        run_torch_once "$seed" "$count"
        if [ "$count" -gt 1 ]; then OMP_WAIT_POLICY=PASSIVE run_torch_once "$seed" "$count"; fi
    done
}

# The deep case: all 12 blocks trained, then layer-wise (the last block trained, 11 frozen blocks run
# forward only). PyTorch at 1 thread with the same allocator settings as above.
run_deep_once() {
    local which="$1" seed="$2" trainable="$3"
    if [ "$which" = swift ] && [ -n "$deep_bin" ]; then
        echo "bench: round $round: deep, Swift, $trainable trained block(s)" >&2
        "$deep_bin" --steps "$deep_steps" --seed "$seed" --trainable "$trainable" >> "$deep_partial"
    fi
    if [ "$which" = torch ] && [ "$run_torch" = 1 ]; then
        echo "bench: round $round: deep, PyTorch, 1 thread, $trainable trained block(s)" >&2
        MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456 OMP_NUM_THREADS=1 \
            "$python" "$here/deep_torch.py" --steps "$deep_steps" --threads 1 --seed "$seed" --trainable "$trainable" >> "$deep_partial"
    fi
}

run_round() {
    local order="$1" seed="$2" which trainable
    for which in $order; do
        if [ "$which" = swift ] && [ -n "$swift_bin" ]; then run_swift_once "$seed"; fi
        if [ "$which" = torch ] && [ "$run_torch" = 1 ]; then run_all_torch "$seed"; fi
    done
    if [ "$run_deep" = 1 ]; then
        for trainable in 12 1; do
            for which in $order; do run_deep_once "$which" "$seed" "$trainable"; done
        done
    fi
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) = 1 ]; then run_round "swift torch" "$round"; else run_round "torch swift" "$round"; fi
done
mv "$partial" "$results"
mv "$deep_partial" "$deep_results"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

echo
summarizer="$python"
[ -x "$summarizer" ] || summarizer=python3
peak_args=()
[ -n "$peak_file" ] && peak_args=(--peak "$peak_file")
[ "$run_swift" = 1 ] && echo "bench: Swift built for -target-cpu $cpu (--target $target)"
if [ "$run_deep" = 1 ]; then
    "$summarizer" "$here/summarize.py" ${peak_args[@]+"${peak_args[@]}"} "$results" "$deep_results"
    echo "raw runs: bench/results/$(basename "$results"), bench/results/$(basename "$deep_results")"
else
    "$summarizer" "$here/summarize.py" ${peak_args[@]+"${peak_args[@]}"} "$results"
    echo "raw runs: bench/results/$(basename "$results")"
fi
echo "load average (1/5/15 min) before: $load_before, after: $load_after on $(nproc) CPUs" \
     "(above ~1 means other work shared the machine: wall times are inflated, CPU times less so)"
if [ "$run_micro" = 1 ]; then
    echo
    echo "bench: micro-benchmark Ex1Step (ordo-one/benchmark). One step = (train 48 steps - train 16 steps) / 32;"
    echo "bench: its times are without -target-cpu native (the plugin cannot pass it): read the malloc counts."
    swift package --package-path "$here" --scratch-path "$here/.build-$cpu" benchmark --target Ex1Step --no-progress
fi
if [ "$run_swift" = 1 ] && [ -z "$swift_bin" ]; then
    exit 1
fi
