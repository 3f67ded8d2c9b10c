#!/usr/bin/env bash
# Times `benchmark train` of two revisions of this repository on one set, taking turns, and prints
# the median of the per-round ratios (new ÷ base) and the ratio of the two fastest runs. On a shared
# machine a sitting moves the median ratio by several per cent; the fastest runs move less.
#
#   scripts/compare-builds.sh [BASE_REV] [NEW_REV]
#
# Defaults: BASE_REV ce2d00a^ (the two fixed halves of a step, before the pieces that any free
# thread takes), NEW_REV HEAD. Each revision is built (release, product benchmark) in a temporary
# git worktree, removed at the end. Environment: SET (cifar-like, mid or small-step; default mid),
# DATA_DIR (default bench-data in the repository; a missing set is made with
# scripts/bench/make_data.py, which needs python3 with NumPy), ROUNDS (default 12), EPOCHS
# (default 8), THREADS (default 2), LOSS (svm or softmax, default svm).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
base_rev="${1:-ce2d00a^}"
new_rev="${2:-HEAD}"
set="${SET:-mid}"
data="${DATA_DIR:-$repo/bench-data}"
rounds="${ROUNDS:-12}"
epochs="${EPOCHS:-8}"
threads="${THREADS:-2}"
loss="${LOSS:-svm}"

if [ ! -f "$data/$set-X.npy" ] || [ ! -f "$data/$set-y.npy" ]; then
    echo "making $data/$set-X.npy and -y.npy ..." >&2
    python3 "$repo/scripts/bench/make_data.py" --out "$data" --sets "$set" >&2
fi

work="$(mktemp -d)"
cleanup() {
    git -C "$repo" worktree remove --force "$work/base" 2>/dev/null || true
    git -C "$repo" worktree remove --force "$work/new" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Builds `benchmark` of revision $2 in worktree $work/$1.
build() {
    echo "building $2 ($(git -C "$repo" rev-parse --short "$2")) ..." >&2
    git -C "$repo" worktree add --detach --quiet "$work/$1" "$2"
    swift build -c release --product benchmark --package-path "$work/$1" >&2
}
build base "$base_rev"
build new "$new_rev"

# Seconds per epoch (the median of the epochs after the first) of one run of benchmark $1; quiet
# only where the binary knows `--conditions` (older ones time only the quiet machine).
epoch_seconds() {
    local binary="$work/$1/.build/release/benchmark" conditions=()
    if "$binary" train --conditions '?' 2>&1 | grep -q -- '--conditions quiet'; then conditions=(--conditions quiet); fi
    "$binary" train --x "$data/$set-X.npy" --y "$data/$set-y.npy" --loss "$loss" --epochs "$epochs" \
        --threads "$threads" --json "${conditions[@]}" | sed -n 's/.*"median_s": *\([0-9.eE+-]*\).*/\1/p' | head -n 1
}

echo "round  base s  new s  new/base" >&2
results="$work/results"
for round in $(seq "$rounds"); do
    base_s="$(epoch_seconds base)"
    new_s="$(epoch_seconds new)"
    echo "$round $base_s $new_s" | tee -a "$results" | awk '{ printf "%5d  %.4f  %.4f  %.3f\n", $1, $2, $3, $3 / $2 }' >&2
done

fastest_base="$(awk '{ print $2 }' "$results" | sort -g | head -n 1)"
fastest_new="$(awk '{ print $3 }' "$results" | sort -g | head -n 1)"
awk '{ print $3 / $2 }' "$results" | sort -g | awk -v set="$set" -v threads="$threads" -v base="$base_rev" -v new="$new_rev" \
    -v fastest_base="$fastest_base" -v fastest_new="$fastest_new" '
    { ratio[NR] = $1 }
    END {
        median = NR % 2 ? ratio[(NR + 1) / 2] : (ratio[NR / 2] + ratio[NR / 2 + 1]) / 2
        printf "%s, %d threads, %d rounds: %s ÷ %s, median of the rounds %.3f×, fastest runs %.3f× (%.4f s against %.4f)\n",
               set, threads, NR, new, base, median, fastest_new / fastest_base, fastest_new, fastest_base
    }'
