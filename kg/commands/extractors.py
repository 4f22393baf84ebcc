"""``kg extractors``: list the pipeline's stages, what each needs and adds, and which stages it must follow."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extractors", help="list the extractors in pipeline order",
                       description="List every registered extractor (built-in and plugins) in pipeline order, "
                       "with the Extraction fields it requires and assigns and the stages it must run after.")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg import extractors

    for name in extractors.names():
        ex = extractors.get(name)
        desc = getattr(ex, "description", "")
        after = getattr(ex, "after", ())
        order = f" (after {', '.join(after)})" if after else ""
        print(f"{name:13} requires {','.join(ex.requires) or '-':22} assigns {','.join(ex.assigns):28} {desc}{order}")
    return 0
