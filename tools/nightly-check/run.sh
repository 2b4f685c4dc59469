#!/usr/bin/env bash
# What a nightly warehouse does when its logic changes under it (issue 11), shown on the bundled sample plus
# ../shared/corpus/external, with the real launcher:
#   1. a first run builds a warehouse;
#   2. an edited rules file, then a plain (incremental) rerun: the log says which stages were reprocessed
#      and why; the tables must equal a --full rebuild made with the edited rules (govlens compare);
#   3. a table folder deleted, then a plain rerun: the table is rebuilt from every committed document and the
#      warehouse again equals the rebuild;
#   4. one document per per-document step made to throw (the FaultInjection test hook): the run commits and
#      each failure is an errors row.
# Prints wall times and a summary; exit 0 when every check holds, 1 otherwise. Temp folder kept on failure
# (or always with NIGHTLY_CHECK_KEEP=1).
#
#   tools/nightly-check/run.sh
#   RULES_EDIT='s/…/…/' tools/nightly-check/run.sh   # another rules edit (a sed expression on rules.conf)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="$ROOT/../shared"
GOVLENS="$ROOT/bin/govlens"
RULES_EDIT="${RULES_EDIT:-s/confidence = 0.9/confidence = 0.8/}"
STEPS=(clean metadata sections sentences indicators tokenize textrank units)

[[ -d "$SHARED/corpus/external" ]] || { echo "nightly-check: $SHARED/corpus/external not found" >&2; exit 1; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/govlens-nightly-check.XXXXXX")"
FAILED=0
say() { echo "nightly-check: $*" >&2; }
fail() { say "FAIL: $*"; FAILED=1; }

INPUT="$WORK/input"
mkdir -p "$INPUT"
cp "$ROOT"/data/sample/* "$SHARED"/corpus/external/* "$INPUT"/
say "input: $(ls "$INPUT" | wc -l) files, $(du -sh "$INPUT" | cut -f1)"

# timed NAME LOG ARGS…: runs the pipeline, prints and records its wall time.
declare -A SECS
timed() {
  local name="$1" log="$2"
  shift 2
  local t0=$SECONDS rc=0
  "$GOVLENS" run --input "$INPUT" "$@" >"$log" 2>&1 || rc=$?
  SECS[$name]=$((SECONDS - t0))
  say "$name: exit $rc in ${SECS[$name]} s"
  return $rc
}

# 1. First run.
timed first "$WORK/first.log" --warehouse "$WORK/wh" || fail "first run"

# 2. A rules edit, then a plain rerun, against a full rebuild with the same rules.
RULES="$WORK/rules.conf"
sed -e "$RULES_EDIT" "$ROOT/conf/indicators/rules.conf" >"$RULES"
cmp -s "$RULES" "$ROOT/conf/indicators/rules.conf" && fail "RULES_EDIT ($RULES_EDIT) changed nothing in rules.conf"
timed rerun "$WORK/rerun.log" --warehouse "$WORK/wh" --set "indicators.rules-file=$RULES" || fail "rerun"
say "what the rerun reprocessed:"
grep -E "fingerprint|reprocess|documents written|new documents|analysed|values from" "$WORK/rerun.log" \
  | sed 's/^/    /' >&2 || true
timed full "$WORK/full.log" --warehouse "$WORK/full" --full --set "indicators.rules-file=$RULES" || fail "full rebuild"
if "$GOVLENS" compare "$WORK/wh" "$WORK/full" >"$WORK/compare1.log" 2>&1; then
  say "rerun after the rules edit equals the --full rebuild ($(grep -c . "$WORK/compare1.log") compare lines)"
else
  fail "rerun after the rules edit differs from the --full rebuild"
  grep -v "^same\|equal" "$WORK/compare1.log" | head -20 >&2 || true
fi

# 3. A table folder lost, then a plain rerun.
rm -rf "$WORK/wh/indicators" "$WORK/wh/keywords"
timed rebuild "$WORK/rebuild.log" --warehouse "$WORK/wh" --set "indicators.rules-file=$RULES" || fail "rerun after deleting tables"
grep -E "missing|rebuil" "$WORK/rebuild.log" | sed 's/^/    /' >&2 || true
if "$GOVLENS" compare "$WORK/wh" "$WORK/full" >"$WORK/compare2.log" 2>&1; then
  say "deleted tables (indicators, keywords) rebuilt equal to the --full rebuild"
else
  fail "after deleting tables, the rerun differs from the --full rebuild"
  grep -v "^same\|equal" "$WORK/compare2.log" | head -20 >&2 || true
fi

# 4. One document per step throws: the run commits and each failure is an errors row.
FINPUT="$WORK/input-faults"
cp -r "$INPUT" "$FINPUT"
spec=""
i=0
for f in "$FINPUT"/gwr_*.txt; do
  ((i < ${#STEPS[@]})) || break
  step="${STEPS[$i]}"
  printf '\n本段为测试标记故障注入%s。\n' "$step" >>"$f"
  spec="${spec:+$spec,}$step:故障注入$step"
  i=$((i + 1))
done
t0=$SECONDS
rc=0
GOVLENS_JAVA_OPTS="-Xmx2g -Dgovlens.fault-injection=$spec" "$GOVLENS" run --input "$FINPUT" --warehouse "$WORK/whf" \
  --set quality.max-share-errors=0.5 >"$WORK/faults.log" 2>&1 || rc=$?
say "faults: exit $rc in $((SECONDS - t0)) s (fault injection: $spec)"
((rc == 0)) || fail "the run with injected faults exited $rc"
"$GOVLENS" query --warehouse "$WORK/whf" \
  "SELECT stage, count(*) AS n, min(exception_class) AS exception FROM errors GROUP BY stage ORDER BY stage" \
  >"$WORK/errors.txt" 2>/dev/null || fail "no errors table"
sed 's/^/    /' "$WORK/errors.txt" >&2
for step in "${STEPS[@]}"; do
  grep -qE "^$step +\| +1 " "$WORK/errors.txt" || fail "no errors row for step $step"
done
docs=$("$GOVLENS" query --warehouse "$WORK/whf" --format csv "SELECT count(*) FROM documents" 2>/dev/null | tail -1)
say "documents committed by the run with faults: $docs of $(ls "$FINPUT" | wc -l) files"

say "wall times (s): first ${SECS[first]}, rerun after rules edit ${SECS[rerun]}, --full rebuild ${SECS[full]}," \
  "rerun after deleting 2 tables ${SECS[rebuild]}"
if ((FAILED)); then
  say "FAILED; logs and warehouses kept in $WORK"
  exit 1
fi
say "PASS"
if [[ -n "${NIGHTLY_CHECK_KEEP:-}" ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
