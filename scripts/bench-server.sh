#!/usr/bin/env bash
# Load benchmark of fushen-server (not a test): builds the release server and the load client,
# starts the server on 127.0.0.1 with its database on disk, posts distinct valid enquiries from
# many clients for a while, and reports enquiries accepted per second (each committed with
# synchronous=FULL before its 201), latency percentiles and the server's peak memory.
#   SECONDS_RUN=20 CLIENTS=64 BENCH_PORT=4260 bash scripts/bench-server.sh
# SERVER_BIN picks the server binary (default: the host's release build), e.g. the static one of
# the release archive: SERVER_BIN=target/x86_64-unknown-linux-musl/release/fushen-server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
port="${BENCH_PORT:-4260}"
server_bin="${SERVER_BIN:-target/release/fushen-server}"
cargo build --release --locked -p fushen-server --bin fushen-server --example load
data="$(mktemp -d "${TMPDIR:-/tmp}/fushen-bench-XXXXXX")"
printf 'server: %s\n' "$server_bin"
FUSHEN_DATA="$data" FUSHEN_SITE="" FUSHEN_RATE_LIMIT=1000000 FUSHEN_LOG=warn PORT="$port" \
  "$server_bin" serve &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
printf 'server idle: %s\n' "$(grep VmRSS "/proc/$server/status")"
target/release/examples/load "http://127.0.0.1:$port/" "${SECONDS_RUN:-20}" "${CLIENTS:-64}"
printf 'server peak: %s\n' "$(grep VmHWM "/proc/$server/status")"
printf 'database: %s rows, %s on disk\n' \
  "$(FUSHEN_DATA="$data" "$server_bin" export 2>/dev/null | tail -n +2 | wc -l)" \
  "$(du -sh "$data" | cut -f1)"
