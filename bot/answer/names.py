"""Names as people write them: transliterations, spelling variants and surnames alone.

Two spellings are the same name when their keys are close (``name_key``: ASCII, lower case,
the Arabic article dropped, sounds written alike folded, doubled letters single) or when the
lexicon lists them as variants (``name_variants.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process
from unidecode import unidecode

NAME_MATCH = 85.0  # rapidfuzz ratio of two keys at and above which they are one name
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az)[-\s]+(?=\w{3})")
_FOLDS = (("ou", "u"), ("kh", "k"), ("q", "k"), ("ph", "f"), ("ee", "i"), ("y", "i"), ("j", "i"))
_NON_LETTER = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """``"Al-Bukamal"`` -> ``"bukamal"``, ``"Zelenskyy"`` -> ``"zelenski"``."""
    folded = unidecode(name).lower().replace("’", "'")
    folded = _ARTICLE.sub("", folded.strip())
    folded = _NON_LETTER.sub("", folded)
    for written, said in _FOLDS:
        folded = folded.replace(written, said)
    return _DOUBLED.sub(r"\1", folded)


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


def window_keys(words: Sequence[str], size: int) -> list[str]:
    """The name keys of every run of ``size`` words, in order."""
    return [name_key(" ".join(words[i : i + size])) for i in range(len(words) - size + 1)]


def find_name(
    name: str,
    words: Sequence[str],
    *,
    variants: frozenset[str] = frozenset(),
    windows: Callable[[int], Sequence[str]] | None = None,
) -> bool:
    """Whether the (lower-case) words hold the name or a spelling of it, in one to three words.

    ``variants`` are other spellings the lexicon knows for the name; ``windows`` gives the
    window keys of the words when they are already computed (``window_keys``)."""
    keys = {name_key(w) for w in (name, *variants)} - {""}
    if not keys:
        return False
    width = len(name.split())
    sizes = sorted({max(1, width - 1), width, width + 1})
    runs = {size: windows(size) if windows else window_keys(words, size) for size in sizes}
    if any(not keys.isdisjoint(found) for found in runs.values()):
        return True  # the exact spelling: no fuzzy search needed
    for found in runs.values():
        for key in keys:
            if len(key) < 5:
                continue
            near = process.extract(
                key, found, scorer=fuzz.ratio, score_cutoff=NAME_MATCH - 10, limit=None
            )
            if any(_close(key, candidate) for candidate, _, _ in near):
                return True
    return False
