"""A source set off by commas just before its cue, that the parser hung elsewhere: "The river
is dying, Ana Novak of “Clean Rivers Now”, a conservation group, said", "Speaking to the
Courier, the chair of X, Ana Novak, said: ...". The cue then has no subject, and the name
sits inside what it reads as the content or as another phrase."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.extract.name_spans import territory_names
from bot.extract.rules import Found, text_of, trim

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
    start = _role_before(doc[start - 1], sentence) or start
    return [tok for tok in doc[start : cue.i - 1] if not tok.is_space]


def _role_before(comma: Token, sentence: Span) -> int | None:
    """Where a role set off before the name starts: ", the president of X, Ana Novak"."""
    doc = comma.doc
    j = comma.i - 1
    while j > sentence.start and doc[j].text != "," and doc[j].pos_ not in PHRASE_STOPS:
        j -= 1
    if doc[j].text != "," or j + 1 >= comma.i or doc[j + 1].lower_ not in {"the", "a", "an"}:
        return None
    if not any(tok.pos_ == "NOUN" for tok in doc[j + 1 : comma.i]):
        return None
    return j + 1


def without_source(pieces: list[tuple[int, int]], source: list[Token]) -> list[tuple[int, int]]:
    """The content's pieces without the source's words, which the parser had put in them."""
    text = text_of(source[0].doc)
    first, last = source[0].idx, source[-1].idx + len(source[-1])
    cut: list[tuple[int, int]] = []
    for start, end in pieces:
        if start < first:
            cut.append(trim(text, start, min(end, first)))
        if end > last:
            cut.append(trim(text, max(start, last), end))
    return [(start, end) for start, end in cut if end > start and text[start:end].strip(" ,")]


_JOINING = re.compile(r"[\s,;]*\b(?:and|or|but|while|as)\s*$")


def cut_at_next_source(found: list[Found]) -> None:
    """ "with A calling X “Soviet-style” and B calling Y a coup": the parser hangs B's clause
    inside A's content; A's content ends where another cue's source, after A's cue, begins."""
    for hit in found:
        starts = [
            other.source[0].idx
            for other in found
            if other is not hit
            and other.source
            and other.sentence.start == hit.sentence.start
            and other.source[0].idx > hit.cue.idx
            and other.cue.head.i == hit.cue.i
            and other.cue.dep_ in {"advcl", "conj"}  # a report beside this one, not inside it
        ]
        cut = min((at for at in starts if any(s < at < e for s, e in hit.content)), default=None)
        if cut is None:
            continue
        text = text_of(hit.cue.doc)
        pieces = [(start, min(end, cut)) for start, end in hit.content if start < cut]
        pieces = [(start, start + len(_JOINING.sub("", text[start:end]))) for start, end in pieces]
        pieces = [trim(text, start, end) for start, end in pieces]
        hit.content = [(start, end) for start, end in pieces if end > start] or hit.content


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
