"""How ranking reads a text: its words, their stems, its acronyms and name keys, worked out
once and only as far as a question asks; and whether a question's term is in it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.answer.ascii import to_ascii
from bot.answer.initialisms import initialisms, looks_like_initialism
from bot.answer.names import NameKeys, find_name
from bot.answer.question import Term, TermKind

MISSPELT_LENGTH = 6
# Lower-case words stand for an initialism of three or four letters ("cvr"); two letters
# ("hq") match too many pairs of words.
WORD_INITIALS = (3, 4)
_RUN_JOINERS = frozenset(
    {"of", "and", "for", "the", "on", "de"}
)  # shorter words one letter apart are often other words ("bomb", "tomb")
_WORD = re.compile(r"[a-z0-9]+")
_WORD_CHARACTERS = b"abcdefghijklmnopqrstuvwxyz0123456789"
# Every byte but a word's characters becomes a space: splitting then gives ``_WORD``'s matches,
# several times faster than the regular expression (every candidate's texts are read).
_APART = bytes(byte if byte in _WORD_CHARACTERS else 32 for byte in range(256))


def _words_in(lowered: str) -> tuple[str, ...]:
    """``_WORD``'s matches in a lower-case text."""
    if not lowered.isascii():
        return tuple(_WORD.findall(lowered))
    return tuple(lowered.encode("ascii").translate(_APART).decode("ascii").split())


_ACRONYM = re.compile(r"\b[A-Z]{2,4}\b|\b(?:[A-Z]\.){2,3}")


@dataclass(slots=True)
class Text:
    """A text as ranking reads it: lower-case words; its acronyms, their stems, the words
    joined and their name keys are worked out when first asked for."""

    words: tuple[str, ...]  # a tuple: the garbage collector need not walk a long article's words
    folded: str = ""  # the text in ASCII, as written: where acronyms are looked for
    description: bool = False  # describes a speaker: its lower-case words shorten too ("pm")
    _acronyms: set[str] | None = None
    _initialisms: set[str] | None = None
    _word_initials: set[str] | None = None
    _sorted: list[str] | None = None  # the distinct words in order: a prefix's are a slice
    _stems: dict[str, set[str]] = field(default_factory=dict)
    _roots: dict[str, set[str]] = field(default_factory=dict)
    _joined: str | None = None
    _name_keys: NameKeys | None = None
    # ``term_found``'s answers, kept when a dict is given: many questions read one text (the
    # topics of all watches read a new article's claims, ``bot/services/watches.py``)
    found: dict[Term, bool] | None = None

    def has_stem(self, stemmed: str) -> bool:
        """Whether a word of the text has this stem."""
        return stemmed in self.stems_starting(stemmed[:2])

    def stems_starting(self, start: str) -> set[str]:
        """The stems of the text's words that begin with these two letters. Only those words
        are stemmed (a stem keeps its word's first two letters, but for "dying" and the
        like): a long article is asked about a few stems, not stemmed whole."""
        stems = self._stems.get(start)
        if stems is None:
            if self._sorted is None:
                self._sorted = sorted(set(self.words))
            words = self._sorted
            begin = bisect_left(words, start)
            found = words[begin : bisect_left(words, start + "{", begin)]  # "{" follows "z"
            found += [w for w in _STEM_CHANGES_START.get(start, ()) if _holds(words, w)]
            stems = self._stems[start] = set(_STEMMER.stemWords(found))
        return stems

    def roots_starting(self, start: str) -> set[str]:
        """The roots (``root``) of the stems ``stems_starting`` gives."""
        roots = self._roots.get(start)
        if roots is None:
            roots = self._roots[start] = {root(stemmed) for stemmed in self.stems_starting(start)}
        return roots

    @property
    def acronyms(self) -> set[str]:
        """ "UN", "U.S." as written, lower case: asked only for short names and places."""
        if self._acronyms is None:
            found = _ACRONYM.findall(self.folded)
            self._acronyms = {"".join(_WORD.findall(a.lower())) for a in found}
        return self._acronyms

    @property
    def initialisms(self) -> set[str]:
        """What the text's names shorten to ("Department of Justice": "doj", "dj")."""
        if self._initialisms is None:
            self._initialisms = initialisms(self.folded, description=self.description)
        return self._initialisms

    @property
    def word_initials(self) -> set[str]:
        """The initials of every run of ``WORD_INITIALS`` words of the text, whatever their
        case ("the cockpit voice recorder": "cvr"), joining words left out ("doj" is
        ``initialisms``' to find)."""
        if self._word_initials is None:
            letters = [word[0] for word in self.words if word not in _RUN_JOINERS]
            self._word_initials = {
                "".join(letters[start : start + size])
                for size in WORD_INITIALS
                for start in range(len(letters) - size + 1)
            }
        return self._word_initials

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._joined = " " + " ".join(self.words) + " "
        return self._joined

    @property
    def name_keys(self) -> NameKeys:
        if self._name_keys is None:
            self._name_keys = NameKeys.of(self.words)
        return self._name_keys

    @classmethod
    def of(cls, text: str, *, description: bool = False) -> Text:
        """The text read for ranking (articles: see ``article_text``, which keeps them)."""
        folded = to_ascii(text)
        return cls(_words_in(folded.lower()), folded, description)


_STEMMER = snowballstemmer.stemmer("english")


def _holds(ordered: list[str], word: str) -> bool:
    at = bisect_left(ordered, word)
    return at < len(ordered) and ordered[at] == word


# Snowball's exceptions whose stem begins otherwise than the word: "dying" -> "die".
_STEM_CHANGES_START = {"di": ("dying",), "li": ("lying",), "ti": ("tying",)}


@lru_cache(maxsize=512)
def article_text(text: str) -> Text:
    """An article's text read once and kept: one article answers many questions."""
    return Text.of(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball's English stem: "bombings" and "bomb", "connected" and "connect"."""
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed


_ROOT_LENGTH = 7  # "prosecutor", "governor": shorter words ending so are words of their own


@lru_cache(maxsize=65536)
def root(stemmed: str) -> str:
    """A stem with the derivations English makes by suffix that Snowball keeps taken off too,
    so that the noun and the verb of one act meet: "recoveri" (recovery) and "recov"
    (recovered), "decis" (decision) and "decid" (decided), "prosecutor" and "prosecut".
    Every change keeps the first letters (``Text.stems_starting``)."""
    if stemmed.endswith("i") and len(stemmed) > 4:
        return stem(stemmed[:-1])  # "discoveri" -> "discover" -> "discov"
    if stemmed.endswith(("or", "er")) and len(stemmed) >= _ROOT_LENGTH:
        return stemmed[:-2]
    if len(stemmed) >= 5 and stemmed[-1] == "s" and stemmed[-2] in "aiou":
        return stemmed[:-1] + "d"  # "explos" (explosion) -> "explod" (exploded)
    return stemmed


@lru_cache(maxsize=8192)
def words_of(alternative: str) -> tuple[str, ...]:
    return _words_in(to_ascii(alternative).lower())


@dataclass(frozen=True, slots=True)
class _Lookups:
    """How a term's alternatives are looked for in a text, worked out once per term."""

    phrases: tuple[str, ...]  # " car bomb ": several words, in a row
    short: tuple[str, ...]  # "us", "un": a short name or place, as an acronym (or a number)
    initialism: str | None  # "dot": a name asked as an initialism, for what it shortens
    stems: tuple[tuple[str, frozenset[str]], ...]  # the others' stems, by their first letters
    roots: tuple[tuple[str, frozenset[str]], ...]  # the roots of a word's own stem (``root``)
    variants: frozenset[str] = frozenset()  # a name's other spellings (its alternatives)
    parts: tuple[str, ...] = ()  # a name's words of four letters or more, each looked for


@lru_cache(maxsize=4096)
def _lookups(term: Term) -> _Lookups:
    phrases, short, stems = [], [], defaultdict[str, set[str]](set)
    for alternative in term.alternatives:
        words = words_of(alternative)
        if len(words) > 1:
            phrases.append(f" {' '.join(words)} ")
        elif words and term.kind in (TermKind.PLACE, TermKind.NAME) and len(words[0]) <= 3:
            short.append(words[0])  # "US" the country, not "us"
        elif words:
            stemmed = stem(words[0])
            stems[stemmed[:2]].add(stemmed)
    by_start = tuple((start, frozenset(found)) for start, found in stems.items())
    roots = defaultdict[str, set[str]](set)
    if term.kind is TermKind.WORD:  # a derived form of the word itself, not of its event's
        for word in words_of(term.text)[-1:]:
            rooted = root(stem(word))
            roots[rooted[:2]].add(rooted)
    by_root = tuple((start, frozenset(found)) for start, found in roots.items())
    initialism = None
    named = term.kind in (TermKind.NAME, TermKind.ROLE)  # "MP": "member of Parliament"
    if named and looks_like_initialism(term.text, lower_case_question=True):
        initialism = "".join(words_of(term.text))
    variants: frozenset[str] = frozenset()
    parts: tuple[str, ...] = ()
    if term.kind is TermKind.NAME:
        variants = frozenset(term.alternatives[1:])
        parts = tuple(part for part in words_of(term.text) if len(part) >= 4)
    return _Lookups(
        tuple(phrases),
        tuple(short),
        initialism,
        by_start,
        by_root,
        variants,
        parts,
    )


def term_found(term: Term, text: Text) -> bool:
    if text.found is None:
        return _term_found(term, text)
    found = text.found.get(term)
    if found is None:
        found = text.found[term] = _term_found(term, text)
    return found


def _term_found(term: Term, text: Text) -> bool:
    lookups = _lookups(term)
    for start, stems in lookups.stems:
        if not stems.isdisjoint(text.stems_starting(start)):
            return True
    if any(phrase in text.joined for phrase in lookups.phrases):
        return True
    for start, roots in lookups.roots:
        if not roots.isdisjoint(text.roots_starting(start)):
            return True
    for word in lookups.short:
        if word in text.acronyms or (word.isdigit() and word in text.words):
            return True
    if lookups.initialism and lookups.initialism in text.initialisms:
        return True
    initialism = lookups.initialism
    if initialism and len(initialism) in WORD_INITIALS and initialism in text.word_initials:
        return True
    if term.kind is TermKind.NAME:
        variants = lookups.variants
        if find_name(term.text, text.words, variants=variants, keys=text.name_keys):
            return True
        parts = lookups.parts
        return len(parts) > 1 and all(
            find_name(part, text.words, keys=text.name_keys) for part in parts
        )
    return False


@lru_cache(maxsize=512)
def title_text(title: str) -> Text:
    """An article's title read once: its claims share it."""
    return Text.of(title)


def misspelt_in(word: str, text: Text) -> bool:
    """One letter off a long word of the text: "goverment" for "government"."""
    words = words_of(word)
    if len(words) != 1 or len(words[0]) < MISSPELT_LENGTH:
        return False
    lowered = words[0]
    near = process.extractOne(lowered, text.words, scorer=Levenshtein.distance, score_cutoff=1)
    return near is not None
