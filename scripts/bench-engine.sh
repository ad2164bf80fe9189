#!/usr/bin/env bash
# The working-day engine against Python's chinesecalendar, in one run (not a test): the engine's
# divan benchmark (every case), then chinesecalendar's find_workday for the same questions
# (15th, 30th, 250th working day after Mon 2025-01-06), timed with timeit right after, so that
# both see the same machine. chinesecalendar goes into a venv under target/ (PyPI), not the repo.
#   bash scripts/bench-engine.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q chinesecalendar==1.11.0
fi
cargo bench --locked -p fushen-domain --bench calendar 2>&1 | grep -v '^\s*Compiling\|^\s*Finished\|^\s*Running'
"$venv/bin/python" - <<'PY'
import datetime, statistics, timeit, platform
import chinese_calendar
print(f"chinesecalendar {chinese_calendar.__version__}, Python {platform.python_version()}")
start = datetime.date(2025, 1, 6)
for n in (15, 30, 250):
    answer = chinese_calendar.find_workday(n, start)
    runs = [t / 20 for t in timeit.repeat(lambda: chinese_calendar.find_workday(n, start), number=20, repeat=15)]
    print(f"find_workday({n}) = {answer}: median {statistics.median(runs) * 1e6:.0f} µs, fastest {min(runs) * 1e6:.0f} µs")
PY
