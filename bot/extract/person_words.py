"""What a person's words say: the sex a word names ("she", "actress", "Mrs"), and the forms
of one name ("Bozell" for "Brent Bozell III", "Mr Ruiz" for "Ruiz")."""

from __future__ import annotations

from bot.extract.entities import same_words
from bot.extract.speakers import NON_WORD, speaker_key

FEMALE_WORDS = {
    "she", "her", "woman", "mother", "wife", "sister", "daughter", "girl", "queen", "princess",
    "actress", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "grandmother",
    "mrs", "ms", "lady", "dame", "aunt", "niece", "widow", "girlfriend",
}  # fmt: skip
MALE_WORDS = {
    "he", "him", "man", "father", "husband", "brother", "son", "boy", "king", "prince",
    "actor", "spokesman", "chairman", "congressman", "businessman", "grandfather", "mr",
    "sir", "lord", "uncle", "nephew", "widower", "boyfriend",
}  # fmt: skip


def gender_fits(pronoun: str, role: str | None) -> bool:
    """False when the role names the other sex ("he" cannot be "the victim's mother")."""
    if not role or pronoun not in FEMALE_WORDS | MALE_WORDS:
        return True
    words = set(NON_WORD.split(role.lower()))
    other = MALE_WORDS if pronoun in FEMALE_WORDS else FEMALE_WORDS
    return not words & other


def sex_of(pronoun: str) -> str:
    return "female" if pronoun in FEMALE_WORDS else "male"


def is_name(text: str) -> bool:
    """A name, not a description ("the airline") or a clause."""
    first = text.split(maxsplit=1)[0].lower()
    return first not in {"the", "a", "an", "this", "that"} and any(ch.isupper() for ch in text)


def surname_of(key: str, name: str, titles: frozenset[str]) -> bool:
    """Whether the one-word ``key`` is the last word of ``name``, or that word spelt a letter
    off ("Saree" for "Yahya Sarea", "Kowalcyzk" for "Gregor Kowalczyk")."""
    words = without_suffix(speaker_key(name, titles=titles).split())
    if len(words) < 2 or key == words[-1] + "s":  # "the Clintons" are not Bill Clinton
        return False
    return words[-1] == key or same_words([key], words[-1:])


def strip_titles(name: str, titles: frozenset[str]) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


# Generation suffixes written after a surname: "Bozell" is "Brent Bozell III".
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}


def without_suffix(words: list[str]) -> list[str]:
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words


def strip_possessive(name: str) -> str:
    """ "Donald Trump's" (a PERSON entity of "Donald Trump's campaign") -> "Donald Trump"."""
    for ending in ("'s", "’s", "‘s"):
        if name.endswith(ending) and len(name) > len(ending) + 1:
            return name[: -len(ending)]
    return name


def without_name_suffix(name: str) -> str:
    """ "Brent Bozell III" -> "Brent Bozell": the name a lone "Bozell" is resolved to, as the
    article writes it up to the surname."""
    words = name.split()
    while len(words) > 2 and words[-1].lower().strip(".,") in NAME_SUFFIXES:
        words = words[:-1]
    return " ".join(words).rstrip(",")
