"""Typed errors: every failure a user can meet has a stable code, an exit status for the
command line, and Chinese messages that name what went wrong.

Callers decide by type (or ``code``), never by matching message text. The command line maps
any ``DraftingError`` that reaches it to its messages on stderr and ``exit_code``
(drafting.cli); the app shows ``messages``.

Exit statuses: 0 done; 1 the command ran and found errors in the report (or a model call
failed); 2 the command could not run on this input (unreadable, too large, bad option, output
not writable, database unusable).
"""
from __future__ import annotations

from typing import Iterable


class DraftingError(Exception):
    """Base of the project's errors. ``errors`` is a list of Chinese messages, one per problem."""

    code = "error"
    exit_code = 1

    def __init__(self, errors: str | Iterable[str], source: str = "", code: str | None = None):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        self.source = source
        if code is not None:
            self.code = code
        super().__init__("\n".join(self.errors))

    @property
    def messages(self) -> list[str]:
        return self.errors


class InputError(DraftingError):
    """The input cannot be used: bad option, unreadable file, a value out of bounds."""

    code = "input"
    exit_code = 2


class UsageError(InputError):
    """The command was asked for something it cannot do (unknown section, missing option)."""

    code = "usage"


class ReportLoadError(InputError):
    """The input cannot be read as a report."""

    code = "unreadable"


class LimitExceeded(ReportLoadError):
    """An input is larger than a bound of drafting.limits; ``bound`` says which."""

    code = "too_large"

    def __init__(self, errors: str | Iterable[str], source: str = "", bound=None):
        super().__init__(errors, source, code=f"too_large.{bound.key}" if bound is not None else None)
        self.bound = bound


class OutputError(DraftingError):
    """An output file cannot be written (a directory, no permission, disk full)."""

    code = "output"
    exit_code = 2


class StoreError(DraftingError):
    """The database cannot be used; the message says what to do. Nothing was half-written."""

    code = "store"
    exit_code = 2


class StoreFull(StoreError):
    code = "store.full"


class StoreCorrupt(StoreError):
    code = "store.corrupt"


class StoreUnavailable(StoreError):
    code = "store.unavailable"


__all__ = ["DraftingError", "InputError", "UsageError", "ReportLoadError", "LimitExceeded",
           "OutputError", "StoreError", "StoreFull", "StoreCorrupt", "StoreUnavailable"]
