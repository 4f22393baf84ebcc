"""Document -> Parsed: clean the text, split sentences, simplify, tokenise.

The cleaned source-script text of each sentence is kept as evidence; its
simplified form (OpenCC ``t2s``, or ``tw2sp`` for Taiwanese text) is what
tokens and extractors work on.
"""

from __future__ import annotations

import re

from kg.text.clean import clean
from kg.text.script import script_of, to_simplified, variant_of
from kg.text.segment import Segmenter, split_sentences
from kg.types import Document, Parsed, Sentence


def parse(doc: Document, segmenter: Segmenter, attribution: re.Pattern[str] | None = None) -> Parsed:
    """Clean, split and tokenise ``doc``.

    ``attribution`` matches (in simplified text) the short tail that keeps ``“……”贺晗指出。`` in one sentence.
    """
    text = clean(doc.text)
    script = script_of(text)
    variant = variant_of(text) if script == "Hant" else None

    def names_speaker(tail: str) -> bool:
        return attribution is not None and attribution.search(to_simplified(tail, variant)) is not None

    spans = split_sentences(text, names_speaker)
    simplified = to_simplified(text, variant)
    aligned = len(simplified) == len(text)  # t2s keeps lengths; tw2sp may not
    sentences = []
    title = None
    first_line = text.lstrip().split("\n", 1)[0].strip()
    if doc.title:
        # the title is the article's first statement (国家数据局局长刘烈宏：…): sentence 0, a heading
        t = clean(doc.title).strip()
        if t and t != first_line:
            tn = to_simplified(t, variant)
            title = Sentence(0, -1, t, tn, tuple(segmenter.tokens(tn)), heading=True)
            sentences.append(title)
    seen: dict[str, tuple] = {}  # repeated sentences (menus, boilerplate) are tokenised once
    for span in spans:
        index = len(sentences)
        raw = text[span.start : span.end]
        norm = simplified[span.start : span.end] if aligned else to_simplified(raw, variant)
        sentences.append(
            Sentence(
                index=index,
                paragraph=span.paragraph,
                text=raw,
                norm=norm,
                tokens=seen[norm] if norm in seen else seen.setdefault(norm, tuple(segmenter.tokens(norm))),
                heading=span.heading,
            )
        )
    return Parsed(doc=doc, script=script, variant=variant, sentences=tuple(sentences), title=title)
