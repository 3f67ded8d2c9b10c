#!/usr/bin/env bash
# Times `benchmark train` of two revisions of this repository on one set, taking turns, and prints
# the median of the per-round ratios new ÷ base (above 1× the new revision is slower) and the ratio
# of the two fastest runs. On a shared machine a sitting moves the median ratio by several per
# cent; the fastest runs move less.
#
#   scripts/compare-builds.sh [BASE_REV] [NEW_REV]
#
# Defaults: BASE_REV ce2d00a^ (the two fixed halves of a step, before the pieces that any free
# thread takes), NEW_REV HEAD. Each revision gets a cold release build of the product `benchmark`
# in a temporary git worktree (under $TMPDIR), removed at the end. Each round runs both, the base
# first in odd rounds and the new one first in even rounds, after one round that is not counted.
# One line per round goes to stderr, the summary to stdout.
#
# Environment: SET (cifar-like, mid or small-step; default mid), DATA_DIR (default bench-data in
# the repository; a missing set is made with scripts/bench/make_data.py, which needs python3 with
# NumPy), ROUNDS (default 12), EPOCHS (default 8), THREADS (one number, default 2), LOSS (svm or
# softmax, default svm).
set -euo pipefail
export LC_ALL=C  # numbers with a decimal point, sorted as numbers
repo="$(cd "$(dirname "$0")/.." && pwd)"
base_rev="${1:-ce2d00a^}"
new_rev="${2:-HEAD}"
set="${SET:-mid}"
data="${DATA_DIR:-$repo/bench-data}"
rounds="${ROUNDS:-12}"
epochs="${EPOCHS:-8}"
threads="${THREADS:-2}"
loss="${LOSS:-svm}"

for rev in "$base_rev" "$new_rev"; do
    git -C "$repo" rev-parse --verify --quiet "$rev^{commit}" > /dev/null \
        || { echo "compare-builds: no such revision: $rev" >&2; exit 2; }
done
if [ ! -f "$data/$set-X.npy" ] || [ ! -f "$data/$set-y.npy" ]; then
    echo "making $data/$set-X.npy and -y.npy ..." >&2
    python3 "$repo/scripts/bench/make_data.py" --out "$data" --sets "$set" >&2
fi

work="$(mktemp -d)"
cleanup() {
    git -C "$repo" worktree remove --force "$work/base" 2>/dev/null || true
    git -C "$repo" worktree remove --force "$work/new" 2>/dev/null || true
    git -C "$repo" worktree prune
    rm -rf "$work"
}
trap cleanup EXIT

# Builds `benchmark` of revision $2 in worktree $work/$1, and notes whether it knows `--conditions`
# (older binaries time only the quiet machine and do not): its error for a wrong condition names
# the `contended` one, while an older binary's error for the unknown option does not.
build() {
    echo "building $2 ($(git -C "$repo" rev-parse --short "$2^{commit}")) ..." >&2
    git -C "$repo" worktree add --detach --quiet "$work/$1" "$2"
    swift build -c release --product benchmark --package-path "$work/$1" >&2
    local usage
    usage="$("$work/$1/.build/release/benchmark" train --conditions '?' 2>&1 || true)"
    if [[ $usage == *contended* ]]; then touch "$work/$1.knows-conditions"; fi
}
build base "$base_rev"
build new "$new_rev"

# Seconds per epoch of one run of build $1: `benchmark train`'s median of the epochs after the
# first and before the last, on the quiet machine.
epoch_seconds() {
    local conditions=()
    if [ -f "$work/$1.knows-conditions" ]; then conditions=(--conditions quiet); fi
    "$work/$1/.build/release/benchmark" train --x "$data/$set-X.npy" --y "$data/$set-y.npy" --loss "$loss" \
        --epochs "$epochs" --threads "$threads" --json "${conditions[@]}" \
        | sed -n 's/.*"median_s": *\([0-9.eE+-]*\).*/\1/p' | head -n 1
}

echo "round  base s  new s  new/base" >&2
results="$work/results"
for round in $(seq 0 "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then
        base_s="$(epoch_seconds base)"; new_s="$(epoch_seconds new)"
    else
        new_s="$(epoch_seconds new)"; base_s="$(epoch_seconds base)"
    fi
    [[ $base_s && $new_s ]] || { echo "compare-builds: round $round: a run printed no median_s" >&2; exit 1; }
    if [ "$round" -eq 0 ]; then
        echo "$base_s $new_s" | awk '{ printf "    0  %.4f  %.4f  (not counted: the first runs after the builds)\n", $1, $2 }' >&2
        continue
    fi
    echo "$round $base_s $new_s" | tee -a "$results" | awk '{ printf "%5d  %.4f  %.4f  %.3f\n", $1, $2, $3, $3 / $2 }' >&2
done

fastest_base="$(awk '{ print $2 }' "$results" | sort -g | head -n 1)"
fastest_new="$(awk '{ print $3 }' "$results" | sort -g | head -n 1)"
awk '{ print $3 / $2 }' "$results" | sort -g | awk -v set="$set" -v threads="$threads" -v base="$base_rev" \
    -v new="$new_rev" -v fastest_base="$fastest_base" -v fastest_new="$fastest_new" '
    { ratio[NR] = $1 }
    END {
        median = NR % 2 ? ratio[(NR + 1) / 2] : (ratio[NR / 2] + ratio[NR / 2 + 1]) / 2
        printf "%s, %d threads, %d rounds: %s ÷ %s, median of the rounds %.3f×, fastest runs %.3f× (%.4f s against %.4f)\n",
               set, threads, NR, new, base, median, fastest_new / fastest_base, fastest_new, fastest_base
    }'
