"""Option values that both the library and the command line name, importable without loading either.

The CLI builds every subcommand's parser at start-up; taking these from :mod:`kg.io` or
:mod:`kg.query` would load the text pipeline and rdflib for ``kg --help`` alone.
"""

from __future__ import annotations

#: how ``-`` (standard input) is read: one text, JSON Lines records, or auto-detected
STDIN_FORMATS: tuple[str, ...] = ("auto", "text", "jsonl")
#: seconds a SERVICE endpoint may take to connect and to answer, when SERVICE is allowed
DEFAULT_TIMEOUT = 30.0
