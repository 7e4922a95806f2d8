"""Names read off an article's raw text, where no cue was found and so NER did not run.

A surname's fuller form ("Maróth" after "Gáspár Maróth"), the person a role's noun was written
beside ("Actress Denise Crosby"), an organisation's capitalised name ("The Harbour Board").
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from bot.extract.name_spans import ORGANISATION_HEADS
from bot.extract.rules import TIME_WORDS

ISSUER_REACH = 600  # characters back to the speaker a bare "the statement" belongs to
_CAPITAL = r"[A-Z][\w&'’-]*"
_BODY = re.compile(  # "The Harbour Board", "Ministry of Transport": its noun is group 2
    rf"\b((?:{_CAPITAL} ){{0,4}}({_CAPITAL})"
    rf"(?: (?:of|for) (?:the )?{_CAPITAL}(?: {_CAPITAL}){{0,3}})?)"
)


def body_written(text: str, before_char: int) -> tuple[int, str] | None:
    """The last capitalised name ending in an organisation's noun ("Harbour Board",
    "Ministry of Transport") written within reach before, and where it starts."""
    start = max(0, before_char - ISSUER_REACH)
    found = None
    for match in _BODY.finditer(text, start, before_char):
        if match.group(2).lower() in ORGANISATION_HEADS:
            name = match.group(1)
            found = (match.start(1), name[4:] if name.startswith("The ") else name)
    return found


def holder_written(
    text: str, description: str, head_lemma: str, titles: frozenset[str]
) -> str | None:
    """ "The actress" after "Actress Denise Crosby is to appear ...", a sentence with no cue (so
    no speaker and no NER there): the nearest name in ``text`` written after the role's noun, or
    before it as "Name, a/the ... noun"."""
    words = description.split()[1:]
    if (
        not 0 < len(words) <= 3
        or "," in description
        or head_lemma in ORGANISATION_HEADS
        or not all(word.isalpha() and word.islower() for word in words[-1:])
    ):
        return None
    noun = re.escape(words[-1])
    name = r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})"
    patterns = (
        rf"\b(?i:{noun}) {name}\b",  # "Actress Denise Crosby"
        rf"{name}, (?:a|an|the) (?:[\w-]+ ){{0,3}}{noun}\b",  # "Karen Alley, a ... professor"
    )
    found = [
        (match.start(), match.group(1))
        for pattern in patterns
        for match in re.finditer(pattern, text)
        if not not_a_name(match.group(1), titles)
    ]
    return max(found)[1] if found else None


def full_name_written(text: str, surname: str, titles: frozenset[str]) -> str | None:
    """The first "Given Surname" written in ``text``, for a one-word name with no entity type."""
    if (
        not re.fullmatch(r"[A-Z][\w'’-]+", surname)
        or surname.isupper()  # "MP", "NATO": an abbreviation, not a surname
        or surname.lower() in ORGANISATION_HEADS
    ):
        return None
    # Given names, or initials ("J. "): "WSET-TV. Smithers" ends a sentence before the name.
    pattern = rf"\b((?:[A-Z](?:[\w'’-]*|\.)\s){{1,2}}){re.escape(surname)}\b"
    for match in re.finditer(pattern, text):
        given = match.group(1).split()
        if any(
            word.lower().rstrip(".") in titles
            or word.lower() in STOP_WORDS | TIME_WORDS | ORGANISATION_HEADS
            for word in given
        ):
            continue
        return f"{' '.join(given)} {surname}"
    return None


def not_a_name(text: str, titles: frozenset[str]) -> bool:
    return any(
        word.lower().rstrip(".") in titles
        or word.lower() in STOP_WORDS | TIME_WORDS | ORGANISATION_HEADS
        for word in text.split()
    )
