"""Bounding what one article may cost the extractor, before spaCy sees it.

spaCy's tokenizer is quadratic on a run of punctuation or symbols without a space (16,000
quotation marks took 44 s), its memory grows with the tokens, and it refuses texts over a
million characters (E088). So a text is first cut to ``max_chars``, then *tamed* for the
parse without moving a single character: a long run of punctuation or symbols keeps its
first characters and the rest become spaces, a very long word gets a space every
``LONG_WORD`` characters, and a stretch with no sentence end or line break longer than
``LONG_SENTENCE`` gets a line break (a sentence boundary for the parser). Offsets into the
tamed text are offsets into the original, and an ordinary article is not changed at all.
"""

from __future__ import annotations

import re

from bot.errors import ExtractionBudgetError
from bot.settings import SPACY_MAX_LENGTH, ExtractionBudget

__all__ = [
    "PARSE_PIECE",
    "SPACY_MAX_LENGTH",
    "ExtractionBudget",
    "ExtractionBudgetError",
    "cut_text",
    "parse_pieces",
    "tame",
]

RUN_KEPT = 3  # characters of a long punctuation run that stay: "!!!" still reads as "!!!"
LONG_RUN = 20  # a longer run of punctuation or symbols is blanked after its first RUN_KEPT
LONG_WORD = 1_000  # longer words without a space get one every LONG_WORD characters
LONG_SENTENCE = 2_000  # longer stretches without . ! ? or a line break get a line break
# A longer text is parsed in pieces of about this size, cut after paragraph breaks: each piece
# holds the GIL for a fraction of a second, and the time budget is checked between them.
# Ordinary articles are shorter (Wikinews 2019: at most 10,600 characters) and parsed whole.
PARSE_PIECE = 20_000

_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{LONG_RUN + 1},}}")
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_LONG_SENTENCE = re.compile(rf"[^.!?\n]{{{LONG_SENTENCE + 1},}}")


def cut_text(text: str, max_chars: int) -> str:
    """``text`` if it fits, else its first ``max_chars`` characters, ended at the last
    paragraph break, line break or space of the final fifth when there is one."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    floor = max_chars - max_chars // 5
    for boundary in ("\n\n", "\n", " "):
        at = head.rfind(boundary, floor)
        if at > 0:
            return head[:at].rstrip()
    return head


def parse_pieces(text: str, size: int = PARSE_PIECE) -> list[str]:
    """``text`` in consecutive pieces of at most ``size`` characters that join up to it, each
    ended after a paragraph break, else a line break, else a space, in its second half."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        end = start + size
        for boundary in ("\n\n", "\n", " "):
            at = window.rfind(boundary, size // 2)
            if at > 0:
                end = start + at + len(boundary)
                break
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def tame(text: str) -> str:
    """``text`` with the same length and the same characters wherever it is ordinary, but
    cheap for spaCy to tokenize and parse (see the module's docstring)."""
    if _PUNCTUATION_RUN.search(text):
        text = _PUNCTUATION_RUN.sub(_blank_run, text)
    if _LONG_WORD.search(text):
        text = _LONG_WORD.sub(_spaced_word, text)
    if _LONG_SENTENCE.search(text):
        text = _LONG_SENTENCE.sub(_broken_sentence, text)
    return text


def _blank_run(match: re.Match[str]) -> str:
    run = match.group()
    return run[:RUN_KEPT] + " " * (len(run) - RUN_KEPT)


def _spaced_word(match: re.Match[str]) -> str:
    letters = list(match.group())
    for at in range(LONG_WORD, len(letters), LONG_WORD):
        letters[at] = " "
    return "".join(letters)


def _broken_sentence(match: re.Match[str]) -> str:
    """A line break at the last space of every LONG_SENTENCE characters (or at the limit)."""
    stretch = list(match.group())
    start = 0
    while len(stretch) - start > LONG_SENTENCE:
        window_end = start + LONG_SENTENCE
        space = "".join(stretch[start:window_end]).rfind(" ")
        at = start + space if space > 0 else window_end
        stretch[at] = "\n"
        start = at + 1
    return "".join(stretch)
