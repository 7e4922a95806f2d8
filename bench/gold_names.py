"""The name part of a gold PolNeAR source, and whether a stored speaker names it in full.

The gold name part of a Source span is read off spaCy's full parse of the article (tagger,
parser and NER), independently of the extractor's rules:

1. a PERSON entity inside the span is the name (the first one: "Sen. John Smith and ..." -> "John
   Smith"), titles that NER took into it cut off ("President Trump" -> "Trump");
2. otherwise the longest run of proper nouns in the span, with the words that join the parts of
   one organisation's name inside it ("of", "and", "for", "the", "&", "-", a possessive "'s":
   "Bulgaria's Ministry of Transport", "the Ministry of Environment and Water" -> "Ministry of
   Environment and Water");
3. a span without a proper noun ("he", "officials", "the company") names nobody and is left out.

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
from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9]+")
JOINERS = {"of", "and", "for", "the", "&", "-", "'s", "’s", "on", "de", "la", "du", "von", "van"}
NAMED_LABELS = {"PERSON"}


def name_words(name: str) -> list[str]:
    folded = unidecode(name).casefold().replace("'s ", " ").replace("’s ", " ")
    folded = re.sub(r"(?:'s|’s|s')$", "", folded.strip())
    words = [word for word in _NON_WORD.split(folded) if word]
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return words


def gold_name_part(doc: Doc, start: int, end: int, titles: Iterable[str]) -> str | None:
    """The name inside ``doc.text[start:end]`` (a gold Source span), or None."""
    title_set = set(titles)
    for ent in doc.ents:
        if ent.label_ in NAMED_LABELS and ent.start_char >= start and ent.end_char <= end:
            words = [tok for tok in ent if not tok.is_punct or tok.text in {"-", "."}]
            while len(words) > 1 and words[0].lower_.rstrip(".") in title_set:
                words = words[1:]
            while words and words[-1].tag_ == "POS":
                words = words[:-1]
            if words:
                return doc.text[words[0].idx : words[-1].idx + len(words[-1])]
    tokens = [tok for tok in doc if tok.idx >= start and tok.idx + len(tok) <= end]
    best: list[Token] = []
    run: list[Token] = []
    for tok in [*tokens, None]:  # type: ignore[list-item]
        if tok is not None and (tok.pos_ == "PROPN" or (run and _joins(tok))):
            run.append(tok)
            continue
        while run and (run[-1].pos_ != "PROPN"):
            run.pop()
        if len(run) > len(best):
            best = run
        run = []
    if not best:
        return None
    return doc.text[best[0].idx : best[-1].idx + len(best[-1])]


def _joins(tok: Token) -> bool:
    return tok.lower_ in JOINERS or tok.tag_ == "POS"


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
