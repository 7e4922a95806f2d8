"""Datelines ("SOFIA (Reuters) —", "WASHINGTON —", "Sofia, Bulgaria (AP) -"): where and through
whom a story was filed, written where a sentence's subject would stand. Never a speaker."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_PLACE_CAPS = r"[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,40})?"
_PLACE = r"[A-Z][\w.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,40})?"
_AGENCY = r"\([^()\n]{1,40}\)"
_DASH = r"\s*(?:—|–|--|-)\s"
DATELINE = re.compile(
    rf"\s*(?:{_PLACE_CAPS}\s*(?:{_AGENCY})?|{_PLACE}\s*{_AGENCY}){_DASH}",
)


def dateline_end(sentence: Span) -> int:
    """The character offset where the sentence's dateline ends (its start when it has none)."""
    text = sentence.text
    match = DATELINE.match(text)
    if match is None or not any(ch.isalpha() for ch in text[match.end() :]):
        return sentence.start_char
    place = match.group(0).split("(")[0]
    if not any(ch.isupper() for ch in place):
        return sentence.start_char
    return sentence.start_char + match.end()


def in_dateline(token: Token, sentence: Span) -> bool:
    return token.idx < dateline_end(sentence)
