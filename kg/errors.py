"""kg's exceptions: one root, `KgError`, that the CLI prints as one line,
`kg COMMAND: what happened (what to do)`, with the exit status 1.

A `KgError` carries what happened as its message and, optionally, what the user can do
about it as `hint`. Library callers catch `KgError` (or a subclass) and get the same text.
"""

from __future__ import annotations


class KgError(Exception):
    """Anything kg cannot do, told in one line. `hint` says what to do about it."""

    def __init__(self, message: str = "", hint: str | None = None):
        super().__init__(message)
        self.hint = hint

    def line(self) -> str:
        """What happened (what to do), on one line."""
        text = " ".join(str(self).split())
        return f"{text} ({self.hint})" if self.hint else text


class InputError(KgError):
    """An input that cannot be read (raised at the first one under `strict`)."""


class StoreError(KgError):
    """Anything a store cannot do."""


class StoreLocked(StoreError):
    """Another process (another `kg build`) holds the store's write lock."""


class DiskFull(StoreError):
    """No space left where kg writes."""


class QueryError(StoreError):
    """A query that is not valid SPARQL (message: `line L, column C: what`)."""


class QueryTimeout(StoreError):
    """A query that ran past its deadline."""


class ResultTooLarge(StoreError):
    """A SELECT with more rows than allowed."""


class DuplicateId(InputError):
    """Under `strict`: an article id given twice in one build."""
