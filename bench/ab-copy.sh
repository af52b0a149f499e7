#!/usr/bin/env bash
# A/B of a first mirror between two builds, beside rsync, alternating the order, the disk flushed before each run
# (issue 16's before/after of one change to the copy path in one invocation, on one machine state).
# usage: bench/ab-copy.sh BEFORE_LAUNCHER AFTER_LAUNCHER [TREE] [RUNS] [WORK]
# Each run copies TREE (default /usr/share) into a fresh, empty target with a fresh library (Conduit) or with
# `rsync -a --delete` followed by `sync -f` of its target; the targets are removed only after every run, so no run
# creates files right after another deleted many. Prints each one's median wall and CPU time, and system calls per
# file from one more untimed run of each build under `strace -f -c`.
set -euo pipefail
before="$1" after="$2" tree="${3:-/usr/share}" runs="${4:-3}" work="${5:-/tmp/conduit-ab-copy-$$}"
mkdir -p "$work"
: >"$work/times.txt"
files=$(find "$tree" -type f -o -type l | wc -l)
for i in $(seq 1 "$runs"); do
    order="before after rsync"
    case $((i % 3)) in 1) order="after rsync before" ;; 2) order="rsync before after" ;; esac
    for who in $order; do
        sync && echo 3 >/proc/sys/vm/drop_caches
        if [ "$who" = rsync ]; then
            /usr/bin/time -f "$who %e %U %S" -a -o "$work/times.txt" \
                sh -c "rsync -a --delete '$tree/' '$work/$who-$i/' && sync -f '$work/$who-$i'"
        else
            launcher="$before"; [ "$who" = after ] && launcher="$after"
            /usr/bin/time -f "$who %e %U %S" -a -o "$work/times.txt" \
                "$launcher" --library "$work/$who-lib-$i" -q sync "$tree" "$work/$who-$i" >/dev/null
        fi
    done
done
for who in before after; do
    launcher="$before"; [ "$who" = after ] && launcher="$after"
    strace -f -c -o "$work/$who-strace.txt" "$launcher" --library "$work/$who-lib-s" -q sync "$tree" "$work/$who-s" \
        >/dev/null
done
python3 - "$work" "$files" <<'PY'
import statistics, sys
work, files = sys.argv[1], int(sys.argv[2])
rows = [line.split() for line in open(work + '/times.txt')]
for who in ('before', 'after', 'rsync'):
    wall = [float(r[1]) for r in rows if r[0] == who]
    cpu = [float(r[2]) + float(r[3]) for r in rows if r[0] == who]
    sys_ = [float(r[3]) for r in rows if r[0] == who]
    print('%-6s %d runs: median wall %.2f s, CPU %.2f s (system %.2f s), CPU per file %.0f us'
          % (who, len(wall), statistics.median(wall), statistics.median(cpu), statistics.median(sys_),
             1e6 * statistics.median(cpu) / files))
for who in ('before', 'after'):
    calls = 0
    for line in open('%s/%s-strace.txt' % (work, who)):
        parts = line.split()
        if len(parts) >= 5 and parts[3].isdigit() and parts[-1] not in ('futex', 'total'):
            calls += int(parts[3])
    print('%-6s system calls per file (futex left out): %.1f' % (who, calls / files))
PY
rm -rf "$work"
