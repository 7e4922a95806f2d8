"""Datelines ("SOFIA (Reuters) —", "WASHINGTON —", "Sofia, Bulgaria (AP) -"): where and through
whom a story was filed, written where a sentence's subject would stand. Never a speaker."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extract.rules import text_of

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
    """Where the dateline of the sentence's line ends (the sentence's start when it has none).

    The sentence splitter often cuts a dateline in two ("KARLOVO" | "(Balkan Wire) — ..."), so
    the line the sentence is on is read from its beginning."""
    text = text_of(sentence.doc)
    line_start = text.rfind("\n", 0, sentence.start_char) + 1
    match = DATELINE.match(text, line_start, sentence.end_char)
    if match is None or match.end() <= sentence.start_char:
        return sentence.start_char
    if not any(ch.isalpha() for ch in text[match.end() : sentence.end_char]):
        return sentence.start_char
    return match.end()


def in_dateline(token: Token, sentence: Span) -> bool:
    return token.idx < dateline_end(sentence)
