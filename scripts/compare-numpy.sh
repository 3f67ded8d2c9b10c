#!/usr/bin/env bash
# Times this project's training epoch beside the NumPy reference, on the same data in the same
# sitting (on a shared machine the figures move from run to run: only ratios count). Works from a
# clone: the data generator and the NumPy reference are in scripts/bench/.
#
#   scripts/compare-numpy.sh [SET ...]        (default: cifar-like mid small-step)
#
# For each set and loss (svm, softmax): NumPy (scripts/bench/numpy_reference.py, with its BLAS
# threads), then `benchmark train` with 1 thread and with the default thread count (TRAINER_THREADS
# or the cores this process may use); one table of median seconds per epoch, the ratio NumPy / this
# project, and both sides' final training accuracy and loss. Needs python3 with NumPy.
#
# Environment: DATA_DIR (default bench-data in the repository; a missing set is made there with
# scripts/bench/make_data.py, cifar-like is 1.2 GB), EPOCHS (default 6), REPEATS (default 3: each
# side runs that many times, taking turns, and the table shows the median run, so a burst of load
# on the shared machine moves one run, not the ratio), JSON_OUT (keep the raw JSON lines there).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
bench="$repo/scripts/bench"
data="${DATA_DIR:-$repo/bench-data}"
epochs="${EPOCHS:-6}"
repeats="${REPEATS:-3}"
sets=("$@")
[ "${#sets[@]}" -eq 0 ] && sets=(cifar-like mid small-step)

for set in "${sets[@]}"; do
    if [ ! -f "$data/$set-X.npy" ] || [ ! -f "$data/$set-y.npy" ]; then
        echo "making $data/$set-X.npy and -y.npy ..." >&2
        python3 "$bench/make_data.py" --out "$data" --sets "$set" >&2
    fi
done

cd "$repo"
swift build -c release --product benchmark >&2
results="${JSON_OUT:-$(mktemp)}"
: > "$results"
# NumPy's fastest kernel: OpenBLAS picks AVX-512 itself when these are unset.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
for set in "${sets[@]}"; do
    for loss in svm softmax; do
        for run in $(seq "$repeats"); do
            echo "$set $loss, run $run of $repeats: numpy, then swift on 1 thread and the default ..." >&2
            python3 "$bench/numpy_reference.py" --x "$data/$set-X.npy" --y "$data/$set-y.npy" --loss "$loss" --epochs "$epochs" \
                | sed "s/^{/{\"set\": \"$set\", /" >> "$results"
            .build/release/benchmark train --x "$data/$set-X.npy" --y "$data/$set-y.npy" --loss "$loss" \
                --epochs "$epochs" --conditions quiet --json | sed "s/^{/{\"set\":\"$set\",/" >> "$results"
        done
    done
done

python3 - "$results" "$repeats" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]

def median_run(runs):
    """The run whose median s/epoch is the median of the runs' (the lower middle one for an even count)."""
    return sorted(runs, key=lambda r: r["median_s"])[(len(runs) - 1) // 2] if runs else {}

# cifar-like: 6 GFLOP per epoch at the 2-thread DGEMM rate, or 2.4 GB at ~47 GB/s (docs/performance.md)
limit = {"cifar-like": 0.033}
many = max(r["threads"] for r in rows if r["impl"] == "swift")
print(f"{'set':<11} {'loss':<8} {'numpy s':>8} {'swift 1t':>9} {f'swift {many}t':>9} {f'numpy/{many}t':>9} {f'{many}t/limit':>9}"
      f"  {'acc numpy':>9} {'acc swift':>9}  {'loss numpy':>10} {'loss swift':>10}")
for key in dict.fromkeys((r["set"], r["loss"]) for r in rows):
    same = [r for r in rows if (r["set"], r["loss"]) == key]
    numpy = median_run([r for r in same if r["impl"] == "numpy"])
    swift = {t: median_run([r for r in same if r["impl"] == "swift" and r["threads"] == t]) for t in (1, many)}
    one, best = swift[1].get("median_s", float("nan")), swift[many].get("median_s", float("nan"))
    bound = limit.get(key[0])
    print(f"{key[0]:<11} {key[1]:<8} {numpy['median_s']:8.4f} {one:9.4f} {best:9.4f} {numpy['median_s'] / best:8.1f}x"
          f" {(f'{best / bound:8.1f}x' if bound else '       -'):>9}"
          f"  {numpy['train_accuracy']:9.4f} {swift[many]['train_accuracy']:9.4f}  {numpy['final_loss']:10.4f} {swift[many]['final_loss']:10.4f}")
print(f"median s/epoch of the epochs after the warm-up (NumPy: 2..E, swift: 2..E-1, its last epoch evaluates),"
      f" median of {sys.argv[2]} runs each, taking turns; limit: 0.033 s/epoch on cifar-like")
EOF
