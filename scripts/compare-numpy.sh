#!/usr/bin/env bash
# Times this project's training epoch beside the NumPy reference, on the same data in the same
# sitting (the machine is shared and its figures move from run to run: only ratios count):
#   scripts/compare-numpy.sh [SET ...]        (default: cifar-like mid)
# For each set and loss (svm, softmax): NumPy (numpy_ref.py, its BLAS threads), then
# `benchmark train` with 1 and 2 threads; prints one table of median seconds per epoch, the
# ratio NumPy / this project, and both sides' final train accuracy and loss.
# Environment: BENCH_DIR (make_data.py and numpy_ref.py; default ../shared/bench beside the
# repository), DATA_DIR (default bench-data in the repository; made with make_data.py when a set
# is missing), EPOCHS (default 6), REPEATS (default 3: each side runs that many times, taking
# turns, and the table shows the median run, so a burst of load on the shared machine moves one
# run, not the ratio), JSON_OUT (keep the raw JSON lines there).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
bench="${BENCH_DIR:-$repo/../shared/bench}"
data="${DATA_DIR:-$repo/bench-data}"
epochs="${EPOCHS:-6}"
repeats="${REPEATS:-3}"
sets=("$@")
[ "${#sets[@]}" -eq 0 ] && sets=(cifar-like mid)

for script in make_data.py numpy_ref.py; do
    if [ ! -f "$bench/$script" ]; then
        echo "$0: $bench/$script not found; set BENCH_DIR to the folder holding make_data.py and numpy_ref.py" >&2
        exit 1
    fi
done
for set in "${sets[@]}"; do
    if [ ! -f "$data/$set-X.npy" ] || [ ! -f "$data/$set-y.npy" ]; then
        echo "making $data/$set-X.npy and -y.npy ..." >&2
        python3 "$bench/make_data.py" --out "$data" --only "$set" >&2
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
            echo "$set $loss, run $run of $repeats: numpy, swift 1 thread, swift 2 threads ..." >&2
            python3 "$bench/numpy_ref.py" --x "$data/$set-X.npy" --y "$data/$set-y.npy" --loss "$loss" --epochs "$epochs" \
                | sed "s/^{/{\"set\": \"$set\", /" >> "$results"
            for threads in 1 2; do
                .build/release/benchmark train --x "$data/$set-X.npy" --y "$data/$set-y.npy" --loss "$loss" \
                    --epochs "$epochs" --threads "$threads" --json | sed "s/^{/{\"set\":\"$set\",/" >> "$results"
            done
        done
    done
done

python3 - "$results" "$repeats" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]

def median_run(runs):
    """The run whose median s/epoch is the median of the runs' (the lower middle one for an even count)."""
    return sorted(runs, key=lambda r: r["median_s"])[(len(runs) - 1) // 2] if runs else {}

limit = {"cifar-like": 0.033}  # PERFORMANCE.md: 6 GFLOP at the 2-thread DGEMM rate, 2.4 GB at 47 GB/s
print(f"{'set':<11} {'loss':<8} {'numpy s':>8} {'swift 1t':>9} {'swift 2t':>9} {'numpy/2t':>9} {'2t/limit':>9}"
      f"  {'acc numpy':>9} {'acc swift':>9}  {'loss numpy':>10} {'loss swift':>10}")
for key in dict.fromkeys((r["set"], r["loss"]) for r in rows):
    numpy = median_run([r for r in rows if (r["set"], r["loss"]) == key and r["impl"] == "numpy"])
    swift = {t: median_run([r for r in rows if (r["set"], r["loss"]) == key and r["impl"] == "swift" and r["threads"] == t])
             for t in (1, 2)}
    one, two = swift.get(1, {}).get("median_s", float("nan")), swift.get(2, {}).get("median_s", float("nan"))
    bound = limit.get(key[0])
    print(f"{key[0]:<11} {key[1]:<8} {numpy['median_s']:8.4f} {one:9.4f} {two:9.4f} {numpy['median_s'] / two:8.1f}x"
          f" {(f'{two / bound:8.1f}x' if bound else '       -'):>9}"
          f"  {numpy['train_accuracy']:9.4f} {swift[2]['train_accuracy']:9.4f}  {numpy['final_loss']:10.4f} {swift[2]['final_loss']:10.4f}")
print(f"median s/epoch over epochs after the warm-up (NumPy: 2..E, swift: 2..E-1, its last epoch evaluates),"
      f" median of {sys.argv[2]} runs each, taking turns; limit: 0.033 s/epoch on cifar-like (PERFORMANCE.md)")
EOF
