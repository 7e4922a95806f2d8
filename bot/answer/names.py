"""Names as people write them: transliterations, spelling variants and surnames alone.

Two spellings are the same name when their keys are close (``name_key``: ASCII, lower case,
the Arabic article dropped, sounds written alike folded, doubled letters single) or when the
lexicon lists them as variants (``name_variants.txt``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from unidecode import unidecode

NAME_MATCH = 85.0  # rapidfuzz ratio of two keys at and above which they are one name
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az)[-\s]+(?=\w{3})")
_FOLDS = (("ou", "u"), ("kh", "k"), ("q", "k"), ("ph", "f"), ("ee", "i"), ("y", "i"), ("j", "i"))
_NON_LETTER = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")


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


def find_name(name: str, words: list[str], *, variants: frozenset[str] = frozenset()) -> bool:
    """Whether the (lower-case) words hold the name or a spelling of it, in one to three words.

    ``variants`` are other spellings the lexicon knows for the name."""
    wanted = [name, *variants]
    width = len(name.split())
    sizes = sorted({max(1, width - 1), width, width + 1})
    keys = {name_key(w) for w in wanted} - {""}
    for size in sizes:
        for start in range(len(words) - size + 1):
            window = " ".join(words[start : start + size])
            key = name_key(window)
            if key and any(_close(k, key) for k in keys):
                return True
    return False
