"""Initialisms: "DOT" for "Department of Transportation", "PM" for "prime minister".

A question may shorten what its article spells out, or spell out what it shortens. Neither
needs a list: the initials of a run of capitalised words (a name) are computed from the text,
with and without its small joining words ("Department of Justice": "dj" and "doj"). A
speaker's description is lower case ("the prime minister"), so there every run of words
counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

MAX_LETTERS = 6
_JOINERS = frozenset({"of", "and", "for", "the", "on", "de", "&"})
_JOINER = "|".join(re.escape(joiner) for joiner in sorted(_JOINERS))
_CAPITALISED_RUN = re.compile(rf"[A-Z][A-Za-z'\-]*(?:\s+(?:(?:{_JOINER})\s+)*[A-Z][A-Za-z'\-]*)+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|&")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|[A-Z]\.(?:[A-Z]\.){1,4})$")
_CONSONANTS_ONLY = re.compile(r"^[b-df-hj-np-tv-z]{2,4}$")


def looks_like_initialism(word: str, *, lower_case_question: bool = False) -> bool:
    """ "DOT", "U.N."; in a question typed in lower case, "pm" or "nsw" (no vowel: no word)."""
    if _ACRONYM.match(word):
        return True
    return lower_case_question and bool(_CONSONANTS_ONLY.match(word))


def initials_of(words: Sequence[str]) -> set[str]:
    """Initials of every run of these words that starts and ends with a word that is not a
    joiner, with the joiners' letters and without."""
    found: set[str] = set()
    for start, first in enumerate(words):
        if first.lower() in _JOINERS:
            continue
        with_joiners, without = "", ""
        for word in words[start:]:
            letter = word[0].lower()
            with_joiners += letter
            if word.lower() in _JOINERS:
                continue
            without += letter
            if len(with_joiners) > MAX_LETTERS:
                break
            if len(without) >= 2:
                found.add(without)
                found.add(with_joiners)
    return found


def initialisms(text: str, *, description: bool = False) -> set[str]:
    """The initialisms the names of a text (ASCII) stand for; of every run of its words when
    it describes someone ("former prime minister" -> "pm", "fpm")."""
    found: set[str] = set()
    runs: Iterable[str] = [text] if description else _CAPITALISED_RUN.findall(text)
    for run in runs:
        for part in re.split(r"[,;:()\"]", run):
            found |= initials_of(_WORD.findall(part))
    return found


def initialism_of(name: str) -> str | None:
    """ "National Health Service" -> "nhs": a name of several capitalised words, shortened."""
    words = _WORD.findall(name)
    capitalised = [word for word in words if word[:1].isupper()]
    if len(capitalised) < 2 or len(capitalised) > MAX_LETTERS:
        return None
    if any(word.lower() not in _JOINERS and not word[:1].isupper() for word in words):
        return None
    return "".join(word[0].lower() for word in capitalised)
