"""Short forms an article defines in brackets: "Transport for London (TfL)", "the World Health
Organization (WHO)". The bracket spells out the words before it, and those words are one name
however the parser cut them ("Transport" a common noun, "for London" a prepositional phrase)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.folding import to_ascii

if TYPE_CHECKING:
    from spacy.tokens import Token

JOINERS = {"of", "for", "and", "the", "on", "de", "&"}
MAX_SHORT = 10  # characters of a short form


def spelt_out(words: list[str], short: str) -> list[str]:
    """The last of ``words`` (lower case) whose initials ``short`` is: "WHO" for "world health
    organization", "TfL" for "transport for london" (a joiner's letter written small)."""
    letters = short.replace(".", "").casefold()
    if len(words) < 2 or not letters:
        return []
    initials = "".join(word[0] for word in words if word not in JOINERS)
    if initials.endswith(letters):
        return words[-len(letters) - _joiners_in(words, len(letters)) :]
    if any(ch.islower() for ch in short) and len(letters) <= len(words):
        tail = words[-len(letters) :]
        if "".join(word[0] for word in tail) == letters and tail[0] not in JOINERS:
            return tail
    return []


def _joiners_in(words: list[str], letters: int) -> int:
    """How many joiners lie among the last ``letters`` words that are not joiners."""
    count = seen = 0
    for word in reversed(words):
        if seen == letters:
            break
        if word in JOINERS:
            count += 1
        else:
            seen += 1
    return count


def name_before_short_form(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The name a source's bracketed short form spells out, and the words before it: the
    source must end in "(SHORT)" with nothing after the bracket."""
    while tokens and tokens[-1].is_space:
        tokens = tokens[:-1]
    if len(tokens) < 4 or tokens[-1].text != ")" or tokens[-3].text != "(":
        return None
    short = tokens[-2]
    if len(short.text) > MAX_SHORT or not any(ch.isupper() for ch in short.text):
        return None
    before = [tok for tok in tokens[:-3] if not tok.is_space]
    if not before or before[-1].i + 1 != tokens[-3].i:
        return None
    words = [to_ascii(tok.text).casefold() for tok in before]
    spelt = spelt_out(words, short.text)
    if not spelt:
        return None
    name = before[-len(spelt) :]
    if not all(tok.is_title or tok.is_upper or tok.lower_ in JOINERS for tok in name):
        return None
    rest = [tok for tok in before[: -len(spelt)] if tok.pos_ != "DET" and not tok.is_punct]
    return name, rest
