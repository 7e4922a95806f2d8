"""Text in ASCII, exactly as unidecode writes it, at the cost of only the characters that need it.

unidecode tries a whole string as ASCII and, when that fails, transliterates it character by
character in Python: one curly quote or dash sends a whole article down that path, about
0.7 ms per 1,000 characters (docs/benchmarks.md). Here only the runs of other characters go
to unidecode. It transliterates every character on its own, so the result is the same.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def to_ascii(text: str) -> str:
    """``"Ağrı’s “road”"`` -> ``"Agri's \"road\""``, as ``unidecode`` gives it."""
    if text.isascii():
        return text
    return _NOT_ASCII.sub(_transliterated, text)


def _transliterated(run: re.Match[str]) -> str:
    return _transliteration(run.group())


@lru_cache(maxsize=4096)
def _transliteration(run: str) -> str:  # the same few runs come back: ’ “ ” — é
    return unidecode(run)
