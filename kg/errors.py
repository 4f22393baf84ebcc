"""zhkg's exceptions. Each message says what went wrong and what to do; the
CLI prints ``str(error)`` on one line and exits non-zero."""

from __future__ import annotations


class KGError(Exception):
    """Base class: a problem the user can fix (bad input, bad option)."""

    exit_code = 2


class InputError(KGError):
    """An input cannot be read as text (missing, binary, undecodable, malformed)."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class LexiconError(KGError):
    """A lexicon file is missing or not a usable SKOS lexicon."""


class QueryError(KGError):
    """A SPARQL query does not parse or fails to run."""


class OutputError(KGError):
    """An output file cannot be written."""


class UnknownNameError(KGError, KeyError):
    """A registry lookup failed; the message lists the valid names."""

    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        super().__init__(f"unknown {kind} {name!r}; choose one of: {', '.join(sorted(valid))}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM, SIGHUP): unwinds like KeyboardInterrupt, so temporary
    files are removed and worker processes stopped. Its argument is the signal's name."""


class DocumentFailed(Exception):
    """An unexpected error (a bug) while extracting one document; the message names the document."""
