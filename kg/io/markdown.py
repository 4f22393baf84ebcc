"""Markdown markup removed, the text kept (``.md`` and ``.markdown`` inputs).

Every pattern is linear, so a huge line without line breaks is cheap.
"""

from __future__ import annotations

import html
import re

__all__ = ["strip_markdown"]


def strip_markdown(text: str) -> str:
    """Remove Markdown markup and keep the text.

    Headings lose their ``#``, emphasis and code its markers, links keep their
    text, images and HTML tags and comments go, table rows lose their pipes
    (cells joined by a space), lists and quotes lose their markers. Code
    blocks are kept verbatim without their fences. Every pattern is linear, so
    a huge line without line breaks is cheap.

    >>> md = "## 数字经济 ##\\n> **数据**是[要素](https://x.org)![图](a.png)\\n"
    >>> strip_markdown(md + "| 年 | 规模 |\\n|---|---|\\n| 2021 | 45.5万亿 |")
    '数字经济\\n数据是要素\\n年 规模\\n2021 45.5万亿'
    """
    text = _strip_html_comments(text)
    lines = text.split("\n")
    table_rows = _table_rows(lines)
    out: list[str] = []
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not m.group(2).strip():
                fence = None
            else:
                out.append(line)
            continue
        if m and (m.group(1)[0] == "~" or "`" not in m.group(2)):
            fence = m.group(1)
            continue
        if i in table_rows:
            if _TABLE_SEPARATOR.match(line):
                continue
            cells = _TABLE_PIPE.split(line.strip().strip("|"))
            out.append(" ".join(c for c in (_inline(c.strip()) for c in cells) if c))
            continue
        if _RULE.match(line) or (_SETEXT.match(line) and out and out[-1].strip()):
            out.append("")
            continue
        footnote = _FOOTNOTE_DEF.match(line)
        if footnote:  # a footnote keeps its text
            out.append(_inline(footnote.group(1)))
            continue
        if _REFERENCE_DEF.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(_inline(_heading_text(heading.group(1) or "")))
            continue
        line = _QUOTE.sub("", line, count=1)
        line = _BULLET.sub(r"\1", line, count=1)
        out.append(_inline(line))
    return "\n".join(out)



_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r" {0,3}=+[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?:\[[ xX]\][ \t]+)?")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^[^\]\n]+\]:[ \t]*(.*)$")
_REFERENCE_DEF = re.compile(
    r" {0,3}\[[^\]\n]+\]:[ \t]*(?:<[^<>\n]*>|[!-~]+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"
)
_TABLE_SEPARATOR = re.compile(r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TABLE_PIPE = re.compile(r"(?<!\\)\|")

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)([^`\n]+)\1(?!`)")  # tried at the start of a run only
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    # bracket texts exclude "[" so that a line of unclosed "[" costs linear time
    (re.compile(r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)"), ""),  # image
    (re.compile(r"!\[[^\[\]\n]*\]\[[^\[\]\n]*\]"), ""),  # reference image
    (re.compile(r"\[\^[^\[\]\n]+\]"), ""),  # footnote mark
    (re.compile(r"(?<!\\)\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)"), r"\1"),  # link
    (re.compile(r"(?<!\\)\[([^\[\]\n]+)\]\[[^\[\]\n]*\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|ftp)://[^<>\s]+)>", re.IGNORECASE), r"\1"),  # autolink
    (re.compile(r"<([^<>\s@]+@[^<>\s@.]+(?:\.[^<>\s@.]+)+)>"), r"\1"),  # e-mail autolink
    (re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6]|table|ul|ol|blockquote)\s*>", re.IGNORECASE), "\n"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), ""),  # other HTML tags
    (re.compile(r"(?<!\\)\*\*(?=\S)([^*\n]+?)(?<=\S)(?<!\\)\*\*"), r"\1"),
    (re.compile(r"(?<![\w\\])__(?=\S)([^_\n]+?)(?<=\S)(?<!\\)__(?!\w)"), r"\1"),
    (re.compile(r"(?<!\\)\*(?=\S)([^*\n]+?)(?<=\S)(?<!\\)\*"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=\S)([^_\n]+?)(?<=\S)(?<!\\)_(?!\w)"), r"\1"),
    (re.compile(r"(?<!\\)~~(?=\S)([^~\n]+?)(?<=\S)~~"), r"\1"),
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _inline(line: str) -> str:
    """Inline markup of one line; code spans are kept as written, without backticks."""
    parts = _CODE_SPAN.split(line)
    out: list[str] = []
    for i in range(0, len(parts), 3):
        segment = parts[i]
        if any(c in segment for c in "[<*_~"):
            for pattern, replacement in _INLINE:
                segment = pattern.sub(replacement, segment)
        if "&" in segment:
            segment = html.unescape(segment)
        out.append(_ESCAPE.sub(r"\1", segment))
        if i + 2 < len(parts):
            out.append(parts[i + 2])
    return "".join(out)


def _heading_text(content: str) -> str:
    """An ATX heading's text without its optional closing ``#``s (string ops: no backtracking)."""
    content = content.rstrip(" \t")
    bare = content.rstrip("#")
    if bare != content and (not bare or bare[-1] in " \t"):
        return bare.rstrip(" \t")
    return content


def _strip_html_comments(text: str) -> str:
    """Remove ``<!-- … -->`` (across lines too), with find() so it stays linear."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        pos = end + 3


def _table_rows(lines: list[str]) -> set[int]:
    """Indices of table lines: a header row, its ``|---|`` separator and the rows up to a blank line."""
    rows: set[int] = set()
    for i, line in enumerate(lines):
        if "|" in line and "-" in line and i > 0 and "|" in lines[i - 1] and _TABLE_SEPARATOR.match(line):
            rows.update((i - 1, i))
            j = i + 1
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.add(j)
                j += 1
    return rows
