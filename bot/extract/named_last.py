"""A source written after the content and before its cue, set off by commas, that the parser
hung elsewhere: "The river is dying, Ana Novak of “Clean Rivers Now”, a conservation group,
said." The cue then has no subject, and the name sits inside what it reads as the content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.extract.name_spans import territory_names
from bot.extract.rules import text_of, trim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PHRASE_STOPS = {"VERB", "AUX", "PRON", "SCONJ"}  # a clause, not a noun phrase, lies there


def name_before_cue(cue: Token, sentence: Span) -> list[Token]:
    """The comma-set noun phrases opened by a name just before a cue that has no subject."""
    doc = cue.doc
    if cue.i - 1 <= sentence.start or doc[cue.i - 1].text != ",":
        return []
    if cue.i + 1 < sentence.end and not doc[cue.i + 1].is_punct:
        return []  # "..., Ana Novak, said on Monday that": not a frame closing the content
    start = None
    i = cue.i - 2
    while i > sentence.start and doc[i].pos_ not in PHRASE_STOPS and not doc[i].is_space:
        if doc[i].text == "," and doc[i + 1].pos_ == "PROPN" and doc[i + 1].is_title:
            start = i + 1
        i -= 1
    if start is None or (i <= sentence.start and doc[i].pos_ not in PHRASE_STOPS):
        return []  # nothing before the name: it opens the sentence and is no aside
    return [tok for tok in doc[start : cue.i - 1] if not tok.is_space]


def before_source(pieces: list[tuple[int, int]], source: list[Token]) -> list[tuple[int, int]]:
    """The content's pieces cut to end before the source written after them."""
    text = text_of(source[0].doc)
    limit = source[0].idx
    cut = [trim(text, start, min(end, limit)) for start, end in pieces if start < limit]
    return [(start, end) for start, end in cut if end > start]


PLACE_LABELS = {"GPE", "LOC"}
NAME_PHRASE = {"PROPN", "DET", "ADP", "PUNCT", "CCONJ"}


def body_before_place(source: list[Token]) -> list[Token]:
    """ "the Parliament of Western Ostland (WOP), Australia voted", "Ana Vale of the
    University of Kestria, Northfield said": a lone place the parser made the subject
    stands after the name of who acted, set off by a comma; that name is the source."""
    words = [tok for tok in source if not tok.is_punct]
    if not words or not (
        all(tok.ent_type_ in PLACE_LABELS for tok in words)
        or " ".join(tok.lower_ for tok in words) in territory_names()
    ):
        return []
    doc = source[0].doc
    comma = source[0].i - 1
    if comma < 1 or doc[comma].text != ",":
        return []
    start = comma
    while start - 1 >= doc[comma].sent.start and doc[start - 1].pos_ in NAME_PHRASE:
        if doc[start - 1].text in {",", ";", ":", "—", "–"} or doc[start - 1].is_space:
            break
        start -= 1
    phrase = [tok for tok in doc[start:comma] if not tok.is_space]
    while phrase and (phrase[0].pos_ in {"ADP", "CCONJ"} or phrase[0].is_punct):
        phrase = phrase[1:]
    names = [tok for tok in phrase if tok.pos_ == "PROPN"]
    if not names or all(tok.ent_type_ in PLACE_LABELS for tok in names):
        return []  # "Paris, France said": a place after a place
    return phrase
