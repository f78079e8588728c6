"""Rebuild every packaged dataset, in order (``make data``); ``--check`` rebuilds them into a
temporary folder and fails unless they equal, byte for byte, what is committed.

Run from the repository root:  python scripts/build_all.py [--check] [--shared DIR]
[--update-sources].  Every ``scripts/build_*.py`` must be listed in ``ORDER``.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _build import DATA, ROOT, SHARED

#: Each script reads only the public data and what the scripts before it wrote: census's
#: electors check, night's returns and parties' votes cast read the package's records,
#: night's prior its polls.
ORDER = (
    "build_data",
    "build_census",
    "build_polls",
    "build_fundamentals",
    "build_confirmation",
    "build_night",
    "build_parties",
    "build_manifest",  # last: checks every dataset, then hashes them into MANIFEST.json
)


def build(out: Path, extra: list[str]) -> int:
    scripts = {p.stem for p in (ROOT / "scripts").glob("build_*.py")} - {"build_all"}
    if scripts != set(ORDER):
        print(f"error: scripts/build_all.py ORDER lists {sorted(ORDER)}, the folder has "
              f"{sorted(scripts)}", file=sys.stderr)  # fmt: skip
        return 2
    for name in ORDER:
        cmd = [sys.executable, str(ROOT / "scripts" / f"{name}.py"), "--out", str(out), *extra]
        env = {**os.environ, "ELECTORAL_DATA_BUILD": "1"}  # manifest rewritten last
        rc = subprocess.run(cmd, cwd=ROOT, check=False, env=env).returncode
        if rc != 0:
            print(f"error: scripts/{name}.py failed (exit {rc})", file=sys.stderr)
            return rc
    return 0


def compare(built: Path) -> list[str]:
    """What differs between ``built`` and the committed data (code files aside)."""
    committed = {p.name for p in DATA.iterdir() if p.is_file() and p.suffix != ".py"}
    made = {p.name for p in built.iterdir() if p.is_file()}
    problems = [f"{n}: committed, but no build script writes it" for n in sorted(committed - made)]
    problems += [f"{n}: written by a build, not committed" for n in sorted(made - committed)]
    problems += [
        f"{n}: the rebuild differs from the committed file"
        for n in sorted(made & committed)
        if not filecmp.cmp(built / n, DATA / n, shallow=False)
    ]
    return problems


def main(argv: list[str]) -> int:
    check = "--check" in argv
    extra = [a for a in argv if a != "--check"]
    if "--shared" not in extra:
        extra += ["--shared", str(SHARED)]
    if not check:
        return build(DATA, extra)
    with tempfile.TemporaryDirectory(prefix="electoral-data-") as tmp:
        rc = build(Path(tmp), extra)
        if rc != 0:
            return rc
        problems = compare(Path(tmp))
    for p in problems:
        print(f"error: src/electoral/data/{p}", file=sys.stderr)
    if problems:
        print("the committed data is not what the scripts build: run `make data`", file=sys.stderr)
        return 1
    print(f"data check: the {len(ORDER)} build scripts reproduce the committed data exactly")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
