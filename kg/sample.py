"""The built-in sample: the team's own short text with the defects real input has.

Traditional script, pinyin annotations after characters (``數(shù)``), ASCII
punctuation between Chinese characters and a GBK mis-decoding where a lead
byte was dropped (``!痹S振宇`` for ``！”許振宇``). ``kg build`` with no INPUT
builds it.
"""

from __future__ import annotations

from pathlib import Path

from kg.types import Document

SAMPLE = Path(__file__).resolve().parent / "data" / "sample.txt"


def sample_document() -> Document:
    """The sample as a Document (id ``sample``).

    >>> sample_document().id
    'sample'
    """
    from kg.io import read_text_file

    text, meta = read_text_file(SAMPLE)
    return Document(text=text, id="sample", origin="(built-in sample)", **{
        k: v for k, v in meta.items() if k in ("title", "url", "source", "date", "author", "publisher")
    })
