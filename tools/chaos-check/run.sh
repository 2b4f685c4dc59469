#!/usr/bin/env bash
# Seeded chaos trials against real warehouses (issue 19): write failures injected at a seeded file operation,
# odd corpora (0-8 odd documents, then more), two or three concurrent runs in their own JVMs, runs halted at
# seeded crash points. After every trial the warehouse must equal a clean sequential run of the inputs of the runs
# that committed: no row lost, none duplicated. Prints one summary line:
#   chaos-check: trials 20 {concurrent=.., kill=.., odd-corpus=.., write-fault=..}, faults injected N,
#   rows lost 0, rows duplicated 0, failed trials 0, S s, seed HEX
#
#   tools/chaos-check/run.sh                 # a fresh seed, 20 trials
#   tools/chaos-check/run.sh SEED [TRIALS]   # replay a seed (hex), or run more trials
# The trials are ChaosCheckTest (tag "chaos", mvn -Pchaos); its log is kept in jobs/target/chaos.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SEED="${1:-}"
TRIALS="${2:-20}"
cd "$ROOT"
args=(-B -q test -pl lib,jobs -Pchaos -Dtest=ChaosCheckTest -Dsurefire.failIfNoSpecifiedTests=false
      -Dgovlens.chaos.trials="$TRIALS")
[[ -n "$SEED" ]] && args+=(-Dgovlens.chaos.seed="$SEED")
# Offline when the dependencies are there (CI has just run the build), online otherwise.
if mvn -B -o -q -pl lib,jobs dependency:resolve >/dev/null 2>&1; then args+=(-o); fi
mkdir -p "$ROOT/jobs/target"
rm -f "$ROOT/jobs/target/chaos-summary.txt"
rc=0
mvn "${args[@]}" >"$ROOT/jobs/target/chaos.log" 2>&1 || rc=$?
if [[ -f "$ROOT/jobs/target/chaos-summary.txt" ]]; then
  sed 's/^/chaos-check: /' "$ROOT/jobs/target/chaos-summary.txt"
else
  tail -40 "$ROOT/jobs/target/chaos.log" >&2
fi
if ((rc != 0)); then
  echo "chaos-check: FAILED (log: jobs/target/chaos.log)" >&2
  grep -E "FAIL|AssertionError|Exception" "$ROOT/jobs/target/chaos.log" | head -20 >&2 || true
  exit 1
fi
echo "chaos-check: PASS"
