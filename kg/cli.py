"""The ``kg`` command: a thin layer over the library.

Each subcommand lives in ``kg/commands/<name>.py`` with ``add_parser(subparsers)``
that sets ``func``. Whatever goes wrong, a command prints one line and exits
non-zero: user errors (:class:`kg.errors.KGError`) say what to do; anything else
is a bug, reported in one line that names the input and points at ``--debug``,
which shows the traceback. SIGTERM and SIGHUP end a command the way Ctrl-C does,
so temporary files are removed and worker processes stopped.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import traceback
import warnings
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn, TextIO

from kg import __version__
from kg.errors import KGError, Terminated

#: subcommands in the order ``kg --help`` lists them
COMMANDS: tuple[str, ...] = ("build", "query", "view", "eval", "extractors")

_DEBUG_HELP = "show the full traceback of an unexpected error"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (``kg build: error: …``) that points at ``--help``."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _warning_line(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """zhkg's own warnings (an input repaired, a lexicon entry skipped) as one line each on standard error."""
    if issubclass(category, UserWarning) and filename.startswith(_PACKAGE_DIR):
        print(f"kg {_running[-1] if _running else ''}".rstrip() + f": warning: {message}", file=sys.stderr)
    else:
        _show_warning(message, category, filename, lineno, file, line)


_show_warning = warnings.showwarning
#: the subcommand running, for warning lines
_running: list[str] = []
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def parser() -> argparse.ArgumentParser:
    """The full argument parser (also used by the docs test)."""
    p = _Parser(
        prog="kg",
        description="Turn Chinese articles into an RDF knowledge graph (Turtle, SPARQL, HTML).",
        epilog="Run 'kg COMMAND --help' for a command's options.",
    )
    p.add_argument("--version", action="version", version=f"zhkg {__version__}")
    p.add_argument("--debug", action="store_true", help=_DEBUG_HELP)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        import_module(f"kg.commands.{name}").add_parser(sub)
    for command in sub.choices.values():  # `kg build X --debug` as well as `kg --debug build X`
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP)
    return p


def _terminate(signum: int, _frame: object) -> None:
    raise Terminated(signal.Signals(signum).name)


def _inputs(args: argparse.Namespace) -> str:
    """What the command was working on, for the one-line report of a bug."""
    for name in ("inputs", "graphs", "graph"):
        value = getattr(args, name, None)
        if value:
            shown = ", ".join(str(v) for v in value[:3]) + (f" (+{len(value) - 3} more)" if len(value) > 3 else "")
            return f" on {shown}"
    if getattr(args, "command", None) == "build":
        return " on the built-in sample"
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kg`` and ``zhkg``; returns the exit status."""
    args = parser().parse_args(argv)
    previous = _handle_stop_signals()
    warnings.showwarning = _warning_line
    _running.append(args.command)
    try:
        return int(args.func(args) or 0)
    except KGError as e:
        print(f"kg {args.command}: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except Terminated as e:
        print(f"kg {args.command}: stopped by {e}", file=sys.stderr)
        return 128 + int(signal.Signals[str(e)])
    except BrokenPipeError:
        return 0
    except ModuleNotFoundError as e:  # an installation missing a dependency, not a bug of the input
        if args.debug:
            traceback.print_exc()
        print(f"kg {args.command}: error: zhkg's installation is incomplete: {e} (reinstall it: pip install zhkg)",
              file=sys.stderr)
        return 1
    except Exception as e:  # a bug: one line, the traceback only when asked for
        if args.debug:
            traceback.print_exc()
        text = str(e).strip().splitlines()
        detail = f"{type(e).__name__}: {text[0]}" if text else type(e).__name__
        print(f"kg {args.command}: internal error{_inputs(args)}: {detail} "
              f"(run again with --debug for the traceback, and please report it)", file=sys.stderr)
        return 1
    finally:
        _running.pop()
        warnings.showwarning = _show_warning
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _handle_stop_signals() -> dict[int, object]:
    """SIGTERM and SIGHUP raise :class:`Terminated` (main thread only); returns the handlers replaced."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {signum: signal.signal(signum, _terminate) for signum in (signal.SIGTERM, signal.SIGHUP)}


if __name__ == "__main__":
    sys.exit(main())
