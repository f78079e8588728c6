#!/usr/bin/env bash
# The package as users get it: a wheel built with `python -m build` installs in a fresh venv
# (the core dependencies only, no extras) with no ../shared anywhere near, and from it
# `electoral election 2020` works and `electoral serve` names the extra it needs.
# Usage: .ci/wheel_check.sh [PYTHON]  (default .venv/bin/python, which has `build`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
py="${1:-.venv/bin/python}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# No isolation: the venv already holds setuptools; this keeps the check quick and offline.
# The sdist first, then the wheel from it (as `python -m build` does): nothing stale in a
# local build/ folder can slip into the wheel.
"$py" -m build --no-isolation --skip-dependency-check --outdir "$tmp/dist" . >"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log"; exit 1; }
wheel="$(ls "$tmp"/dist/electoral-*.whl)"
"$py" - "$wheel" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["electoral/py.typed", "electoral/data/returns.csv", "electoral/data/PROVENANCE.md",
        "electoral/web/static/index.html"]
missing = [n for n in need if n not in names]
sys.exit(f"wheel_check: not in the wheel: {missing}" if missing else 0)
PY

"$py" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"

mkdir "$tmp/elsewhere" && cd "$tmp/elsewhere"  # no ../shared here, no source tree on the path
[ ! -e ../shared ]
out="$("$tmp/venv/bin/electoral" election 2020 --json)"
# 2020: Biden 306, Trump 232 (Congressional Record, Jan. 6-7, 2021)
grep -q '"Joe Biden": 306' <<<"$out" || { echo "wheel_check: unexpected output: $out" >&2; exit 1; }
"$tmp/venv/bin/electoral" election 2020 >/dev/null

set +e
msg="$("$tmp/venv/bin/electoral" serve 2>&1)"
rc=$?
set -e
if [ "$rc" -ne 2 ] || ! grep -q "pip install 'electoral\[web\]'" <<<"$msg"; then
    echo "wheel_check: serve without the web extra gave exit $rc: $msg" >&2
    exit 1
fi
echo "wheel_check: $(basename "$wheel") installs and runs from a fresh venv"
