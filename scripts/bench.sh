#!/usr/bin/env bash
# Benchmarks: builds the release site, then reports sizes, how soon each tool answers on a slow
# phone (slow 4G, CPU 4x slower), the estimator's response while typing, and Lighthouse (mobile
# preset). Results also go to bench/out/.
#
#   bash scripts/bench.sh                              # this build
#   BEFORE=/path/to/other/dist bash scripts/bench.sh   # and another build, in the same run
#   STARTUP_RUNS=9 LIGHTHOUSE_RUNS=3                   # runs per build (defaults 5 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/env.sh
trunk build --release --offline
node tools/size-report.mjs dist
mkdir -p bench/out
node tools/bench-startup.mjs "${STARTUP_RUNS:-5}" ${BEFORE:+"$BEFORE"} dist | tee bench/out/startup.json
for build in ${BEFORE:+"$BEFORE"} dist; do
  node tools/bench-estimator.mjs "$build"
  node tools/bench-lighthouse.mjs "$build" "${LIGHTHOUSE_RUNS:-3}"
done
