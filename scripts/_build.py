"""What every data build script shares: the options, the build log, the source hashes.

Each ``scripts/build_*.py`` reads public files under ``--shared`` (``../shared/data``),
writes the package's datasets and their ``*PROVENANCE.md`` into ``--out`` (the package's
``src/electoral/data`` unless told otherwise; ``build_all.py --check`` builds into a temporary
folder and compares), and records the sha256 of every source it read.  A source whose hash
differs from the one the committed provenance records stops the build with a message naming
the file, unless ``--update-sources`` says the change is meant.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from electoral.errors import DataError  # noqa: E402

DATA = ROOT / "src" / "electoral" / "data"  # the committed datasets and their provenance
SHARED = ROOT.parent / "shared" / "data"

#: "- `census/x.csv` (sha256 0123456789abcdef…)", "- `polls/y.csv` — origin, commit `…`
#: (sha256 …)" (the file opens the line), and "the shared `dir/z.csv` (sha256 …" in a sentence
_RECORDED = (
    re.compile(r"^- `([^`\s]+)`[^\n]*?\(sha256 ([0-9a-f]{16})…", re.MULTILINE),
    re.compile(r"`([^`\s]+)` \(sha256 ([0-9a-f]{16})…"),
)

_expected: dict[str, str] = {}
_update = False


class SourceChanged(Exception):
    """A source file is not the one the committed provenance was built from."""


@dataclass
class Log:
    """What the build did: sources read, corrections made, checks passed or failed."""

    sources: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    open_issues: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    #: whether each check is written "ok: ..." / "FAILED: ..." (the polls' provenance: bare)
    prefixed: bool = True

    def check(self, ok: bool, what: str) -> None:
        mark = ("ok: " if ok else "FAILED: ") if self.prefixed else ""
        (self.checks if ok else self.failures).append(mark + what)


def arguments(description: str) -> argparse.ArgumentParser:
    """The options every build script takes: ``--shared``, ``--out``, ``--update-sources``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the public data (shared/data)")
    ap.add_argument(
        "--out", type=Path, default=DATA, help="where to write (default: the package's data)"
    )
    ap.add_argument(
        "--update-sources",
        action="store_true",
        help="accept sources whose sha256 differs from the one the provenance records",
    )
    return ap


def start(args: argparse.Namespace, *provenance: str) -> Path:
    """Read the hashes the committed ``provenance`` files record; make ``args.out``."""
    global _update
    _update = bool(args.update_sources)
    _expected.clear()
    for name in provenance:
        path = DATA / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            for pattern in _RECORDED:  # a source is a path under shared/ or the repository
                _expected.update((k, v) for k, v in pattern.findall(text) if "/" in k)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    return out


def sha(path: Path) -> str:
    """The first 16 hex digits of ``path``'s sha256, checked against the recorded one."""
    got = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    posix = path.resolve().as_posix()
    for rel, want in _expected.items():
        if posix.endswith("/" + rel) and want != got and not _update:
            raise SourceChanged(
                f"{path}: sha256 {got}…, but the committed provenance records {want}… for "
                f"`{rel}`: the source changed; check what changed, then rebuild with "
                "--update-sources"
            )
    return got


def run(main: Callable[[], int]) -> int:
    """Run a build script's ``main``; a changed source or a bad value in a file it reads
    (a ``DataError``, naming the file, line and field) is one error line, exit 2."""
    try:
        return main()
    except (SourceChanged, DataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def section(title: str, items: Iterable[str], *intro: str) -> list[str]:
    """A provenance section: ``## title``, any ``intro`` lines, then one bullet per item
    (each once, in order)."""
    head = ["", f"## {title}", ""]
    if intro:
        head += [*intro, ""]
    return head + [f"- {i}" for i in dict.fromkeys(items)]
