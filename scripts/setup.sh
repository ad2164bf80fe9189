#!/usr/bin/env bash
# Installs what the project needs and skips what is already there.
#   scripts/setup.sh build   Rust wasm target, trunk, wasm-bindgen-cli, npm packages (wasm-opt)
#   scripts/setup.sh test    all of the above, plus Chromium, ChromeDriver and CJK fonts, and
#                            what the release archive is built with (below)
#   scripts/setup.sh package build's, plus the musl target and Debian's musl-tools (musl-gcc,
#                            for the bundled SQLite), for the static server of the archive
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mode="${1:-build}"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf 'setup: %s\n' "$*"; }

# Tools are built without LTO: the same binaries in about half the time.
fast_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -eq 0 ]; then
    say "Chromium, ChromeDriver and CJK fonts already there"
    return
  fi
  say "installing ${missing[*]} (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_musl() {
  if dpkg -s musl-tools >/dev/null 2>&1; then
    say "musl-tools already there"
  else
    say "installing musl-tools (apt)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends musl-tools >/dev/null
  fi
}

browser_pid=""
if [ "$mode" = test ]; then
  # apt downloads while cargo compiles.
  install_browser &
  browser_pid=$!
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target already there"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$mode" = test ] || [ "$mode" = package ]; then
  if rustup target list --installed | grep -qx x86_64-unknown-linux-musl; then
    say "x86_64-unknown-linux-musl target already there"
  else
    say "adding the x86_64-unknown-linux-musl target"
    rustup target add x86_64-unknown-linux-musl
  fi
fi

if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "trunk $TRUNK_VERSION already there"
else
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  fast_install --locked trunk --version "$TRUNK_VERSION" --no-default-features --features rustls
fi

if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION already there"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # Not --locked: its lock file names a crate version the registry no longer has.
  fast_install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

installed=node_modules/.package-lock.json
if [ -f "$installed" ] && [ ! package-lock.json -nt "$installed" ] && [ ! package.json -nt "$installed" ]; then
  say "npm packages already there"
else
  say "installing npm packages (wasm-opt, Playwright, axe, Lighthouse)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Download every crate now, so that builds (trunk runs cargo with --offline) need no network.
say "fetching crates (cargo fetch)"
cargo fetch --locked --quiet

if [ -n "$browser_pid" ]; then
  wait "$browser_pid"
fi
# After the browser's apt run (apt allows one at a time).
if [ "$mode" = test ] || [ "$mode" = package ]; then
  install_musl
fi
say "done"
