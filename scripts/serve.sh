#!/usr/bin/env bash
# Builds the release site and fushen-server, then serves the site, receives enquiries and runs
# the staff inbox on http://127.0.0.1:8080/ (PORT=… to change), with the database in ./data
# (FUSHEN_DATA=… to change). Every other setting: docs/operator.md, "Settings".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
source scripts/env.sh
trunk build --release --offline
cargo build --release --locked --offline -p fushen-server
export PORT="${PORT:-8080}" FUSHEN_DATA="${FUSHEN_DATA:-./data}" FUSHEN_SITE="${FUSHEN_SITE:-dist}"
exec target/release/fushen-server serve
