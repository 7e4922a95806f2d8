"""Names as people write them: transliterations, spelling variants and surnames alone.

Two spellings are the same name when their keys are close (``name_key``: ASCII, lower case,
the Arabic article dropped, sounds written alike folded, doubled letters single) or when the
lexicon lists them as variants (``name_variants.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from bot.answer.ascii import to_ascii

NAME_MATCH = 85.0  # rapidfuzz ratio of two keys at and above which they are one name
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az)[-\s]+(?=\w{3})")
_FOLDS = (("ou", "u"), ("kh", "k"), ("q", "k"), ("ph", "f"), ("ee", "i"), ("y", "i"), ("j", "i"))
# Letters written for one sound by transliterations and spellers, folded only to compare two
# keys (the keys themselves stay as they were): "Aleksei" / "Alexey", "Mendes" / "Mendez".
_SOUNDS = (("x", "ks"), ("z", "s"))
# Keys this long one letter apart, after the first, are one name misspelt ("Adamowitz" for
# "Adamowicz"); shorter ones, or ones apart in the first letter, are often other names
# ("Hernandez", "Fernandez").
ONE_LETTER_OFF = 8
_NON_LETTER = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=131072)
def name_key(name: str) -> str:
    """``"Al-Bukamal"`` -> ``"bukamal"``, ``"Zelenskyy"`` -> ``"zelenski"``."""
    folded = to_ascii(name).lower().replace("’", "'")
    folded = _ARTICLE.sub("", folded.strip())
    folded = _NON_LETTER.sub("", folded)
    for written, said in _FOLDS:
        folded = folded.replace(written, said)
    return _DOUBLED.sub(_first_letter, folded)


def _first_letter(doubled: re.Match[str]) -> str:
    # A function, not the template r"\1": Python 3.11 expands a template in Python, 3x slower.
    return doubled.group(1)


def same_name(one: str, other: str) -> bool:
    key_one, key_other = name_key(one), name_key(other)
    if not key_one or not key_other:
        return False
    if key_one == key_other:
        return True
    return _close(key_one, key_other)


TYPO_LENGTH = 5  # keys this long one typo apart may be one name typed wrong (``one_typo_apart``)


def one_typo_apart(typed: str, name: str) -> bool:
    """A word typed with one slip of the keys from a name ("Chapmna", "Fakebook", "Hosue",
    "Robrt" for "Chapman", "Facebook", "House", "Robert"): their keys, of five letters or more,
    begin alike and are one letter swapped with the next, dropped, added or replaced apart; a
    letter more or less at the end is another word ("Rosen", "Rose"). Looser than
    ``same_name``: only for a word no text at hand uses at all, told the name they write."""
    plain, plain_other = (
        _NON_LETTER.sub("", to_ascii(typed).lower()),
        _NON_LETTER.sub("", to_ascii(name).lower()),
    )
    if min(len(plain), len(plain_other)) < TYPO_LENGTH or plain[0] != plain_other[0]:
        return False
    key, other = name_key(typed), name_key(name)
    # a fold can undo a slip ("Hosue": "hosue", "House": "huse"), or make one ("Medes" / "Mendez")
    pairs = ((plain, plain_other), (key, other), (_sounded(key), _sounded(other)))
    return not any(one[:-1] == two or two[:-1] == one for one, two in pairs[:2]) and any(
        OSA.distance(one, two) <= 1 for one, two in pairs
    )


def _skeleton(key: str) -> str:
    return re.sub("[aeiou]", "", key)


def _sounded(key: str) -> str:
    for written, said in _SOUNDS:
        key = key.replace(written, said)
    return key


# The suffixes English makes a people's or a language's name with ("Zimbabwe" -> "Zimbabwean",
# "Taiwan" -> "Taiwanese", "Iraq" -> "Iraqi", "Mexico" -> "Mexican"), in name keys.
_DEMONYM_ENDINGS = ("ian", "ean", "an", "n", "ese", "i", "ish")
_DEMONYM_STEM = 4


def _derived(key: str, other: str) -> bool:
    """One key is the other's people or language: the other, its last vowel dropped or not,
    with a demonym's suffix."""
    short, long = sorted((key, other), key=len)
    stems = {short, short[:-1] if short[-1] in "aeiou" else short}
    return any(_ends_as_demonym(stem, long) for stem in stems)


def _ends_as_demonym(stem: str, word: str) -> bool:
    ending = word[len(stem) :]
    if len(stem) < _DEMONYM_STEM or not word.startswith(stem):
        return False
    # "n" only after "a": "Kenyan", "Samoan"; "Rosen" is no people of "Rose"
    return ending in _DEMONYM_ENDINGS and (ending != "n" or stem.endswith("a"))


def _one_letter_off(key: str, other: str) -> bool:
    long_enough = min(len(key), len(other)) >= ONE_LETTER_OFF
    return long_enough and key[0] == other[0] and Levenshtein.distance(key, other) <= 1


def _close(key: str, other: str) -> bool:
    """Keys of one name: nearly equal, or one with a prefix more (Albukamal, Bukamal), or the
    same consonants (Mohamed, Muhamad). Austria and Australia are not."""
    if key == other or _derived(key, other):
        return True
    if min(len(key), len(other)) < 5:
        return False
    if _sounded(key) == _sounded(other) or _one_letter_off(key, other):
        return True
    ratio = fuzz.ratio(key, other)
    if ratio >= 90:
        return True
    if ratio < NAME_MATCH - 10:
        return False
    return key.endswith(other) or other.endswith(key) or _skeleton(key) == _skeleton(other)


# A window a name could be spelt in scores at least this against the whole text's keys
# (``fuzz.partial_ratio``): below it, no window is compared one by one.
_ANY_WINDOW_CLOSE = 60.0


class _KeyCache(dict[str, str]):
    """word -> name key: a dict lookup from C, cheaper than an ``lru_cache`` call when a text's
    every word is looked up. Emptied when full: news vocabulary keeps growing."""

    LIMIT = 200_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        key = self[word] = _word_key(word)
        return key


def _word_key(word: str) -> str:
    """``name_key`` of a word; a text's words are lower-case letters and digits, whose key needs
    no transliteration nor an article dropped (it is followed by a hyphen or a space)."""
    if not (word.isascii() and word.isalnum() and (word.islower() or word.isdigit())):
        return name_key(word)
    folded = word if word.isalpha() else _NON_LETTER.sub("", word)
    for written, said in _FOLDS:
        folded = folded.replace(written, said)
    return _DOUBLED.sub(_first_letter, folded) if _DOUBLED.search(folded) else folded


_WORD_KEYS = _KeyCache()


@dataclass(slots=True)
class NameKeys:
    """The name keys of a text's words, laid end to end: a name of any number of words is
    found by one substring search, and a misspelt one is looked for word by word only where
    the whole text comes close to it."""

    keys: tuple[str, ...]
    joined: str = field(init=False)
    _boundaries: frozenset[int] | None = None  # where words start; worked out at a first find
    _windows: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.joined = "".join(self.keys)

    @classmethod
    def of(cls, words: Sequence[str]) -> NameKeys:
        return cls(tuple(map(_WORD_KEYS.__getitem__, words)))

    def holds(self, key: str) -> bool:
        """Whether ``key`` is the key of a run of whole words."""
        start = self.joined.find(key)
        if start == -1:
            return False
        if self._boundaries is None:
            self._boundaries = frozenset(accumulate(map(len, self.keys), initial=0))
        while start != -1:
            if start in self._boundaries and start + len(key) in self._boundaries:
                return True
            start = self.joined.find(key, start + 1)
        return False

    def comes_close(self, key: str) -> bool:
        score = fuzz.partial_ratio(key, self.joined, score_cutoff=_ANY_WINDOW_CLOSE)
        return bool(score)

    def windows(self, size: int) -> list[str]:
        """The keys of every run of ``size`` words, each once, in the order first found."""
        if size not in self._windows:
            keys = self.keys
            # zip stops at the last full run: the shorter tails end it
            runs = zip(*(keys[start:] for start in range(size)), strict=False)
            # a text repeats its words: each distinct run is compared with a name only once
            self._windows[size] = list(dict.fromkeys(map("".join, runs)))
        return self._windows[size]


@lru_cache(maxsize=8192)
def _wanted_keys(name: str, variants: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of a name and its variants, and those of them long enough to be looked for
    misspelt: a question's name is looked for in every candidate's texts."""
    exact = frozenset({name_key(w) for w in (name, *variants)} - {""})
    return exact, frozenset(key for key in exact if len(key) >= 5)


def find_name(
    name: str,
    words: Sequence[str],
    *,
    variants: frozenset[str] = frozenset(),
    keys: NameKeys | None = None,
) -> bool:
    """Whether the (lower-case) words hold the name or a spelling of it.

    ``variants`` are other spellings the lexicon knows for the name; ``keys`` are the words'
    ``NameKeys`` when they are already computed. A misspelling is looked for in runs of one
    word fewer to one more than the name has."""
    exact, fuzzy = _wanted_keys(name, variants)
    if not exact:
        return False
    keys = keys if keys is not None else NameKeys.of(words)
    if any(keys.holds(key) for key in exact):
        return True  # the exact spelling: no fuzzy search needed
    wanted = {key for key in fuzzy if keys.comes_close(key)}
    if not wanted:
        return False
    width = len(name.split())
    for size in sorted({max(1, width - 1), width, width + 1}):
        found = keys.windows(size)
        for key in wanted:
            near = process.extract(
                key, found, scorer=fuzz.ratio, score_cutoff=NAME_MATCH - 10, limit=None
            )
            if any(_close(key, candidate) for candidate, _, _ in near):
                return True
    return False


def another_given_name(
    asked: Sequence[str], speaker: Sequence[str], *, titles: Container[str]
) -> bool:
    """ "Grace Mugabe" asked, "Robert Mugabe" speaking: the words (lower case) of two names
    with one surname whose given names all differ. Given names are the words right before
    the surname back to a title (``titles``: "president", "sen") or a word of two letters or
    fewer ("J.", "al", "de"), which may be anything: without them, the two may be one person.
    A three-letter word is a given name ("Liz", "Ted") unless it is a title."""
    at = [index for index, word in enumerate(speaker) if same_name(word, asked[-1])]
    if not at:
        return False
    given = _given_names(asked[:-1], titles)
    others = _given_names(speaker[: at[-1]], titles)
    if not given or not others:
        return False
    return not any(_same_given(one, other) for one in given for other in others)


def _given_names(before: Sequence[str], titles: Container[str]) -> list[str]:
    given: list[str] = []
    for word in reversed(before):
        if word in titles or len(word) <= _SHORT_WORD:
            break
        given.append(word)
    return given


_SHORT_WORD = 2  # "J", "al", "de", "Jo": an initial, a particle or a name, not told apart


def _same_given(one: str, other: str) -> bool:
    return same_name(one, other) or one.startswith(other) or other.startswith(one)
