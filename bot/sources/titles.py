"""The one title rule for an article that arrives as bare text: a pasted or forwarded message,
a ``.txt`` file, a ``text/plain`` page, a feed entry without a title, a page without one."""

from __future__ import annotations

import re

MAX_TITLE_CHARS = 120

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'A-Z0-9])")


def title_from_text(text: str) -> str:
    """A short first line on its own, without a full stop, reads as a headline and is the
    title; otherwise the first sentence, shortened. The text itself keeps every line, so the
    same words hash the same however they arrived.

    >>> title_from_text("Harbour reopens\\nThe port said so.")
    'Harbour reopens'
    """
    text = text.strip()
    first_line, _, remainder = text.partition("\n")
    first_line = first_line.strip()
    if remainder.strip() and len(first_line) <= MAX_TITLE_CHARS and first_line[-1:] not in ".!?":
        return first_line
    first_sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    return shorten(" ".join(first_sentence.split()), MAX_TITLE_CHARS) or "(untitled)"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
