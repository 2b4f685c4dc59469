#!/usr/bin/env bash
# Browser check of the GovLens dashboard (not part of `mvn test`: it needs Chromium and Node).
#   tools/browser-check/run.sh            # from anywhere; exit 0 = passed
# Builds a warehouse from the sample corpus plus a crafted report whose title and sentences carry
# <script>alert(1)</script> and <img src=x onerror="window.__xss=1">, opens <wh>/dashboard/index.html in headless
# Chromium (playwright-core, system /usr/bin/chromium), asserts charts, table data, markup-as-text and that no
# injected code ran (check.js), and saves a screenshot to docs/dashboard.png.
# Env: GOVLENS_TARGET (default jobs/target: where the jobs jar and local-classpath.txt are), KEEP_TMP=1.
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
node "$HERE/check.js" "$WH/dashboard/index.html" "$SHOT"
mkdir -p "$ROOT/docs"
cp "$SHOT" "$ROOT/docs/dashboard.png"
echo "browser-check: passed; screenshot docs/dashboard.png"
