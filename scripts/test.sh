#!/usr/bin/env bash
# Runs every test, installing what is missing first. Fails if any layer fails.
#   1. lint and host tests of the domain and the server (cargo test)
#   2. browser tests (wasm-bindgen-test in headless Chromium)
#   3. end-to-end tests of the release build at phone size (Playwright, headless Chromium),
#      against a static host, against the real fushen-server, and from the release archive
#      unpacked into an empty folder
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "format and lints"
cargo fmt --check
cargo clippy --locked --workspace --all-targets -- -D warnings
# With the split points, as the site's build compiles them (feature `split`); the host clippy
# above covers the code without them.
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --test browser --features split -- -D warnings

step "1/3 host tests"
cargo test --locked --workspace
# The engine's benchmark, each case run once as a test, so it keeps compiling and answering.
cargo test --locked -p fushen-domain --bench calendar

step "2/3 browser tests (headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test browser

step "3/3 end-to-end tests (release build, 390x844)"
trunk build --release --offline
node tools/size-report.mjs dist --check
# The release archive, with the static (musl) server the institution installs; the end-to-end
# tests run that same binary, and package.spec.ts unpacks the archive and serves from it.
SKIP_SITE_BUILD=1 bash scripts/package.sh
# The staff's "tomorrow" runs the same server on a clock a day ahead: a test program over the
# server's library (the installed program has no way to move its clock).
cargo build --locked -p fushen-server --example serve_ahead
FUSHEN_SERVER_BIN=target/x86_64-unknown-linux-musl/release/fushen-server npx playwright test
