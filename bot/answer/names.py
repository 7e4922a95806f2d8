"""Names as people write them: transliterations, spelling variants and surnames alone.

Two spellings are the same name when their keys are close (``name_key``: ASCII, lower case,
the Arabic article dropped, sounds written alike folded, doubled letters single) or when the
lexicon lists them as variants (``name_variants.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz, process

from bot.answer.ascii import to_ascii

NAME_MATCH = 85.0  # rapidfuzz ratio of two keys at and above which they are one name
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az)[-\s]+(?=\w{3})")
_FOLDS = (("ou", "u"), ("kh", "k"), ("q", "k"), ("ph", "f"), ("ee", "i"), ("y", "i"), ("j", "i"))
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


def _skeleton(key: str) -> str:
    return re.sub("[aeiou]", "", key)


def _close(key: str, other: str) -> bool:
    """Keys of one name: nearly equal, or one with a prefix more (Albukamal, Bukamal), or the
    same consonants (Mohamed, Muhamad). Austria and Australia are not."""
    if key == other:
        return True
    if min(len(key), len(other)) < 5:
        return False
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
        key = self[word] = name_key(word)
        return key


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
        """The keys of every run of ``size`` words, in order."""
        if size not in self._windows:
            keys = self.keys
            # zip stops at the last full run: the shorter tails end it
            runs = zip(*(keys[start:] for start in range(size)), strict=False)
            self._windows[size] = list(map("".join, runs))
        return self._windows[size]


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
    wanted = {name_key(w) for w in (name, *variants)} - {""}
    if not wanted:
        return False
    keys = keys if keys is not None else NameKeys.of(words)
    if any(keys.holds(key) for key in wanted):
        return True  # the exact spelling: no fuzzy search needed
    wanted = {key for key in wanted if len(key) >= 5 and keys.comes_close(key)}
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
