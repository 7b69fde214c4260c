#!/usr/bin/env bash
# Compile benchmark: generates meshes of 500 and 5,000 services (5 routes each) and times
# `rig compile` on them through the real launcher, JVM start included, with the heap capped
# at 1 GiB. Sizes run interleaved so that machine noise hits both alike; the figures to
# compare are medians and their ratio. Usage: bench/compile-bench.sh [runs]
#
# Every run writes a fresh output directory. On ext4 they are all deleted at the end, not between
# runs: creating files right after deleting tens of thousands is several times slower there (the
# inode allocator skips recently deleted inodes), which would measure the previous run's clean-up
# rather than the compiler. On tmpfs the opposite holds: output kept in memory makes each later run
# write into memory the VM has never touched, which costs more the more runs came before (see
# docs/BENCHMARKS.md), so there each run's output goes once it is measured, but the last.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x /usr/bin/time ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi
./rig --version >/dev/null # builds the distribution (and the JVM's AOT cache) if needed
java=$(./rig --print-java)

for n in 500 5000; do
  "$java" bench/GenerateMesh.java "$n" "$work/mesh-$n"
done

export RIG_JAVA_OPTS="${RIG_JAVA_OPTS:--Xmx1g}"
# One untimed run, so that the jar, the AOT cache and the JDK are in the page cache.
./rig compile "$work/mesh-500" --out "$work/warm-up" >/dev/null 2>&1

tmpfs=false
[ "$(stat -f -c %T "$work")" = tmpfs ] && tmpfs=true

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A walls rss
for ((r = 1; r <= runs; r++)); do
  for n in 500 5000; do
    out="$work/out-$n-$r"
    if ! /usr/bin/time -f '%e %M' -o "$work/time" \
      ./rig compile "$work/mesh-$n" --out "$out" --timings 2>"$work/timings-$n" >/dev/null; then
      echo "rig compile failed on $n services:" >&2
      cat "$work/timings-$n" >&2
      exit 1
    fi
    read -r wall kb <"$work/time"
    walls[$n]+="$wall "
    rss[$n]+="$kb "
    if $tmpfs && ((r < runs)); then rm -rf "$out"; fi
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m500=$(echo "${walls[500]}" | median)
m5000=$(echo "${walls[5000]}" | median)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; java: $("$java" -version 2>&1 | head -1)"
echo "load average (1, 5, 15 min): before $load_before, after $load_after"
echo "runs per size: $runs (interleaved, after one warm-up run); RIG_JAVA_OPTS: $RIG_JAVA_OPTS"
echo "output on $(stat -f -c %T "$work") ($($tmpfs && echo "each run's output deleted after it" || echo "all output deleted at the end"))"
if [ -f cli/target/rig.aot ]; then
  echo "AOT cache: cli/target/rig.aot ($(du -m cli/target/rig.aot | cut -f1) MB)"
fi
for n in 500 5000; do
  out="$work/out-$n-$runs"
  files=$(find "$out" -type f | wc -l)
  bytes=$(find "$out" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  echo "services=$n routes=$((n * 5)) files_written=$files bytes_written=$bytes" \
    "wall_s=[${walls[$n]% }] median_s=$(echo "${walls[$n]}" | median)" \
    "max_rss_mb=$(($(echo "${rss[$n]}" | tr ' ' '\n' | sort -n | tail -1) / 1024))"
done
echo "ratio 5000/500 (10x input): $(awk -v a="$m5000" -v b="$m500" 'BEGIN {printf "%.2f", a/b}')x"
echo "stage timings of the last 5000-service run:"
cat "$work/timings-5000"
