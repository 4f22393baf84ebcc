"""How the page draws each class and property: colours and shapes (the viewer's own), labels (the ontology's).

The classes and properties themselves come from :mod:`kg.rdf.ontology`: a
class or property the ontology adds is drawn with a default shape or a colour
of its own (picked from :data:`PALETTE` by its name) and labelled with the
ontology's ``rdfs:label``s, with no change here. An entry below only chooses
a nicer colour or shape.
"""

from __future__ import annotations

import hashlib

from kg.rdf.ontology import Ontology

#: class -> (zh, en, colour, vis shape); the order is the legend's. Labels are the ontology's where it has them.
CLASS_STYLE: dict[str, tuple[str, str, str, str]] = {
    "Concept": ("概念", "Concept", "#4e79a7", "dot"),
    "Technology": ("技术", "Technology", "#17a2a2", "hexagon"),
    "Sector": ("行业", "Sector", "#59a14f", "square"),
    "Product": ("产品", "Product", "#a463c2", "triangle"),
    "Person": ("人物", "Person", "#e15759", "star"),
    "Organization": ("机构", "Organization", "#f28e2b", "diamond"),
    "Place": ("地点", "Place", "#9c755f", "triangleDown"),
    "Statistic": ("统计数据", "Statistic", "#e0b400", "chart"),  # drawn by the page: a small bar chart
    "Claim": ("观点", "Claim", "#f07c9b", "bubble"),  # drawn by the page: a speech bubble
    "Document": ("文档", "Document", "#bab0ac", "database"),
}
#: property -> (zh, en, colour); the order is the legend's
PROP_STYLE: dict[str, tuple[str, str, str]] = {
    "partOf": ("属于", "part of", "#4e79a7"),
    "hasPart": ("包含", "has part", "#4e79a7"),
    "isA": ("是一种", "is a", "#2f6f8f"),
    "integratesWith": ("融合", "integrates with", "#59a14f"),
    "enables": ("赋能", "enables", "#f28e2b"),
    "requires": ("需要", "requires", "#e15759"),
    "constrains": ("制约", "constrains", "#9d1f3a"),
    "appliedIn": ("应用于", "applied in", "#a463c2"),
    "relatedTo": ("相关", "related to", "#a0a0a0"),
    "affiliatedWith": ("任职于", "affiliated with", "#9c755f"),
    "locatedIn": ("位于", "located in", "#7a5c2e"),
    "about": ("关于", "about", "#b8951c"),
    "speaker": ("发言人", "speaker", "#d37295"),
    "region": ("地区", "region", "#6f6f6f"),
    "denominator": ("占比基数", "denominator", "#8a8a8a"),
    "mentions": ("提及", "mentions", "#c8c8c8"),
}
#: colours for properties and classes that have no entry above
PALETTE: tuple[str, ...] = ("#76b7b2", "#ff9da7", "#b07aa1", "#edc948", "#86bcb6", "#d4a6c8", "#8cd17d", "#f1ce63")
DEFAULT_SHAPE = "dot"
#: classes the page does not show unless asked (``--types``, ``--documents``)
HIDDEN_BY_DEFAULT = ("Document",)


def _colour(name: str) -> str:
    return PALETTE[int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)]


def legend(onto: Ontology) -> tuple[str, ...]:
    """Every class a node may have, in legend order: the styled ones, then the ontology's others by name."""
    known = set(onto.node_classes)
    return (*(c for c in CLASS_STYLE if c in known), *sorted(known - set(CLASS_STYLE)))


def prop_rank(p: str) -> tuple[int, str]:
    """Legend order of properties: the styled ones first."""
    return (list(PROP_STYLE).index(p) if p in PROP_STYLE else 99, p)


def _labels(onto: Ontology, name: str, zh: str, en: str) -> tuple[str, str]:
    ozh, oen = onto.label(name)
    return ozh or zh, oen or en


def class_style(onto: Ontology, cls: str) -> tuple[str, str, str, str]:
    """(zh, en, colour, shape) of a class."""
    zh, en, colour, shape = CLASS_STYLE.get(cls, (cls, cls, _colour(cls), DEFAULT_SHAPE))
    return (*_labels(onto, cls, zh, en), colour, shape)


def shape(cls: str) -> str:
    return CLASS_STYLE[cls][3] if cls in CLASS_STYLE else DEFAULT_SHAPE


def prop_style(onto: Ontology, p: str) -> tuple[str, str, str]:
    """(zh, en, colour) of a property."""
    zh, en, colour = PROP_STYLE.get(p, (p, p, _colour(p)))
    return (*_labels(onto, p, zh, en), colour)
