#!/usr/bin/env bash
# Commit-to-applied latency of the GitOps agent: p50/p90/p99 over real commits to a real output
# repository, applied to real `rig proxy` processes, with the webhook and with polling.
# Usage: bench/gitops-latency.sh [commits] [poll-ms]      (defaults: 60, 1000)
# Results: printed, and appended to cli/target/bench/gitops-latency.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
commits="${1:-60}"
poll="${2:-1000}"
rm -f cli/target/bench/gitops-latency.txt
./mvnw -q -B -pl dsl,compiler,validators,emitters,gitops,runtime-proxy,cli -am verify \
  -Dtest=GitopsLatencyBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true \
  -Dbench.commits="$commits" -Dbench.pollMillis="$poll" >/dev/null
echo "machine: $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%dT%H:%MZ)"
cat cli/target/bench/gitops-latency.txt
