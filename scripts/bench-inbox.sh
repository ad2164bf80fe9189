#!/usr/bin/env bash
# The staff inbox's benchmark (not a test): fills a database with COUNT (100,000) enquiries over
# the last year, starts the release server on it (127.0.0.1), signs in and measures the inbox's
# first page, searches by reference, by last four digits and by part of a name, and the season
# page (p50 / p99 / max, page sizes); then, in the same run and on the same database, the
# enquiry receiver's throughput (server/examples/load.rs) so that a slower receiver would show.
#   COUNT=100000 ROUNDS=200 SECONDS_RUN=10 CLIENTS=16 bash scripts/bench-inbox.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
port="${BENCH_PORT:-4261}"
server_bin="${SERVER_BIN:-target/release/fushen-server}"
cargo build --release --locked -p fushen-server --bin fushen-server --example inbox --example load
data="$(mktemp -d "${TMPDIR:-/tmp}/fushen-bench-inbox-XXXXXX")"
trap 'kill "${server:-}" 2>/dev/null || true; wait "${server:-}" 2>/dev/null || true; rm -rf "$data"' EXIT
read -r reference tail name < <(target/release/examples/inbox fill "$data/fushen.sqlite3" "${COUNT:-100000}")
printf 'bench-password-1\n' | FUSHEN_DATA="$data" "$server_bin" staff set bench --password-stdin >/dev/null
printf 'database: %s\n' "$(du -h "$data/fushen.sqlite3" | cut -f1)"
FUSHEN_DATA="$data" FUSHEN_SITE="" FUSHEN_RATE_LIMIT=1000000 FUSHEN_LOG=warn FUSHEN_BACKUP_DIR=off \
  PORT="$port" "$server_bin" serve &
server=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
target/release/examples/inbox measure "http://127.0.0.1:$port/" bench-password-1 \
  "$reference" "$tail" "$name" "${ROUNDS:-200}"
target/release/examples/load "http://127.0.0.1:$port/" "${SECONDS_RUN:-10}" "${CLIENTS:-16}"
printf 'server peak: %s\n' "$(grep VmHWM "/proc/$server/status")"
