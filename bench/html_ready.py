"""How long the HTML graph takes to be ready in a real browser, by size.

For synthetic zhkg graphs of 100, 1,000 and 5,000 nodes (about 3 edges per node,
with hubs, Statistics, Claims and provenance), writes the page with
``kg.export.html.write_html`` and opens it in Debian's headless Chromium (Playwright,
``/usr/bin/chromium``; no downloaded browser). "Ready" is the page's own
``window.__kgReadyMs``: milliseconds from navigation start to the first frame vis-network
draws. Physics is off (positions come from Python), so that frame is final.

    python bench/html_ready.py [--sizes 100,1000,5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser import Opened, chromium, missing_browser, synthetic_graph  # noqa: E402

from kg.export.html import write_html  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,5000", help="node counts, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="page loads per size (the median is shown)")
    args = ap.parse_args(argv)
    reason = missing_browser()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for n in sizes:
            graph = synthetic_graph(n)
            path = Path(tmp) / f"graph-{n}.html"
            start = time.perf_counter()
            summary = write_html(graph, path, max_nodes=n)
            written = time.perf_counter() - start
            ready, build, draw = [], [], []
            for _ in range(args.runs):
                page = Opened(browser, path)
                t = page.page.evaluate("window.__kgTimings")
                drawn = page.page.evaluate("network.body.nodeIndices.length")
                assert drawn == summary.nodes, (drawn, summary.nodes)
                assert page.requests == [page.url], page.requests
                ready.append(page.ready_ms())
                build.append(t["network"] - t["start"])
                draw.append(t["drawn"] - t["network"])
                page.close()
            rows.append((n, summary.edges, written, summary.bytes / 1e6, statistics.median(ready),
                         statistics.median(build), statistics.median(draw), max(ready)))
    print("| nodes | edges | write_html s | page MB | ready ms (median) | vis setup ms | first draw ms | "
          "ready ms (worst) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, e, w, mb, r, b, d, worst in rows:
        print(f"| {n:,} | {e:,} | {w:.2f} | {mb:.2f} | {r:,.0f} | {b:,.0f} | {d:,.0f} | {worst:,.0f} |")
    print(f"\nChromium: headless {browser_version()}; {args.runs} loads per size; viewport 1400x900.")
    return 0


def browser_version() -> str:
    import subprocess

    from browser import CHROMIUM

    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return "unknown"
    return out.strip().splitlines()[-1] if out.strip() else "unknown"


if __name__ == "__main__":
    sys.exit(main())
