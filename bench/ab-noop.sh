#!/usr/bin/env bash
# A/B of a no-op sync between two builds, alternating their order, N runs each (issue 12's check of a regression).
# usage: bench/ab-noop.sh BEFORE_LAUNCHER AFTER_LAUNCHER [mirror|bidirectional] [RUNS] [WORK]
# Each build gets its own pair made the same way (a cp -a of the many-small workload and an empty folder), synced
# once, then re-synced once untimed; then RUNS timed no-op syncs each. Prints each build's median wall and CPU time.
set -euo pipefail
before="$1" after="$2" mode="${3:-bidirectional}" runs="${4:-8}" work="${5:-/tmp/conduit-ab-$$}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$work"
java "$here/Bench.java" generate many-small "$work/tree" >/dev/null
for build in before after; do
    launcher="$before"; [ "$build" = after ] && launcher="$after"
    cp -a "$work/tree" "$work/$build-l" && mkdir "$work/$build-r"
    "$launcher" --library "$work/$build-lib" -q sync "$work/$build-l" "$work/$build-r" --mode "$mode" >/dev/null
    "$launcher" --library "$work/$build-lib" -q sync 1 >/dev/null
done
: >"$work/times.txt"
for i in $(seq 1 "$runs"); do
    order="before after"; [ $((i % 2)) = 1 ] && order="after before"
    for build in $order; do
        launcher="$before"; [ "$build" = after ] && launcher="$after"
        /usr/bin/time -f "$build %e %U %S" -a -o "$work/times.txt" \
            "$launcher" --library "$work/$build-lib" -q sync 1 >/dev/null
    done
done
python3 - "$work/times.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for build in ('before', 'after'):
    wall = [float(r[1]) for r in rows if r[0] == build]
    cpu = [float(r[2]) + float(r[3]) for r in rows if r[0] == build]
    print('%s: %d runs, median wall %.2f s, median CPU %.2f s' % (build, len(wall), statistics.median(wall), statistics.median(cpu)))
PY
rm -rf "$work"
