#!/usr/bin/env bash
# Browser check of the GovLens dashboard (not part of `mvn test`: it needs Chromium and Node).
#   tools/browser-check/run.sh            # from anywhere; exit 0 = passed
# Part 1, the sample:
# Builds a warehouse from the sample corpus plus a crafted report whose title and sentences carry
# <script>alert(1)</script> and <img src=x onerror="window.__xss=1">, opens <wh>/dashboard/index.html in headless
# Chromium (playwright-core, system /usr/bin/chromium), asserts charts, table data, markup-as-text and that no
# injected code ran (check.js), and saves a screenshot to docs/dashboard.png.
# Part 2, national scale: `govlens synth-warehouse` writes a synthetic warehouse of SYNTH_DOCS (default 30,000)
# reports with hostile titles, sentences, keywords and quarantine details; `govlens dashboard` builds its page
# (region detail in dashboard/regions/*.json, above govlens.dashboard.embed-max-documents), which must be at most
# 10 MB; opened as a file, the page must render and say that region detail needs --serve; served by
# `govlens dashboard --serve`, a region's detail must load on demand. Build time and page size are printed.
# Env: GOVLENS_TARGET (default jobs/target: where the jobs jar and local-classpath.txt are), KEEP_TMP=1,
# SYNTH_DOCS (0 skips part 2).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$ROOT/${GOVLENS_TARGET:-jobs/target}"
TMP="$(mktemp -d /tmp/govlens-browser-check.XXXXXX)"
[[ "${KEEP_TMP:-0}" == 1 ]] || trap 'rm -rf "$TMP"' EXIT

need_root() { [[ "$(id -u)" == 0 ]] || { echo "browser-check: $1 is missing and installing it needs root (apt-get install -y $2)" >&2; exit 1; }; }
if [[ ! -x /usr/bin/chromium ]]; then
  need_root chromium chromium
  apt-get update && apt-get install -y chromium
fi
# Without a CJK font Chinese labels render as boxes, which the screenshot would show.
if [[ -z "$(fc-list :lang=zh 2>/dev/null)" ]]; then
  need_root "a CJK font" fonts-noto-cjk
  apt-get update && apt-get install -y fonts-noto-cjk
fi
command -v node >/dev/null || { echo "browser-check: node (>= 18) is needed" >&2; exit 1; }

if [[ ! -f "$TARGET/govlens-jobs-0.1.0.jar" || ! -f "$TARGET/local-classpath.txt" ]]; then
  (cd "$ROOT" && mvn -q -B -DskipTests install)
fi
CP="$TARGET/govlens-jobs-0.1.0.jar:$(cat "$TARGET/local-classpath.txt")"
JAVA=(java -Xmx2g $(cat "$TARGET/launcher/jvm-options") -Dlog4j.configurationFile=govlens-log4j2.properties -cp "$CP")

# The crafted report replaces the first sample report: markup added to its title line, to its first sentence
# and before 全市新收 (the sentence of the administrative-review figures, so an indicator's source sentence carries it); the rest is
# unchanged, so it keeps its region and year and passes the pipeline's quality gate. An empty file adds a
# quarantine row for the quality chart.
mkdir -p "$TMP/input"
FIRST="$(ls "$ROOT"/data/sample/*.txt | head -1)"
for f in "$ROOT"/data/sample/*.txt; do [[ "$f" == "$FIRST" ]] || cp "$f" "$TMP/input/"; done
PAYLOAD='<script>alert(1)</script><img src=x onerror="window.__xss=1">'
sed -e "0,/^## /s|^\(## .*\)\$|\1${PAYLOAD}|" \
    -e "0,/坚持/s|坚持|${PAYLOAD}坚持|" \
    -e "0,/全市新收/s|全市新收|${PAYLOAD}全市新收|" "$FIRST" > "$TMP/input/zz-malicious.txt"
[[ "$(grep -c 'alert(1)' "$TMP/input/zz-malicious.txt")" -ge 2 ]] \
  || { echo "browser-check: could not craft the malicious report" >&2; exit 1; }
: > "$TMP/input/empty.txt"

WH="$TMP/warehouse"
"${JAVA[@]}" govlens.jobs.GovLensCli run --input "$TMP/input" --warehouse "$WH" >&2
# Until the pipeline's last stage writes the page, write it from the tables.
[[ -f "$WH/dashboard/index.html" ]] || "${JAVA[@]}" govlens.jobs.dashboard.DashboardCommand --warehouse "$WH" >&2

(cd "$HERE" && npm ci --no-audit --no-fund --silent)
SHOT="$TMP/dashboard.png"
node "$HERE/check.js" "$WH/dashboard/index.html" "$SHOT" embedded
mkdir -p "$ROOT/docs"
cp "$SHOT" "$ROOT/docs/dashboard.png"
echo "browser-check: sample passed; screenshot docs/dashboard.png"

DOCS="${SYNTH_DOCS:-30000}"
if [[ "$DOCS" -gt 0 ]]; then
  BIG="$TMP/synth-$DOCS"
  "${JAVA[@]}" govlens.jobs.GovLensCli synth-warehouse --docs "$DOCS" --out "$BIG" >&2
  T0=$(date +%s)
  "${JAVA[@]}" govlens.jobs.GovLensCli dashboard --warehouse "$BIG" >&2
  BYTES=$(stat -c %s "$BIG/dashboard/index.html")
  echo "browser-check: $DOCS synthetic reports: page $BYTES bytes (goal <= 10 MB), $(ls "$BIG/dashboard/regions" | wc -l) region files, built in $(( $(date +%s) - T0 )) s (JVM start included, -Xmx2g)"
  [[ "$BYTES" -le 10000000 ]] || { echo "browser-check: the page is larger than 10 MB" >&2; exit 1; }
  node "$HERE/check.js" "$BIG/dashboard/index.html" "$TMP/synth-file.png" needs-serve
  # The server prints its URL on stdout; it is stopped by its own process id when the check ends.
  "${JAVA[@]}" govlens.jobs.GovLensCli dashboard --serve --warehouse "$BIG" > "$TMP/serve.out" 2>&2 &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true; [[ "${KEEP_TMP:-0}" == 1 ]] || rm -rf "$TMP"' EXIT
  URL=""
  for _ in $(seq 1 120); do
    URL="$(grep -m1 '^http://127\.0\.0\.1:[0-9]*/$' "$TMP/serve.out" || true)"
    [[ -n "$URL" ]] && break
    kill -0 "$SERVER" 2>/dev/null || { echo "browser-check: dashboard --serve ended early" >&2; exit 1; }
    sleep 1
  done
  [[ -n "$URL" ]] || { echo "browser-check: dashboard --serve printed no URL" >&2; exit 1; }
  node "$HERE/check.js" "$URL" "$TMP/synth-served.png" served
  kill "$SERVER"
  echo "browser-check: $DOCS synthetic reports passed (as a file and served at $URL)"
fi
echo "browser-check: passed"
