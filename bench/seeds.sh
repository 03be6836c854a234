#!/usr/bin/env bash
# Seed robustness of the Example 1 training: how many seeds reach the Theorem 1 minimum.
#
#   bash bench/seeds.sh [--seeds "1 2 … 10"] [--steps N] [--tolerance X] [--train-args "..."] [--swift-args "..."] [--torch-args "..."] [--torch | --replay]
#
# Trains Example 1 with FlowCore (the Swift `ex1-bench`, the report's single-layer settings: width 256,
# LeakyReLU, atan clamp c = 2, default init of both layers, Adam lr 0.1 ×0.9 / 100 steps, 4096 × 4096)
# once per seed, and prints per seed the held-out ML loss on 2^16 samples, its gap to the Theorem 1
# minimum (Eq. 20, 0.1738 nats for W), the exact gap (quadrature over p, without the held-out set's
# sampling noise), whether every loss was finite, the mean ± SE of both gaps over the seeds, and finally
#   seeds within 0.03 nats: K/10
# (|gap| ≤ tolerance and finite). ex1-bench splits its generators as the report's SingleCouplingTraining
# does, so seed N should train the layer the report's Example 1 trains with seed N (not yet checked
# against a report run). With --torch (`make bench-seeds TORCH=1`), ex1_torch.py (1 thread) is run for the
# same seeds as well, installing PyTorch into bench/.venv first if it is missing (as run.sh does), and the
# summary adds the Swift − PyTorch difference of the mean gaps with its SE. With --replay, PyTorch trains
# instead on each Swift run's own initial parameters and batches (ex1-bench --dump into a temporary file of
# about 134 MB at the default size, deleted after the seed; ex1_torch.py --replay), so that the two programs
# differ only in their arithmetic, and the summary adds the per-seed (paired) difference.
# --train-args go to both programs; --swift-args only to ex1-bench (e.g. "--trainer double", "--sampler libm"),
# --torch-args only to ex1_torch.py (e.g. "--eps 1e-6").
# Raw runs: bench/results/seeds-<time>.jsonl. Exits 0 when every run completed, whatever K is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seeds="1 2 3 4 5 6 7 8 9 10"
steps=4096
tolerance=0.03
train_args=""
swift_args=""
torch_args=""
run_torch=0
replay=0

usage() { sed -n '4p' "$0" | sed 's/^#   //' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --seeds) seeds="${2:?--seeds needs a list such as \"1 2 3\"}"; shift 2 ;;
        --steps) steps="${2:?--steps needs a number}"; shift 2 ;;
        --tolerance) tolerance="${2:?--tolerance needs a number of nats}"; shift 2 ;;
        --train-args) train_args="${2?--train-args needs a (quoted) list of options}"; shift 2 ;;
        --swift-args) swift_args="${2?--swift-args needs a (quoted) list of options}"; shift 2 ;;
        --torch-args) torch_args="${2?--torch-args needs a (quoted) list of options}"; shift 2 ;;
        --torch) run_torch=1; shift ;;
        --replay) run_torch=1; replay=1; shift ;;
        -h|--help) usage ;;
        *) echo "seeds: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ "$steps" =~ ^[1-9][0-9]*$ ]] || { echo "seeds: --steps '$steps' is not a positive integer" >&2; exit 2; }
for seed in $seeds; do
    [[ "$seed" =~ ^[0-9]+$ ]] || { echo "seeds: seed '$seed' is not a non-negative integer" >&2; exit 2; }
done
[[ "$tolerance" =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "seeds: --tolerance '$tolerance' is not a number" >&2; exit 2; }

# shellcheck source=bench/torch_env.sh
source "$here/torch_env.sh"
if [ "$run_torch" = 1 ]; then
    ensure_torch
fi

echo "seeds: building the Swift benchmark (release, -target-cpu native)" >&2
swift_flags=(-c release -Xswiftc -target-cpu -Xswiftc native --package-path "$here" --scratch-path "$here/.build")
swift build "${swift_flags[@]}" --product ex1-bench >&2
swift_bin="$(swift build "${swift_flags[@]}" --show-bin-path)/ex1-bench"

mkdir -p "$here/results"
results="$here/results/seeds-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
partial="$results.partial"
: > "$partial"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
dump=""
if [ "$replay" = 1 ]; then
    dump="$(mktemp "${TMPDIR:-/tmp}/ex1-replay.XXXXXX")"
    trap 'rm -f "$dump" "$dump.loss"' EXIT
fi
for seed in $seeds; do
    echo "seeds: seed $seed, Swift" >&2
    # shellcheck disable=SC2086  # the option lists are split into words on purpose
    "$swift_bin" --steps "$steps" --seed "$seed" $train_args $swift_args ${dump:+--dump "$dump"} >> "$partial"
    if [ "$run_torch" = 1 ]; then
        echo "seeds: seed $seed, PyTorch (1 thread${dump:+, replaying the initialisation and batches of the Swift run})" >&2
        # shellcheck disable=SC2086
        MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456 OMP_NUM_THREADS=1 \
            "$python" "$here/ex1_torch.py" --steps "$steps" --threads 1 --seed "$seed" $train_args $torch_args \
            ${dump:+--replay "$dump"} >> "$partial"
    fi
done
mv "$partial" "$results"

summarizer=python3
[ -x "$python" ] && summarizer="$python"
echo "raw runs: bench/results/$(basename "$results"); load average before: $load_before," \
     "after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
"$summarizer" "$here/summarize_seeds.py" --tolerance "$tolerance" "$results"
