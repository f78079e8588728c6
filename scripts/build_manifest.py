"""Write src/electoral/data/MANIFEST.json: the content hash, size and rows of every packaged
data file, after checking every dataset (schema, types, ranges, row counts and the
cross-checks of ``electoral.integrity``).  Nothing is written if a check fails.

Run after any change to the packaged data (``make data`` runs it; at a merge: rerun it):

    python scripts/build_manifest.py          # check, then write
    python scripts/build_manifest.py --check  # exit 1 if the committed manifest is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from electoral.data import manifest  # noqa: E402
from electoral.errors import DataError  # noqa: E402

DATA = ROOT / "src" / "electoral" / "data"


def render(doc: dict[str, object]) -> str:
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", "--out", type=Path, default=DATA, help="data directory (default: the package's)"
    )
    ap.add_argument("--check", action="store_true", help="only check the committed manifest")
    # build_all.py passes every build script these; the manifest reads no public source
    ap.add_argument("--shared", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--update-sources", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    text = render(manifest.compute(args.data))
    target = args.data / manifest.MANIFEST
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is stale: run python scripts/build_manifest.py", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    # Validate the files as they are, against a manifest of themselves, before writing it.
    from electoral import integrity as checks

    try:
        checks.check_directory(args.data, json.loads(text))
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("nothing written", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}: {len(json.loads(text)['files'])} files checked")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
