"""One error hierarchy; the CLI turns each into a message on stderr and an exit code."""

from __future__ import annotations

from pathlib import Path


class ElectoralError(Exception):
    """Base of every error the engine raises on purpose."""

    exit_code: int = 1


class DataError(ElectoralError):
    """Input that cannot be used: names the file, the line and the field at fault."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f", line {self.line}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class RuleError(ElectoralError):
    """A question the law cannot answer as asked (a tie in a state, an unknown year...)."""

    exit_code = 2


class StoreError(ElectoralError):
    """The store refused an operation (unknown name, name taken, bad URL)."""

    exit_code = 2


class MissingDependency(ElectoralError):
    """A feature needs an optional dependency that is not installed (names the extra)."""

    exit_code = 2
