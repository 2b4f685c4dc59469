#!/usr/bin/env bash
# A nightly run into a warehouse on a real, small file system (issue 19), with the real launcher:
#   1. a first run (one sample report) into a warehouse on a 5 MB tmpfs;
#   2. a nightly run of the external corpus into it: the disk fills up; the run must exit 1 with one line
#      "govlens: cannot write <table>: No space left on device", leave the warehouse byte for byte as it was
#      and leave no staged files;
#   3. the file system grown (remount), the same nightly run again: it must complete (exit 0, or 4 for the
#      quality gate) and equal a clean run of the same inputs (govlens compare).
# Mounting needs root (CI runs as root). Without it the check is skipped, or fails when CI is set.
#   tools/full-disk-check/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="$ROOT/../shared"
GOVLENS="$ROOT/bin/govlens"
say() { echo "full-disk-check: $*" >&2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/govlens-full-disk.XXXXXX")"
MNT="$WORK/small"
mkdir -p "$MNT"
if [[ $EUID -ne 0 ]] || ! mount -t tmpfs -o size=5m govlens-full-disk "$MNT" 2>/dev/null; then
  if [[ -n "${CI:-}" ]]; then say "FAIL: cannot mount a 5 MB tmpfs (root needed)"; exit 1; fi
  say "skipped: mounting a small tmpfs needs root"
  exit 0
fi
cleanup() { umount "$MNT" 2>/dev/null || true; [[ -n "${KEEP:-}" ]] || rm -rf "$WORK"; }
trap cleanup EXIT
FAILED=0
fail() { say "FAIL: $*"; FAILED=1; }
DAY1="$WORK/day1"
NIGHT="$WORK/night"
mkdir -p "$DAY1" "$NIGHT"
cp "$ROOT/data/sample/000_2a0a36ba8a6511d2.txt" "$DAY1/"
cp "$SHARED"/corpus/external/* "$NIGHT/"
snapshot() { (cd "$1" && find . -type f ! -path './_runs/*' -print0 | sort -z | xargs -0 md5sum); }

rc=0
"$GOVLENS" run --input "$DAY1" --warehouse "$MNT/wh" >"$WORK/first.log" 2>&1 || rc=$?
((rc == 0)) || { fail "first run exited $rc"; tail -20 "$WORK/first.log" >&2; exit 1; }
say "first run: exit 0, $(df -h "$MNT" | awk 'NR==2 {print $3 " of " $2 " used"}')"
snapshot "$MNT/wh" >"$WORK/before.md5"

rc=0
"$GOVLENS" run --input "$DAY1" "$NIGHT" --warehouse "$MNT/wh" >"$WORK/night.log" 2>"$WORK/night.err" || rc=$?
line="$(grep '^govlens:' "$WORK/night.err" | tail -1 || true)"
say "nightly run on the full disk: exit $rc: $line"
((rc == 1)) || fail "expected exit 1 on a full disk, got $rc"
[[ "$line" =~ ^govlens:\ cannot\ write\ .+:\ No\ space\ left\ on\ device$ ]] || fail "unexpected message: $line"
[[ "$(grep -c '^govlens:' "$WORK/night.err")" == 1 ]] || fail "more than one line of reason"
snapshot "$MNT/wh" >"$WORK/after.md5"
if cmp -s "$WORK/before.md5" "$WORK/after.md5"; then
  say "the warehouse is byte for byte as before ($(wc -l <"$WORK/before.md5") files)"
else
  fail "the warehouse changed:"; diff "$WORK/before.md5" "$WORK/after.md5" | head >&2 || true
fi
if [[ -d "$MNT/wh/_staging" ]] && [[ -n "$(ls -A "$MNT/wh/_staging")" ]]; then fail "staged files left behind"; fi

mount -o remount,size=256m "$MNT"
rc=0
"$GOVLENS" run --input "$DAY1" "$NIGHT" --warehouse "$MNT/wh" >"$WORK/rerun.log" 2>&1 || rc=$?
say "the same nightly run with space: exit $rc"
((rc == 0 || rc == 4)) || { fail "rerun exited $rc"; tail -20 "$WORK/rerun.log" >&2; }
"$GOVLENS" run --input "$DAY1" --warehouse "$WORK/clean" >/dev/null 2>&1 || true
"$GOVLENS" run --input "$DAY1" "$NIGHT" --warehouse "$WORK/clean" >/dev/null 2>&1 || true
if "$GOVLENS" compare "$WORK/clean" "$MNT/wh" >"$WORK/compare.log" 2>&1; then
  say "it equals a clean run of the same inputs ($(grep -c 'same' "$WORK/compare.log") tables)"
else
  fail "the rerun differs from a clean run"; grep -v ': same' "$WORK/compare.log" | head >&2 || true
fi
if ((FAILED)); then KEEP=1; say "FAILED; kept $WORK"; exit 1; fi
say "PASS"
