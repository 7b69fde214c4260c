#!/usr/bin/env bash
# Side-by-side compile benchmark: times `rig compile` of the generated 5,000-service mesh with
# this checkout's launcher and with another checkout's (the baseline, e.g. main extracted with
# `git archive main | tar -x -C /tmp/base`), alternately, so that the load of a shared machine
# hits both alike. Prints every run, the medians of wall and CPU time (user + system) and the
# ratios this/baseline. Usage: bench/compare-bench.sh <baseline-checkout> [runs] [services]
#
# As in compile-bench.sh, output directories are deleted only at the end on ext4, and right after
# each run on tmpfs.
set -euo pipefail
cd "$(dirname "$0")/.."
base=$(cd "${1:?usage: bench/compare-bench.sh <baseline-checkout> [runs] [services]}" && pwd)
runs=${2:-5}
services=${3:-5000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (bench/compile-bench.sh installs it)" >&2; exit 2; }
./rig --version >/dev/null
"$base/rig" --version >/dev/null
java=$(./rig --print-java)
"$java" bench/GenerateMesh.java "$services" "$work/mesh"

export RIG_JAVA_OPTS="${RIG_JAVA_OPTS:--Xmx1g}"
# One untimed run each, so that both jars, AOT caches and the JDK are in the page cache.
./rig compile "$work/mesh" --out "$work/warm-new" >/dev/null 2>&1
"$base/rig" compile "$work/mesh" --out "$work/warm-base" >/dev/null 2>&1

tmpfs=false
[ "$(stat -f -c %T "$work")" = tmpfs ] && tmpfs=true

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A wall cpu rss
for ((r = 1; r <= runs; r++)); do
  # Alternate which goes first, so neither always runs right after the other's file deletions
  # or writes.
  if ((r % 2)); then order="base new"; else order="new base"; fi
  for which in $order; do
    rig=./rig
    [ "$which" = base ] && rig="$base/rig"
    if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
      "$rig" compile "$work/mesh" --out "$work/out-$which-$r" >/dev/null 2>"$work/err"; then
      echo "rig compile failed ($which):" >&2
      cat "$work/err" >&2
      exit 1
    fi
    read -r w u s kb <"$work/time"
    wall[$which]+="$w "
    cpu[$which]+="$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}') "
    rss[$which]+="$((kb / 1024)) "
    if $tmpfs && ((r > 1)); then rm -rf "$work/out-$which-$r"; fi # the first runs are compared
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

if ! diff -r -q "$work/out-base-1" "$work/out-new-1" >/dev/null; then
  echo "WARNING: the two builds wrote different output" >&2
fi
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "machine: $(nproc) cores; java: $("$java" -version 2>&1 | head -1); RIG_JAVA_OPTS: $RIG_JAVA_OPTS"
echo "load average (1, 5, 15 min): before $load_before, after $load_after"
echo "mesh: $services services; runs: $runs each, alternated; baseline: $base"
for which in base new; do
  echo "$which: wall_s=[${wall[$which]% }] median $(echo "${wall[$which]}" | median)" \
    "cpu_s=[${cpu[$which]% }] median $(echo "${cpu[$which]}" | median)" \
    "max_rss_mb=$(echo "${rss[$which]}" | tr ' ' '\n' | sort -n | tail -1)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
echo "ratio new/base: wall $(ratio "$(echo "${wall[new]}" | median)" "$(echo "${wall[base]}" | median)")" \
  "cpu $(ratio "$(echo "${cpu[new]}" | median)" "$(echo "${cpu[base]}" | median)")"
