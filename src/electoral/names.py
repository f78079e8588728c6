"""Candidate names: one canonical spelling per person, whatever the source wrote.

Sources spell the same person many ways ("TRUMP, DONALD J.", "DONALD J TRUMP",
"Donald Trump").  A name is reduced to a *key* — its lower-case word tokens, with
nicknames in quotes and suffixes (Jr., III) dropped, sorted — so that word order and
punctuation do not matter.  The packaged table ``candidates.csv`` maps keys of known
spellings to the canonical name; an unknown name is kept, re-ordered to "First Last" and,
if it was all capitals, title-cased.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_NICKNAME = re.compile(r"\"+[^\"]*\"+|\([^)]*\)")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace(".", " "))]


def name_key_words(raw: str) -> list[str]:
    """The words of a name in order, lower case, without nicknames in quotes or suffixes."""
    text = _NICKNAME.sub(" ", raw)
    if "," in text:
        last, _, rest = text.partition(",")
        text = f"{rest} {last}"
    return [t for t in _tokens(text) if t not in _SUFFIXES]


def name_key(raw: str) -> tuple[str, ...]:
    """The order-free key of a name.

    ``name_key("TRUMP, DONALD J.") == ("donald", "j", "trump")``.
    """
    return tuple(sorted(name_key_words(raw)))


def display_form(raw: str) -> str:
    """``"DE LA CRUZ, CLAUDIA"`` -> ``"Claudia De La Cruz"``; mixed-case names keep their case."""
    text = " ".join(raw.split())
    if "," in text:
        last, _, rest = text.partition(",")
        rest = rest.strip()
        suffix = ""
        words = rest.split()
        if words and words[-1].strip(".").lower() in _SUFFIXES:
            suffix = " " + words.pop()
        text = f"{' '.join(words)} {last.strip()}{suffix}".strip()
    text = text.replace('""', '"')
    if text.isupper():
        text = " ".join(
            w.capitalize() if not w.startswith('"') else w.title() for w in text.split()
        )
    return text


def find(name: str, pool: Iterable[str], *, unique: bool = True) -> str | None:
    """The candidate of ``pool`` that ``name`` means: itself, else the one with that last name.

    With ``unique`` a last name shared by several candidates matches nobody; without it the
    first in ``pool``'s order wins.
    """
    candidates = list(pool)
    if name in candidates:
        return name
    last = name.split()[-1].lower() if name.split() else ""
    hits = [c for c in candidates if c.split() and c.split()[-1].lower() == last]
    if not hits or (unique and len(hits) > 1):
        return None
    return hits[0]


class NameBook:
    """Canonical names for the spellings in ``aliases`` (alias -> canonical)."""

    def __init__(self, aliases: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        pairs = aliases.items() if isinstance(aliases, Mapping) else aliases
        self._by_key: dict[tuple[str, ...], str] = {}
        for alias, canonical in pairs:
            for spelling in (canonical, alias):
                key = name_key(spelling)
                known = self._by_key.get(key)
                if known is not None and known != canonical:
                    raise ValueError(f"{spelling!r} maps to both {known!r} and {canonical!r}")
                self._by_key[key] = canonical

    def canonical(self, raw: str) -> str:
        """The canonical name of ``raw``; an unknown name in its display form."""
        return self._by_key.get(name_key(raw)) or display_form(raw)

    def __contains__(self, raw: object) -> bool:
        return isinstance(raw, str) and name_key(raw) in self._by_key
