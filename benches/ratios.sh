#!/usr/bin/env bash
# Prints each benchmark's median time as a ratio to the `raw_hash` of its group, from the
# estimates criterion left in target/criterion (run
# `cargo bench -p ogone-benches --bench hot_path` first; the
# `sign`, `verify` and `feedback` groups of the other benches are read too).
set -euo pipefail
root="${CARGO_TARGET_DIR:-target}/criterion"
median() {
    # The median's point estimate, in ns.
    tr -d ' \n' <"$1" | sed -E 's/.*"median":\{[^}]*\}[^}]*"point_estimate":([0-9.eE+-]+).*/\1/'
}
for group in "$root"/*/; do
    raw="$group/raw_hash/new/estimates.json"
    [ -f "$raw" ] || continue
    base=$(median "$raw")
    for bench in "$group"*/; do
        name=$(basename "$bench")
        [ "$name" = report ] && continue
        est="$bench/new/estimates.json"
        [ -f "$est" ] || continue
        awk -v g="$(basename "$group")" -v n="$name" -v t="$(median "$est")" -v b="$base" \
            'BEGIN { printf "%-28s %-26s %10.0f ns %6.2fx\n", g, n, t, t / b }'
    done
done
