"""Text in ASCII for matching: anyascii's transliteration, kept to the keys newsprov stored.

Speaker keys (``bot.extract.speakers.speaker_key``) are stored, and questions and claims
are read through the same folding, so a change of transliteration would split one speaker
in two. newsprov folded with unidecode (GPL) until it moved to anyascii (ISC); the two agree
on Latin letters with diacritics and on most punctuation, and differ elsewhere.
Where they differ on a letter of a script whose names English news quotes, the romanisation
used before is kept (Russian, Ukrainian and Serbian Cyrillic, modern Greek, Hebrew), as it
is for CJK ideographs, one word each. Emoji, which anyascii writes as ``:shortcodes:``,
fold to nothing, as before. Elsewhere anyascii's is taken, also where it reads better than
before: the schwa (``Əliyev`` was ``@liyev``, now ``Eliyev``), Arabic-script letters,
Devanagari. ``tests/test_ascii.py`` holds the keys before and after.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")

# The romanisation these letters had before (a letter for letter scheme close to ISO/R 9 for
# Cyrillic and to the classical one for Greek), where anyascii writes them otherwise.
_KEPT_ROMANISATION = {
    # Cyrillic
    "Й": "I", "й": "i", "Ю": "Iu", "ю": "iu", "Я": "Ia", "я": "ia", "Ё": "Io", "ё": "io",
    "Ѐ": "Ie", "ѐ": "ie", "Ї": "Yi", "ї": "yi", "Ѓ": "Gj", "ѓ": "gj", "Ќ": "Kj", "ќ": "kj",
    "Ћ": "Tsh", "ћ": "tsh", "Ґ": "G'", "ґ": "g'",
    # Greek
    "Β": "B", "β": "b", "Η": "E", "η": "e", "Ή": "E", "ή": "e", "Υ": "U", "υ": "u",
    "Ύ": "U", "ύ": "u", "Ϋ": "U", "ϋ": "u", "ΰ": "u", "ΐ": "I", "Φ": "Ph", "φ": "ph",
    "Χ": "Kh", "χ": "kh", "Ξ": "Ks",
    # Hebrew
    "א": "A", "ב": "b", "ע": "`", "ף": "p", "פ": "p", "ש": "SH",
    # Punctuation: "a‚b" stays two words, a dash between words stays a double hyphen
    "—": "--", "―": "--", "‚": ",", "„": ",,", "·": "*",
}  # fmt: skip


def to_ascii(text: str) -> str:
    """``"Ağrı’s “road”"`` -> ``"Agri's \"road\""``; ASCII text comes back as it is."""
    if text.isascii():
        return text
    return _NOT_ASCII.sub(_transliterated, text)


def _transliterated(run: re.Match[str]) -> str:
    return _transliteration(run.group())


@lru_cache(maxsize=4096)
def _transliteration(run: str) -> str:  # the same few runs come back: ’ “ ” — é
    return "".join(_character(char) for char in run)


@lru_cache(maxsize=8192)
def _character(char: str) -> str:
    kept = _KEPT_ROMANISATION.get(char)
    if kept is not None:
        return kept
    folded = anyascii(char)
    if len(folded) > 2 and folded.startswith(":") and folded.endswith(":"):
        return ""  # an emoji's :shortcode:
    if unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH"):
        return folded + " "
    return folded


# Spellings that transliteration and habit vary in names: "Stephan"/"Stefan",
# "Petrowa"/"Petrova", "Mariia"/"Maria", "Yuriy"/"Iurii", "Nicolai"/"Nikolai", "Khan"/"Han".
_SKELETON_SPELLINGS = (
    ("tch", "ch"), ("sch", "sh"), ("ph", "f"), ("kh", "h"), ("ck", "k"), ("ch", "\x00"),
    ("c", "k"), ("q", "k"), ("x", "ks"), ("w", "v"), ("y", "i"), ("j", "i"), ("\x00", "ch"),
)  # fmt: skip
_REPEATED = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z0-9]+")


def name_skeleton(word: str) -> str:
    """One word of a name in ASCII lower case, spelt the same whichever common
    transliteration wrote it: ``"Petrowa"`` and ``"Петрова"`` -> ``"petrova"``,
    ``"Mariia"`` -> ``"maria"``, ``"Stephan"`` -> ``"stefan"``."""
    folded = _NOT_LETTER.sub("", to_ascii(word).casefold())
    for written, kept in _SKELETON_SPELLINGS:
        folded = folded.replace(written, kept)
    return _REPEATED.sub(r"\1", folded)
