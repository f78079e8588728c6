"""Every public name is documented: each name in the ``__all__`` of the package and of its
public subpackages has a docstring, and so does every public method and property the
exported classes define (like datasette's ``test_docs``)."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

PACKAGES = (
    "electoral",
    "electoral.analysis",
    "electoral.forecast",
    "electoral.confirmation",
)


def _exported() -> Iterator[tuple[str, str, Any]]:
    for package in PACKAGES:
        mod = importlib.import_module(package)
        for name in mod.__all__:
            if name.startswith("__"):  # __version__
                continue
            yield package, name, getattr(mod, name)


EXPORTED = list(_exported())


def _own_members(cls: type) -> Iterator[tuple[str, Any]]:
    """The public methods and properties ``cls`` itself defines (not dataclass fields)."""
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, property | staticmethod | classmethod) or inspect.isfunction(value):
            yield name, value


def _doc(obj: Any) -> str | None:
    if isinstance(obj, staticmethod | classmethod):
        obj = obj.__func__
    return obj.__doc__


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_has_a_docstring_and_all(package: str) -> None:
    mod = importlib.import_module(package)
    assert (mod.__doc__ or "").strip(), package
    assert mod.__all__, f"{package} exports nothing"


@pytest.mark.parametrize(
    ("package", "name", "obj"), EXPORTED, ids=[f"{p}.{n}" for p, n, _ in EXPORTED]
)
def test_every_public_name_has_a_docstring(package: str, name: str, obj: Any) -> None:
    obj = inspect.unwrap(obj)  # a cached function's own docstring
    assert inspect.isclass(obj) or inspect.isfunction(obj), f"{package}.{name}: {obj!r}"
    doc = inspect.getdoc(obj) if inspect.isfunction(obj) else obj.__doc__
    assert doc and doc.strip(), f"{package}.{name} has no docstring"
    if inspect.isclass(obj):
        # a dataclass without a docstring gets a generated one: "Name(field: type, ...)"
        assert not doc.startswith(f"{obj.__name__}("), f"{package}.{name}: generated docstring"
        missing = [m for m, v in _own_members(obj) if not (_doc(v) or "").strip()]
        assert not missing, f"{package}.{name}: undocumented {', '.join(missing)}"
