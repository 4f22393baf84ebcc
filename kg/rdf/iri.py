"""IRIs of zhkg resources: namespaces, canonical keys, percent-encoding and content hashes (SPEC "IRIs").

Plain strings, no rdflib: the resolve stage computes every IRI with these, and
any writer (rdflib, a streaming Turtle writer, a pyoxigraph store) takes them as
they are.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from kg.text.labels import canonical_key

#: the ontology namespace (prefix ``kgo:``)
KGO_IRI = "https://w3id.org/zhkg/ontology#"
#: the resource namespace (prefix ``kgr:``)
KGR_IRI = "https://w3id.org/zhkg/resource/"
#: the namespace of lexicon concepts (ontology/lexicon.ttl)
KGL_IRI = "https://w3id.org/zhkg/lexicon/"
SCHEMA_IRI = "https://schema.org/"

_UCS_RANGES = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF), (0x10000, 0x1FFFD), (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD), (0x40000, 0x4FFFD), (0x50000, 0x5FFFD), (0x60000, 0x6FFFD), (0x70000, 0x7FFFD),
    (0x80000, 0x8FFFD), (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD),
    (0xD0000, 0xDFFFD), (0xE1000, 0xEFFFD),
)


def _iunreserved(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in "-._~"
    cp = ord(ch)
    if cp == 0xFFFD:
        return False
    return any(lo <= cp <= hi for lo, hi in _UCS_RANGES)


_URL = re.compile(
    r"^https?://(?P<host>\[[0-9A-Fa-f:.]+\]|[^/?#\[\]@\s]+)(?::\d+)?(?P<rest>[/?#][^\s]*)?$"
)
_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_IRI_CHAR_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\\ufffd\ue000-\uf8ff\ufdd0-\ufdef\ufff0-\uffff]')


def is_iri(value: str) -> bool:
    """Whether ``value`` is an http(s) URL that every RDF parser accepts as an IRI.

    >>> is_iri("https://example.org/数字经济?a=1"), is_iri("https://example.org/%zz"), is_iri("http://[::1/页")
    (True, False, False)
    """
    m = _URL.match(value)
    if not m or _PCT.search(value) or _IRI_CHAR_BAD.search(value):
        return False
    rest = m.group("rest") or ""
    return "[" not in rest and "]" not in rest and all(not ("\ud800" <= ch <= "\udfff") for ch in value)


def _percent_encode(text: str) -> str:
    """Every character outside ``iunreserved`` as %XX of its UTF-8 bytes; ``%`` itself is encoded,
    so the result decodes back to ``text`` (a lone surrogate keeps its own bytes, never an error)."""
    return "".join(
        ch if _iunreserved(ch) else quote(ch.encode("utf-8", "surrogatepass"), safe="") for ch in text
    )


@lru_cache(maxsize=65536)
def encode(key: str) -> str:
    """Percent-encode (UTF-8) every character outside RFC 3987 ``iunreserved``, after :func:`canonical_key`.

    >>> encode("数字经济"), encode("a/b c"), encode('x"%')
    ('数字经济', 'a%2Fbc', 'x%22%25')
    """
    return _percent_encode(canonical_key(key))


def encode_id(doc_id: str) -> str:
    """Percent-encode a document id by the same character rule, folding and removing nothing.

    Ids name inputs (``a b.txt`` and ``ab.txt``), so unlike entity keys two
    different ids must never meet in one IRI: the encoding is reversible.

    >>> encode_id("a b"), encode_id("ab"), encode_id("ａｂ"), encode_id("报告/2024#1")
    ('a%20b', 'ab', 'ａｂ', '报告%2F2024%231')
    """
    return _percent_encode(doc_id)


def entity_iri(label: str) -> str:
    """``kgr:`` + the encoded canonical key of an entity's label."""
    return KGR_IRI + encode(label)


def doc_iri(doc_id: str) -> str:
    """``kgr:doc/`` + the encoded input id (SPEC: different ids, different IRIs)."""
    return KGR_IRI + "doc/" + encode_id(doc_id)


def digest(*fields: object) -> str:
    """First 16 hex digits of the SHA-1 of the fields that identify a node."""
    text = "\x1f".join("" if f is None else str(f) for f in fields)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def node_iri(kind: str, *fields: object) -> str:
    """``kgr:fact/<h>``, ``kgr:stat/<h>``, ``kgr:claim/<h>``."""
    return f"{KGR_IRI}{kind}/{digest(*fields)}"
