"""Text: from a document's raw text to sentences and tokens (nothing here touches bytes or RDF).

- :mod:`kg.text.clean` — :func:`clean`, an explicit ordered list of small
  ``str -> str`` steps, one module each: :mod:`~kg.text.surrogates`,
  :mod:`~kg.text.spaces` (line ends, invisible characters, spaces),
  :mod:`~kg.text.width`, :mod:`~kg.text.pinyin`, :mod:`~kg.text.mojibake`
  (GBK repair, scored by :mod:`~kg.text.wordmodel`), :mod:`~kg.text.punctuation`;
- :mod:`kg.text.script` — script and regional variant: detection, and
  conversion with OpenCC (the one module that creates OpenCC converters);
- :mod:`kg.text.dictionary` — jieba's ``dict.txt``, read once per process for
  the mojibake word model and :mod:`kg.io`'s encoding model;
- :mod:`kg.text.labels` — the normal forms labels are compared in (lexicon
  lookup, IRI keys, viewer search, gold matching);
- :mod:`kg.text.segment` — sentence splitting and the jieba segmenter;
- :mod:`kg.text.parse` — the stage that ties them: a Document to its
  sentences and tokens.

>>> clean("在AI基礎(chǔ)設(shè)施方面,國內(nèi)還存在差距")
'在AI基礎設施方面，國內還存在差距'
>>> to_simplified("國內")
'国内'
"""

from __future__ import annotations

from kg.text.clean import STEPS, clean
from kg.text.labels import canonical_key, compact_label, match_key, search_key
from kg.text.mojibake import repair_gbk_mojibake
from kg.text.pinyin import strip_pinyin
from kg.text.punctuation import fix_punctuation
from kg.text.script import convert, label_tag, script_of, to_simplified, variant_of
from kg.text.spaces import collapse_spaces
from kg.text.surrogates import scrub_surrogates
from kg.text.width import fold_width

__all__ = [
    "STEPS",
    "canonical_key",
    "clean",
    "collapse_spaces",
    "compact_label",
    "convert",
    "fix_punctuation",
    "fold_width",
    "label_tag",
    "match_key",
    "repair_gbk_mojibake",
    "script_of",
    "scrub_surrogates",
    "search_key",
    "strip_pinyin",
    "to_simplified",
    "variant_of",
]
