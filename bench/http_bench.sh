#!/bin/bash
# HTTP benchmark (issue 2): a fresh database seeded with 100,000 patients,
# then wrk at 64 connections for 10 s on health, patient read by id, patient
# search by name and by phone or email, and patient create without and with
# a phone and email; req/s, p99, and each as a ratio of health
# measured in the same run. On SQLite and PostgreSQL.
#   bench/http_bench.sh BUILD_DIR [sqlite|postgresql ...]
set -euo pipefail
BUILD=$(realpath "${1:-build}")
shift || true
ENGINES=${*:-sqlite postgresql}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD/bench-results
mkdir -p "$OUT"
PATIENTS=${BENCH_PATIENTS:-100000}
DURATION=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNECTIONS:-64}
export ANAGEN_BENCH_DIR=$HERE

run_engine() {
  local engine=$1 url work
  work=$(mktemp -d /tmp/anagen-bench.XXXXXX)
  if [ "$engine" = sqlite ]; then
    url="sqlite://$work/bench.db"
  else
    "$HERE/../tests/pg_cluster.sh" start "$work/pg_state" >/dev/null
    local sock
    sock=$(sed -n 2p "$work/pg_state")
    psql "postgresql://postgres@/postgres?host=$sock" -qc "CREATE DATABASE bench"
    url="postgresql://postgres@/bench?host=$sock"
  fi
  "$BUILD/bench_seed" --db "$url" --patients "$PATIENTS" --ids-out "$work/ids.txt" 2>/dev/null
  "$BUILD/anagen" serve --db "$url" --port 0 > "$work/server.log" 2>&1 &
  local pid=$!
  local base=""
  for _ in $(seq 200); do
    base=$(grep -o 'http://[0-9.:]*' "$work/server.log" | head -1 || true)
    [ -n "$base" ] && break
    sleep 0.05
  done
  local password token
  password=$(awk '/password:/ {print $2}' "$work/server.log")
  token=$(curl -s "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@anagen.local\",\"password\":\"$password\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  export ANAGEN_TOKEN=$token ANAGEN_IDS=$work/ids.txt
  local health_rps=""
  for ep in health patient_read patient_search patient_search_contact patient_create patient_create_contact; do
    wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$HERE/wrk/$ep.lua" "$base" > "$work/$ep.txt" 2>&1
    local rps p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/$ep.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/$ep.txt")
    errors=$(awk '/Non-2xx/ {print $5}' "$work/$ep.txt")
    [ -z "$health_rps" ] && health_rps=$rps
    printf "%-10s %-15s %10.0f req/s   p99 %-9s  ratio to health %.2f   non-2xx %s\n" \
      "$engine" "$ep" "$rps" "$p99" "$(echo "$rps / $health_rps" | bc -l)" "${errors:-0}" | tee -a "$OUT/http.txt"
  done
  kill -TERM $pid
  wait $pid || true
  if [ "$engine" = postgresql ]; then "$HERE/../tests/pg_cluster.sh" stop "$work/pg_state" >/dev/null; fi
  rm -rf "$work"
}

: > "$OUT/http.txt"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $PATIENTS patients, $CONNS connections, $DURATION each"
for e in $ENGINES; do run_engine "$e"; done
