#!/usr/bin/env bash
# `shasign audit` over generated archives, against its floor, in the same run:
#
# - RECORDS (default 1,000,000) stored SHA-OUT feedback bodies, 20 signed parameters each (the
#   hot-path feedback's fields), SHA-256, a keys file of 3 keys with the right one last, a
#   third ASCII, a third UTF-8 and a third Windows-1252 with accents (shasign's `audit_gen`
#   example);
# - the floor: the raw SHA-256 (sha2) of each record's canonical string, one hash a record,
#   spread over the same threads (`audit_floor`, hashing only, best of three);
# - `shasign audit --threads N` (release) for N = 1, 2 and every core, output to /dev/null:
#   wall time and peak RSS (/usr/bin/time -v, when installed); best of RUNS (default 2);
# - the library alone: `Auditor::audit` over the same bodies in memory, same keys, same threads
#   (`audit_library`), to tell the tool's own cost (reading, threads, output) from the auditor's.
#
# Prints the ratio to the floor at every core (target: at most 4x), the scaling from one
# thread to two (target: at least 1.8x) and the peak memory (target: under 50 MB).
#
#   bash benches/audit-tool.sh            # RECORDS=100000 bash benches/audit-tool.sh
set -euo pipefail
cd "$(dirname "$0")/.."
records="${RECORDS:-1000000}"
runs="${RUNS:-2}"
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p shasign --bin shasign --example audit_gen --example audit_floor \
    --example audit_library
bin="$target/release"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

"$bin/examples/audit_gen" "$records" "$dir"
cores="$(nproc)"
echo "records: $records ($(du -h "$dir/bodies.txt" | cut -f1) of bodies), cores: $cores"

# Seconds and peak RSS (kB, 0 if unknown) of one audit run with $1 threads.
audit_once() {
    local start end rss=0
    if [ -x /usr/bin/time ]; then
        start=$(date +%s.%N)
        /usr/bin/time -v -o "$dir/time.txt" "$bin/shasign" audit --keys-file "$dir/keys.txt" \
            --input "$dir/bodies.txt" --output /dev/null --threads "$1" 2>"$dir/summary.txt" || true
        end=$(date +%s.%N)
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
    else
        start=$(date +%s.%N)
        "$bin/shasign" audit --keys-file "$dir/keys.txt" --input "$dir/bodies.txt" \
            --output /dev/null --threads "$1" 2>"$dir/summary.txt" || true
        end=$(date +%s.%N)
    fi
    grep -q "verified: $records," "$dir/summary.txt" || { cat "$dir/summary.txt" >&2; exit 1; }
    awk -v s="$start" -v e="$end" -v r="$rss" 'BEGIN { printf "%.3f %d\n", e - s, r }'
}

# Best wall time of $runs runs, and the largest peak RSS seen.
audit_best() {
    local best="" peak=0 t r
    for _ in $(seq "$runs"); do
        read -r t r < <(audit_once "$1")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
        [ "$r" -gt "$peak" ] && peak=$r
    done
    echo "$best $peak"
}

read -r t1 m1 < <(audit_best 1)
read -r t2 m2 < <(audit_best 2)
read -r tn mn < <(audit_best "$cores")
f1=$("$bin/examples/audit_floor" "$dir/canonical.txt" 1)
fn=$("$bin/examples/audit_floor" "$dir/canonical.txt" "$cores")
l1=$("$bin/examples/audit_library" "$dir/bodies.txt" "$dir/keys.txt" 1)
ln=$("$bin/examples/audit_library" "$dir/bodies.txt" "$dir/keys.txt" "$cores")
peak=$(printf '%s\n' "$m1" "$m2" "$mn" | sort -n | tail -1)
awk -v r="$records" -v t1="$t1" -v t2="$t2" -v tn="$tn" -v f1="$f1" -v fn="$fn" \
    -v c="$cores" -v p="$peak" -v l1="$l1" -v ln="$ln" 'BEGIN {
    printf "audit, 1 thread:   %7.3f s  (%6.0f records/s)  floor %6.3f s  %5.2fx\n", t1, r / t1, f1, t1 / f1
    printf "audit, 2 threads:  %7.3f s  (%6.0f records/s)\n", t2, r / t2
    printf "audit, %d threads:  %7.3f s  (%6.0f records/s)  floor %6.3f s  %5.2fx  (target <= 4x)\n", c, tn, r / tn, fn, tn / fn
    printf "library alone, 1 thread:  %7.3f s  %5.2fx floor;  %d threads: %7.3f s  %5.2fx floor\n", l1, l1 / f1, c, ln, ln / fn
    printf "scaling 1 -> 2 threads: %.2fx (target >= 1.8x)\n", t1 / t2
    if (p > 0) printf "peak RSS: %.1f MB (target < 50 MB)\n", p / 1024
    else print "peak RSS: unknown (/usr/bin/time not installed)"
}'
