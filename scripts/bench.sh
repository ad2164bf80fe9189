#!/usr/bin/env bash
# Benchmarks: builds the release site, then reports sizes, Lighthouse (mobile preset) and the
# estimator's response time with a 4x slower CPU. Results also go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/env.sh
trunk build --release --offline
node tools/size-report.mjs dist
node tools/bench-estimator.mjs dist
node tools/bench-lighthouse.mjs dist "${RUNS:-3}"
