#!/usr/bin/env python3
"""Draw relation statements at random (fixed seed) for a precision review.

usage: python scripts/sample_statements.py GRAPH.ttl [GRAPH.ttl ...] [-n 50] [--seed 2026] [--related]

Prints each statement's subject, property, object, rule, confidence and evidence
sentence, numbered, so a reviewer can mark each true or false to its evidence.
relatedTo statements are left out unless --related is given.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.rdf.vocab import KGO


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graphs", nargs="+")
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--related", action="store_true", help="include relatedTo statements")
    a = ap.parse_args()
    rows = []
    for path in a.graphs:
        g = Graph().parse(path, format="turtle")
        label = {s: str(o) for s, o in g.subject_objects(SKOS.prefLabel)}
        for st in g.subjects(RDF.type, RDF.Statement):
            p = g.value(st, RDF.predicate)
            if p == KGO.relatedTo and not a.related:
                continue
            s, o = g.value(st, RDF.subject), g.value(st, RDF.object)
            ev = sorted(str(e) for e in g.objects(st, KGO.evidence))[0]
            rows.append((Path(path).parent.name, label.get(s, s), str(p).split("#")[-1], label.get(o, o),
                         str(g.value(st, KGO.rule)), str(g.value(st, KGO.confidence)), ev))
    rows.sort()
    rng = random.Random(a.seed)
    picked = rng.sample(rows, min(a.n, len(rows)))
    for i, (src, s, p, o, rule, conf, ev) in enumerate(picked, 1):
        print(f"{i:2}. [{src}] {s} --{p}--> {o}   ({rule}, {conf})\n    {ev}")
    print(f"({len(picked)} of {len(rows)} statements, seed {a.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
