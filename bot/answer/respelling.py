"""A question's words respelt against what the store holds, before anything is searched.

A name typed a letter off ("Greyback", "awlaqi", "Tad Divine") can keep its article out of
full-text search altogether: the misspelling is no indexed word, so the search finds other
articles' claims by the question's other words, and the candidates' help (``truecase.py``)
comes too late. Two readings, each from an indexed look-up of a bounded set of spellings:

- a word no claim holds, read as the indexed word one slip of the keys from it that most
  claims hold (``one_typo_apart``: same first letter, a letter more or less at the end is
  another word);
- two words side by side that no stored speaker's name holds together, read as the name of
  the speaker who has one of them and a word one slip from the other ("Tad Divine": Tad
  Devine; "Bernard Dreyer": Benard Dreyer). A word may be English ("Divine") and still a
  name typed wrong: the other word of the name says so.

Only the spellings one slip away are looked up, never the vocabulary: the cost is that of a
few index probes per question.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.answer.ascii import to_ascii
from bot.answer.lexicon import QUESTION_WORDS, load_lexicon
from bot.answer.names import TYPO_LENGTH, one_typo_apart
from bot.folding import name_skeleton

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_PLAIN = re.compile(r"[a-z]+")
NAME_WORD_LENGTH = 4  # a word of a two-word name this long may be respelt beside the other
MAX_WORDS = 4  # unknown words respelt in one question, longest first: bounds the look-ups
MAX_PAIRS = 4  # neighbouring words tried as one speaker's name


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the question as typed, where it stands, and its plain lower-case letters."""

    start: int
    end: int
    typed: str
    plain: str


def question_words(question: str) -> list[Word]:
    """The words worth respelling: letters only (an apostrophe or hyphen inside), not a
    function or question word."""
    common = load_lexicon().stopwords | QUESTION_WORDS.keys()
    found = []
    for match in _WORD.finditer(question):
        plain = to_ascii(match.group()).lower()
        if _PLAIN.fullmatch(plain) and plain not in common:
            found.append(Word(match.start(), match.end(), match.group(), plain))
    return found


_VOWELS = "aeiouy"
# Letters written for one another because they sound alike ("Awlaqi", "Mendes", "Adamowitz")
_SOUND_ALIKE = ("ckq", "csz", "td", "fv", "mn", "bp", "gj", "vw", "xks")


def _instead_of(letter: str) -> set[str]:
    """The letters a speller writes for ``letter``: another vowel for a vowel, a letter that
    sounds alike for a consonant."""
    if letter in _VOWELS:
        return set(_VOWELS) - {letter}
    return {other for group in _SOUND_ALIKE if letter in group for other in group} - {letter}


def slips(word: str) -> set[str]:
    """The spellings one slip from ``word`` (lower-case letters), the first letter kept: a
    letter dropped or swapped with the next, a vowel or a doubled letter added, a vowel written
    for another, a letter for one that sounds alike. A speller's slips, not every string one
    edit away: a few dozen look-ups, not hundreds."""
    found: set[str] = set()
    for at in range(1, len(word) + 1):
        head, tail = word[:at], word[at:]
        found.update(head + vowel + tail for vowel in _VOWELS)  # a vowel added
        found.add(head + head[-1] + tail)  # a letter doubled
        if tail:
            found.add(head + tail[1:])  # dropped
            found.update(head + letter + tail[1:] for letter in _instead_of(tail[0]))
        if len(tail) >= 2:
            found.add(head + tail[1] + tail[0] + tail[2:])  # swapped
    found.discard(word)
    return found


def unknown_words(words: Sequence[Word], known: Mapping[str, int]) -> list[Word]:
    """Words of ``TYPO_LENGTH`` letters or more that no claim holds (``known``: claims by
    word), longest first, at most ``MAX_WORDS``."""
    unknown = {
        word.plain: word
        for word in words
        if len(word.plain) >= TYPO_LENGTH and known.get(word.plain, 0) == 0
    }
    return sorted(unknown.values(), key=lambda word: -len(word.plain))[:MAX_WORDS]


def best_slip(word: str, held: Mapping[str, int]) -> str | None:
    """The spelling of ``held`` (claims by spelling) one slip from ``word`` that most claims
    hold; none when none is, or the two likeliest are held as often."""
    near = sorted(
        ((count, spelling) for spelling, count in held.items() if count > 0),
        key=lambda pair: (-pair[0], pair[1]),
    )
    near = [(count, spelling) for count, spelling in near if one_typo_apart(word, spelling)]
    if not near or (len(near) > 1 and near[0][0] == near[1][0]):
        return None
    return near[0][1]


def neighbours(words: Sequence[Word], question: str) -> list[tuple[Word, Word]]:
    """Words typed side by side (a space between them), at most ``MAX_PAIRS``."""
    pairs = [
        (one, other)
        for one, other in itertools.pairwise(words)
        if question[one.end : other.start] == " "
    ]
    return pairs[:MAX_PAIRS]


def name_slip(word: str, spelling: str) -> bool:
    """Whether a word of a stored name may be ``word`` typed wrong beside the name's other
    word: one slip apart, the first letter kept, either at least ``NAME_WORD_LENGTH`` long
    (a letter more or less at the end counts here: "Bozelle", "Bozell")."""
    return (
        min(len(word), len(spelling)) >= NAME_WORD_LENGTH
        and word[:1] == spelling[:1]
        and OSA.distance(word, spelling) == 1
    )


_INFLECTIONS = ("s", "ed", "ing")


def inflected(word: str, stem: str) -> bool:
    """An English word's inflection the stemmer cuts ("endorsed", "commuters"): no name."""
    return stem != word and word.endswith(_INFLECTIONS)


def in_case_of(typed: str, spelling: str) -> str:
    """``spelling`` written as the typed word is: lower case stays lower case."""
    if typed.islower():
        return spelling.lower()
    if typed.isupper() and len(typed) > 1:
        return spelling.upper()
    return spelling[:1].upper() + spelling[1:] if spelling.islower() else spelling


def rewritten(question: str, spellings: Mapping[int, tuple[Word, str]]) -> str:
    """The question with the words at those starts written as given."""
    parts, at = [], 0
    for start in sorted(spellings):
        word, spelling = spellings[start]
        parts += [question[at:start], in_case_of(word.typed, spelling)]
        at = word.end
    return "".join([*parts, question[at:]])


def written_in(skeleton: str, names: Iterable[str]) -> str | None:
    """The capitalised word of one of the stored ``names`` that ``name_skeleton`` spells
    ``skeleton``: a lower-case word of a stored name is none ("Endorses Ted Cruz" aside)."""
    for name in names:
        for written in name.split():
            cleaned = written.strip(".,'’\"()")
            if cleaned[:1].isupper() and name_skeleton(cleaned) == skeleton:
                return cleaned
    return None


_SENTENCE_END = frozenset('.!?:;"“”‘([—–\n')
NAME_SHARE = 0.75  # of a word's uses in mid-sentence, capitalised: a name


def written_as_name(term: str, texts: Iterable[str]) -> str | None:
    """How the texts write the word ``term`` (lower case) if mostly capitalised in mid-sentence,
    a part of a hyphened name too ("al-Awlaki": "Awlaki", as the full-text index splits it)."""
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(term)}(?![^\W\d_])", re.IGNORECASE)
    capitalised: list[str] = []
    lower = 0
    for text in texts:
        folded = to_ascii(text)
        for found in pattern.finditer(folded):
            before = folded[: found.start()].rstrip(" -")
            if not before or before[-1] in _SENTENCE_END:
                continue  # a capital at a sentence's start says nothing
            if found.group()[:1].isupper():
                capitalised.append(found.group())
            else:
                lower += 1
    if not capitalised or len(capitalised) < NAME_SHARE * (len(capitalised) + lower):
        return None
    return max(set(capitalised), key=capitalised.count)
