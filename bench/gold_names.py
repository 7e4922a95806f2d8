"""The name part of a gold PolNeAR source, and whether a stored speaker names it in full.

The gold name part of a Source span is read off spaCy's full parse of the article (tagger,
parser and NER), independently of the extractor's rules:

1. the span names someone when its head (the one token whose syntactic head lies outside it) is
   a proper noun, or has a proper noun in apposition ("the minister, Ana Ruiz"). A span headed by
   a common noun or a pronoun ("the Florida senator", "White House officials", "he", "Donald
   Trump's wife") names nobody in full and is left out of the figure;
2. that proper noun in a PERSON entity: the entity's words inside the span, leading titles cut
   off ("President Trump" -> "Trump");
3. otherwise the run of proper nouns around it inside the span, with the words that join one
   organisation's parts ("of", "for", "the", a possessive "'s", words glued on by a hyphen or a
   dot; "and"/"&" only inside the same named entity): "Bulgaria's Ministry of Transport",
   "the Ministry of Environment and Water" -> "Ministry of Environment and Water". A possessive
   owner other than a place is cut off ("Huffington Post's Scott Conroy" -> "Scott Conroy",
   "Bulgaria's Ministry of Transport" stays whole), and, unless NER calls it an organisation or
   a place, so is everything up to the last title word ("Texas Lt. Gov. Dan Patrick" -> "Dan
   Patrick").

Role words and determiners stay outside the name because they are not proper nouns ("opposition
leader Jonas Berg" -> "Jonas Berg"), and a role written with capitals in front of a person is
cut by rule 1 ("US Ambassador to Germany Richard Grenell" -> "Richard Grenell").

A stored speaker names the gold source in full when its words (ascii-folded, case-folded, no
leading "the", no possessive ending) equal the gold name part's, or when the gold name part is
the end of the stored name and the stored name is written in the article ("Trump" resolved to
"Donald Trump" named earlier).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from bot.folding import to_ascii

_NON_WORD = re.compile(r"[^a-z0-9]+")
JOINERS = {"of", "for", "the", "-", "'s", "’s", "on", "de", "la", "du", "von", "van"}


def name_words(name: str) -> list[str]:
    folded = to_ascii(name).casefold().replace("'s ", " ").replace("’s ", " ")
    folded = re.sub(r"(?:'s|’s|s')$", "", folded.strip())
    words = [word for word in _NON_WORD.split(folded) if word]
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return words


def gold_name_part(doc: Doc, start: int, end: int, titles: Iterable[str]) -> str | None:
    """The name inside ``doc.text[start:end]`` (a gold Source span), or None."""
    tokens = [tok for tok in doc if tok.idx >= start and tok.idx + len(tok) <= end]
    if not tokens:
        return None
    inside = {tok.i for tok in tokens}
    head = next((tok for tok in tokens if tok.head.i not in inside or tok.head.i == tok.i), None)
    if head is None:
        return None
    name = head if head.pos_ == "PROPN" else None
    if name is None:
        name = next(
            (c for c in head.children if c.i in inside and c.dep_ == "appos" and c.pos_ == "PROPN"),
            None,
        )
    if name is None:
        return None
    title_set = set(titles)
    if name.ent_type_ == "PERSON":
        ent = next(ent for ent in doc.ents if ent.start <= name.i < ent.end)
        words = [tok for tok in ent if tok.i in inside and tok.tag_ != "POS"]
    else:
        ent_range = next(
            (range(ent.start, ent.end) for ent in doc.ents if ent.start <= name.i < ent.end),
            range(0),
        )
        words = _run_around(name, inside, ent_range)
        words = _after_owner(words)
        if name.ent_type_ not in {"ORG", "GPE", "NORP", "FAC"}:
            words = _after_title(words, title_set)
    while len(words) > 1 and words[0].lower_.rstrip(".") in title_set:
        words = words[1:]
    while words and (words[-1].tag_ == "POS" or words[-1].lower_ in JOINERS):
        words = words[:-1]
    if not words:
        return None
    return doc.text[words[0].idx : words[-1].idx + len(words[-1])]


def _after_owner(words: list[Token]) -> list[Token]:
    """ "Huffington Post's Scott Conroy" -> "Scott Conroy"; a place owning it stays in the name."""
    for index in range(len(words) - 1, 0, -1):
        if words[index].tag_ == "POS" and index + 1 < len(words):
            owner = words[index - 1]
            if owner.ent_type_ not in {"GPE", "NORP", "LOC"}:
                return words[index + 1 :]
            break
    return words


def _after_title(words: list[Token], titles: set[str]) -> list[Token]:
    """ "Texas Lt. Gov. Dan Patrick" -> "Dan Patrick": a person's name follows their title."""
    last = max(
        (i for i, tok in enumerate(words[:-1]) if tok.lower_.rstrip(".") in titles), default=-1
    )
    return words[last + 1 :] if last >= 0 else words


def _run_around(name: Token, inside: set[int], entity: range) -> list[Token]:
    """The proper nouns around ``name`` with the words that join one name's parts."""
    doc = name.doc

    def belongs(tok: Token) -> bool:
        if tok.i not in inside:
            return False
        if tok.pos_ == "PROPN":
            return True
        if tok.lower_ in {"and", "&"}:
            return tok.i in entity
        glued = tok.i > 0 and not doc[tok.i - 1].whitespace_ and not tok.is_space
        glued = glued and (tok.text in {"-", "."} or (tok.is_alpha and not tok.is_lower))
        return tok.lower_ in JOINERS or tok.tag_ == "POS" or glued

    first = last = name.i
    while first - 1 >= 0 and belongs(doc[first - 1]):
        first -= 1
    while last + 1 < len(doc) and belongs(doc[last + 1]):
        last += 1
    words = list(doc[first : last + 1])
    while words and words[0].pos_ != "PROPN":
        words = words[1:]
    return words


def names_in_full(stored: str | None, gold: str, article_text: str) -> bool:
    if not stored:
        return False
    stored_words, gold_words = name_words(stored), name_words(gold)
    if not gold_words:
        return False
    if stored_words == gold_words:
        return True
    longer = len(stored_words) > len(gold_words)
    return longer and stored_words[-len(gold_words) :] == gold_words and stored in article_text
