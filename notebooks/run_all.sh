#!/usr/bin/env bash
# Executes every GovLens notebook headless against a warehouse; fails on the first cell error.
#   notebooks/run_all.sh [WAREHOUSE]        # default ./warehouse (relative to the repository root)
# Creates a venv under notebooks/.venv (reused), installs requirements.txt (PIP_INDEX_URL and pip's own
# configuration are honoured), and writes the executed copies to a temporary folder (printed at the end), so
# the notebooks in git stay without outputs.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WH="$(realpath "${1:-$HERE/../warehouse}")"
[[ -d "$WH" ]] || { echo "run_all: no warehouse at $WH (run 'bin/govlens run' first)" >&2; exit 2; }
VENV="${GOVLENS_NB_VENV:-$HERE/.venv}"
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
OUT="$(mktemp -d /tmp/govlens-notebooks.XXXXXX)"
export GOVLENS_WAREHOUSE="$WH"
status=0
for nb in "$HERE"/[0-9][0-9]_*.ipynb; do
  echo "run_all: $(basename "$nb")"
  # nbconvert runs each notebook in its own folder, so `import govlens_nb` finds the helper.
  if ! "$VENV/bin/jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --output-dir "$OUT" "$nb" >"$OUT/$(basename "$nb" .ipynb).log" 2>&1; then
    echo "run_all: FAILED $(basename "$nb"):" >&2
    tail -30 "$OUT/$(basename "$nb" .ipynb).log" >&2
    status=1
  fi
done
echo "run_all: executed notebooks in $OUT"
exit $status
