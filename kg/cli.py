"""The ``kg`` command: a thin layer over the library.

Each subcommand lives in ``kg/commands/<name>.py`` with ``add_parser(subparsers)``
that sets ``func``. User errors (:class:`kg.errors.KGError`) print one line and exit
non-zero; only a bug shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from kg import __version__
from kg.errors import KGError

#: subcommands in the order ``kg --help`` lists them
COMMANDS: tuple[str, ...] = ("build", "query", "view", "eval", "extractors")


def parser() -> argparse.ArgumentParser:
    """The full argument parser (also used by the docs test)."""
    p = argparse.ArgumentParser(
        prog="kg",
        description="Turn Chinese articles into an RDF knowledge graph (Turtle, SPARQL, HTML).",
        epilog="Run 'kg COMMAND --help' for a command's options.",
    )
    p.add_argument("--version", action="version", version=f"zhkg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        import_module(f"kg.commands.{name}").add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kg`` and ``zhkg``; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KGError as e:
        print(f"kg {args.command}: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
