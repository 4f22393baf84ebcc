"""Moved to :mod:`kg.rdf.ontology` (the one reader of ``ontology/zhkg.ttl``).

Kept only so that ``kg/extractors/relations.py`` keeps importing ``allowed``
until the rules side takes the ontology from its resources; nothing else
imports this module.
"""

from __future__ import annotations

from kg.rdf.ontology import allowed, signatures

__all__ = ["allowed", "signatures"]
