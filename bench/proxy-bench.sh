#!/usr/bin/env bash
# Proxy benchmark (issue 3): one backend, one client, the same settings for every path.
#
#   direct        load generator -> backend
#   nginx         -> nginx reverse proxy -> backend                                  (one hop)
#   nginx pair    -> nginx -> mTLS -> nginx -> backend                     (a sidecar pair in nginx)
#   rigging pair  -> rig proxy `client` (route, 50/50 split, fault filter at 0%)
#                 -> mTLS with SPIFFE identities -> rig proxy `backend` (RBAC) -> backend
#
# The Rigging pair runs bench/bench.mesh compiled by `rig compile`, exactly as a user would. Each
# proxy hop gets one event-loop thread (nginx `worker_processes 1`, `rig proxy --workers 1`) and
# writes an access log to a file. The backend is nginx answering a 33-byte text/plain body.
#
# For each path: a closed-loop warm-up (60 s by default: on a busy 2-core machine the JVM's JIT
# takes about a minute of load to reach its steady state; every path gets the same), then wrk (closed loop, THREADS threads, CONNECTIONS connections,
# DURATION s, --latency) for throughput, p50 and p99, with the CPU and RSS of the proxy processes
# over that run; then bench/OpenLoad.java at a fixed RATE req/s (open loop, latency counted from
# each request's due time) for p50 and p99 at that rate. Prints a Markdown table.
#
# Installs nginx-light and wrk from Debian's packages when missing (apt-get, non-interactive).
# Usage: bench/proxy-bench.sh   (env: DURATION=20 CONNECTIONS=32 THREADS=2 RATE=1000 WARMUP=60
#                                     PATHS="direct nginx nginx-pair rigging-pair"
#                                     PROXY_JAVA_OPTS="JVM options for the two rig proxies"
#                                     KEEP=1 keeps the configurations and logs)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
rate=${RATE:-1000}
warmup=${WARMUP:-60}
paths=${PATHS:-direct nginx nginx-pair rigging-pair}

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing nginx-light and wrk from Debian's packages…" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null
fi
./rig --version >/dev/null # builds the distribution if needed
java=$(./rig --print-java)

work=$(mktemp -d)
started=()
cleanup() {
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "${KEEP:-}" ]; then
    echo "kept the configurations and logs in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# --- configuration: compiled mesh and development certificates -----------------------------
./rig compile bench/bench.mesh --out "$work/out" \
  --config-dir "$work/out/envoy/{proxy}" --cert-dir "$work/certs/{proxy}" >/dev/null
./rig certs --dir "$work/certs" --mesh bench client backend >/dev/null

# --- nginx instances -------------------------------------------------------------------------
nginx_conf() { # name, server blocks
  mkdir -p "$work/$1"
  cat >"$work/$1/nginx.conf" <<EOF
worker_processes 1;
error_log $work/$1/error.log warn;
pid $work/$1/nginx.pid;
events { worker_connections 4096; }
http {
  client_body_temp_path $work/$1/body;
  proxy_temp_path $work/$1/proxy;
  fastcgi_temp_path $work/$1/fastcgi;
  uwsgi_temp_path $work/$1/uwsgi;
  scgi_temp_path $work/$1/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  # The fields of the access log the compiler emits for Rigging's proxies, from nginx's nearest
  # variables: the same per-request logging work on both pairs.
  log_format json escape=json '{"authority":"\$http_host","bytes_received":\$request_length,'
    '"bytes_sent":\$body_bytes_sent,"downstream_peer_uri_san":"\$ssl_client_s_dn",'
    '"downstream_remote_address":"\$remote_addr:\$remote_port","duration_ms":\$request_time,'
    '"method":"\$request_method","path":"\$request_uri","protocol":"\$server_protocol",'
    '"request_id":"\$http_x_request_id","response_code":\$status,"response_flags":"-",'
    '"route_name":"default","start_time":"\$time_iso8601","upstream_cluster":"\$proxy_host",'
    '"upstream_host":"\$upstream_addr","user_agent":"\$http_user_agent"}';
  # As Envoy (and so Rigging) does: keep a request id, or make one.
  map \$http_x_request_id \$request_id_kept { '' \$request_id; default \$http_x_request_id; }
  upstream backend { server 127.0.0.1:18080; keepalive 64; }
  $2
}
EOF
}
start_nginx() { # name
  nginx -p "$work/$1" -c "$work/$1/nginx.conf" -g 'daemon off;' 2>>"$work/$1/error.log" &
  started+=($!)
  eval "pid_$(echo "$1" | tr - _)=$!"
}
proxy_location='proxy_http_version 1.1; proxy_set_header Connection "";'
# A sidecar's request headers, as Rigging's proxies set them: x-request-id and x-forwarded-proto
# on the way out, x-forwarded-proto and the caller's certificate in x-forwarded-client-cert on the
# way in.
sidecar_out='proxy_set_header X-Request-Id $request_id_kept; proxy_set_header X-Forwarded-Proto $scheme;'
sidecar_in='proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Client-Cert "Hash=$ssl_client_fingerprint;Subject=\"$ssl_client_s_dn\"";'

nginx_conf backend "access_log off;
  server {
    listen 127.0.0.1:18080;
    listen 127.0.0.1:18081;
    location / { default_type text/plain; return 200 \"hello from the benchmark backend\\n\"; }
  }"
nginx_conf nginx "access_log $work/nginx/access.log json;
  server {
    listen 127.0.0.1:18088;
    location / { proxy_pass http://backend; $proxy_location }
  }"
nginx_conf nginx-out "access_log $work/nginx-out/access.log json;
  upstream pair_in { server 127.0.0.1:18086; keepalive 64; }
  server {
    listen 127.0.0.1:18085;
    location / {
      proxy_pass https://pair_in; $proxy_location $sidecar_out
      proxy_ssl_certificate $work/certs/client/cert.pem;
      proxy_ssl_certificate_key $work/certs/client/key.pem;
      proxy_ssl_session_reuse on;
    }
  }"
nginx_conf nginx-in "access_log $work/nginx-in/access.log json;
  server {
    listen 127.0.0.1:18086 ssl;
    ssl_certificate $work/certs/backend/cert.pem;
    ssl_certificate_key $work/certs/backend/key.pem;
    ssl_client_certificate $work/certs/ca.pem;
    ssl_verify_client on;
    location / { proxy_pass http://backend; $proxy_location $sidecar_in }
  }"
for name in backend nginx nginx-out nginx-in; do
  start_nginx "$name"
done

# --- Rigging proxies -------------------------------------------------------------------------
start_rig() { # proxy, admin port
  RIG_JAVA_OPTS="${PROXY_JAVA_OPTS:-}" ./rig proxy --config "$work/out/envoy/$1" \
    --admin "127.0.0.1:$2" --workers 1 \
    --access-log "$work/rig-$1-access.log" 2>"$work/rig-$1.err" &
  started+=($!)
  eval "pid_rig_$1=$!"
  for _ in $(seq 1 300); do
    grep -q 'serving' "$work/rig-$1.err" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "rig proxy $1 did not start:" >&2
  cat "$work/rig-$1.err" >&2
  exit 1
}
start_rig backend 18191
start_rig client 18190

wait_ready() { # port, host header
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null -H "Host: $2" "http://127.0.0.1:$1/" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing answers 200 on port $1" >&2
  curl -sS -i -H "Host: $2" "http://127.0.0.1:$1/" >&2 || true
  exit 1
}

# --- measurement helpers ---------------------------------------------------------------------
tree_pids() { # pid: it and its children (nginx workers)
  echo "$1"
  pgrep -P "$1" || true
}
cpu_ticks() { # pids...: utime + stime
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    # Fields after the ")" of the command name: utime and stime are the 12th and 13th.
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
rss_mb() { # pids...
  local kb=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/status" ] || continue
    kb=$((kb + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")))
  done
  awk -v kb="$kb" 'BEGIN {printf "%.0f", kb / 1024}'
}
to_ms() { # wrk latency such as 512.00us, 1.20ms, 1.01s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) printf "%.3f", substr(v, 1, length(v) - 2) / 1000;
    else if (v ~ /ms$/) printf "%.3f", substr(v, 1, length(v) - 2);
    else if (v ~ /s$/) printf "%.3f", substr(v, 1, length(v) - 1) * 1000;
    else printf "%s", v }'
}
tick=$(getconf CLK_TCK)

declare -A port_of=([direct]=18080 [nginx]=18088 [nginx-pair]=18085 [rigging-pair]=18095)
proxy_pids() { # path
  case "$1" in
    direct) ;;
    nginx) tree_pids "$pid_nginx" ;;
    nginx-pair) tree_pids "$pid_nginx_out"; tree_pids "$pid_nginx_in" ;;
    rigging-pair) echo "$pid_rig_client"; echo "$pid_rig_backend" ;;
  esac
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for path in $paths; do
  port=${port_of[$path]}
  url="http://127.0.0.1:$port/"
  wait_ready "$port" backend
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -H 'Host: backend' "$url" >/dev/null
  mapfile -t pids < <(proxy_pids "$path")
  cpu0=$(cpu_ticks "${pids[@]}")
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H 'Host: backend' "$url" \
    >"$work/wrk-$path.txt"
  cpu1=$(cpu_ticks "${pids[@]}")
  rss=$(rss_mb "${pids[@]}")
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/wrk-$path.txt")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk-$path.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk-$path.txt")")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk-$path.txt" | tr '\n' ' ')
  cpu=$(awk -v t=$((cpu1 - cpu0)) -v hz="$tick" -v d="$duration" \
    'BEGIN {printf "%.0f", 100 * t / hz / d}')
  fixed=$("$java" bench/OpenLoad.java "$url" "$rate" "$duration" 16 backend 3)
  f50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$fixed")
  f99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$fixed")
  ferr=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$fixed")
  if [ "$path" = direct ]; then
    direct_f99=$f99
  fi
  added=$(awk -v a="$f99" -v b="${direct_f99:-$f99}" 'BEGIN {printf "%+.3f", a - b}')
  [ "$path" = direct ] && rss="-" && cpu="-"
  rows+=("| $path | $rps | $p50 | $p99 | $cpu | $rss | $f50 | $f99 | $added | ${errors:-none}; open-loop errors $ferr |")
  echo "$path: $rps req/s, p50 $p50 ms, p99 $p99 ms; at $rate req/s p99 $f99 ms" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "Proxy benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average $load_before before, $load_after after."
echo "wrk -t$threads -c$connections -d${duration}s --latency; fixed rate: bench/OpenLoad.java at $rate req/s for ${duration}s over 16 connections."
echo
echo "| path | req/s | p50 ms | p99 ms | proxy CPU % | proxy RSS MB | p50 ms at $rate/s | p99 ms at $rate/s | p99 added at $rate/s | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
# The Rigging pair must have enforced what it was given: RBAC allowed every request, no fault fired.
curl -fsS http://127.0.0.1:18191/stats | grep -E '^rigging_rbac_(allowed|denied)|rbac' | head -5 || true
curl -fsS http://127.0.0.1:18190/stats | grep -E 'fault|downstream_rq' | head -8 || true
curl -fsS http://127.0.0.1:18190/stats | grep -E '^rigging_(upstream|downstream)_cx_total' || true
curl -fsS http://127.0.0.1:18191/stats | grep -E '^rigging_(upstream|downstream)_cx_total' || true
