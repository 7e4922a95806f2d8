"""Capital letters for a question typed all in lower case, read off the articles it retrieved.

A name is found in a question by its capitals ("what did Erdogan say"). Typed as "what did
erdogan say", the name is lost, and with it the rule that a claim must name it: questions
about names nobody quoted get answers. The articles a question retrieves write its names as
names, so a word they capitalise in mid-sentence far more often than not is given their
spelling ("dsouza" -> "D'Souza", "boris johnson" -> "Boris Johnson").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.answer.ascii import to_ascii
from bot.answer.initialisms import initialisms, looks_like_initialism
from bot.answer.lexicon import QUESTION_WORDS, load_lexicon
from bot.answer.names import NAME_MATCH, TYPO_LENGTH, name_key, one_typo_apart, same_name

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_LETTERS = re.compile(r"[^a-z0-9]")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# After these a capital says nothing: a sentence, a quotation or a heading starts there.
_OPENERS = frozenset('.!?:;"“”‘([—–-\n')
MIN_CAPITALISED = 1  # times a word is seen capitalised in mid-sentence before it is a name
CAPITALISED_SHARE = 0.75  # ... and the share of its mid-sentence uses that are capitalised


def is_lower_case(question: str) -> bool:
    """Typed without capitals (a capital first letter alone counts as none)."""
    return not any(character.isupper() for character in question[1:])


def key_of(word: str) -> str:
    """How a question's word and a text's word are compared: "D'Souza" -> "dsouza"."""
    return _LETTERS.sub("", to_ascii(word).lower())


def _letters(key: str) -> str:
    """The key's letters in a pattern, an apostrophe or hyphen allowed between them."""
    return "['’\\-]?".join(key)


def _pattern(keys: Iterable[str]) -> re.Pattern[str]:
    """The words of these keys in a text, an apostrophe or hyphen allowed between letters."""
    alternatives = sorted(map(_letters, keys), key=len, reverse=True)
    return re.compile(rf"(?<![\w'’\-])(?:{'|'.join(alternatives)})(?![\w'’\-])", re.IGNORECASE)


def spellings(
    keys: set[str], texts: Iterable[str], names: Iterable[str] = ()
) -> tuple[dict[str, str], set[str]]:
    """For each key, its spelling where the texts capitalise it in mid-sentence (speakers'
    names: anywhere) at least ``MIN_CAPITALISED`` times and mostly; and the keys the texts
    hold at all."""
    if not keys:
        return {}, set()
    pattern = _pattern(keys)
    capitalised: dict[str, Counter[str]] = defaultdict(Counter)
    lower: Counter[str] = Counter()
    for text, is_name in [*((t, False) for t in texts), *((n, True) for n in names)]:
        for found in pattern.finditer(text):
            word = found.group()
            key = key_of(word)
            if word[:1].isupper():
                before = text[max(0, found.start() - 3) : found.start()].rstrip(" ")
                if is_name or (before and before[-1] not in _OPENERS):
                    capitalised[key][word] += 1
            else:
                lower[key] += 1
    names_found = {}
    for key, forms in capitalised.items():
        count = sum(forms.values())
        if count >= MIN_CAPITALISED and count >= CAPITALISED_SHARE * (count + lower[key]):
            names_found[key] = forms.most_common(1)[0][0]
    return names_found, set(capitalised) | set(lower)


# Short words English writes with vowels are no initialisms ("mr", "st": abbreviations).
_NOT_INITIALISMS = frozenset({"mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "hr", "km"})


def _initialism_typed_lower(word: str) -> str:
    """ "nsw", "pm": a word of consonants only, typed in lower case, is an initialism
    ("NSW"), unless it is a word for a kind of people ("mp", kept as a role)."""
    lowered = word.lower()
    if (
        word != lowered
        or lowered in _NOT_INITIALISMS
        or lowered in load_lexicon().person_words
        or not looks_like_initialism(lowered, lower_case_question=True)
    ):
        return word
    return word.upper()


def _written_before(word: str, name: str, texts: Iterable[str]) -> bool:
    """Whether the texts write the word right before the name capitalised, and mostly so:
    the name's first part ("Grace Mugabe"), wherever the run stands, a sentence's start too."""
    pattern = re.compile(
        rf"(?<![\w'’\-])({_letters(key_of(word))})\s+{re.escape(name)}(?![\w\-])",
        re.IGNORECASE,
    )
    capitalised = lower = 0
    for text in texts:
        for found in pattern.finditer(text):
            if found.group(1)[:1].isupper():
                capitalised += 1
            else:
                lower += 1
    return capitalised > lower


def truecased(question: str, texts: Iterable[str], names: Iterable[str] = ()) -> str:
    """The question with the capitals its retrieved texts (sentences, articles: in ASCII)
    and speakers' names put on the words they write as names. Words for kinds of people
    ("mayor", "president") stay as typed: a title is capitalised before a name, and is
    not one. A possessive is read off its name ("lam's": "Lam")."""
    lexicon = load_lexicon()
    common = lexicon.stopwords | lexicon.person_words | QUESTION_WORDS.keys()
    texts = list(texts)
    words = _TOKEN.findall(question)
    bases = [_POSSESSIVE.sub("", word) for word in words]
    keys = {
        key
        for base in bases
        if base.lower() not in common and len(key := key_of(base)) > 1 and not key.isdigit()
    }
    # "lams": a possessive typed without its apostrophe, of a name written "Lam"
    keys |= {key[:-1] for key in keys if key.endswith("s") and len(key) > _SHORT_NAME - 2}
    found, seen = spellings(keys, texts, (to_ascii(name) for name in names))
    written = [found.get(key_of(base), _initialism_typed_lower(base)) for base in bases]
    capitalised = _Capitalised(texts)
    # From the end: a name's words are found from its last ("marriage equality coalition
    # Taiwan": "Coalition Taiwan", then "Equality Coalition", ...)
    for position in reversed(range(len(words))):
        base = bases[position]
        if base.lower() in common or written[position] != base:
            continue
        after = written[position + 1 : position + 2]
        named = bool(after) and after[0] != bases[position + 1]
        if named and _written_before(base, after[0], texts):
            written[position] = base[:1].upper() + base[1:]  # "grace" of "Grace Mugabe"
        elif key_of(base) not in seen:
            owner = found.get(key_of(base)[:-1]) if base.endswith("s") else None
            written[position] = f"{owner}'s" if owner else written[position]
            if written[position] == base:
                written[position] = capitalised.spelling(base) or base
            if written[position] == base and capitalised.shortens(base):
                written[position] = base.upper()  # "doj": "Department of Justice"
            # A word the texts never use, before a name they do: the name's first part, of
            # someone they do not mention ("sven" of "sven lindqvist" beside Petra Lindqvist)
            if written[position] == base and named and _may_be_given_name(base):
                written[position] = base[:1].upper() + base[1:]
    spelt = iter(
        spelling + word[len(base) :]
        for spelling, word, base in zip(written, words, bases, strict=True)
    )
    return _TOKEN.sub(lambda match: next(spelt), question)


def _may_be_given_name(word: str) -> bool:
    """Not a verb's form ("smithers *claim*", "*rebuilding* syria") nor a compound
    ("co-sponsor"): English words a question puts beside a name."""
    lowered = word.lower()
    inflected = len(lowered) > _SHORT_NAME and lowered.endswith("ing")
    return not (load_lexicon().is_verb_form(lowered) or inflected or "-" in lowered)


_SHORT_NAME = 5  # "Xing", "Ming": short names may end as English inflects
# A capital after a word or a comma: a name's, not a sentence's
_CAPITALISED_WORD = re.compile(r"(?<=[a-z0-9,] )[A-Z][A-Za-z'’\-]{3,}")


class _Capitalised:
    """The words the texts capitalise in mid-sentence, by name key, gathered when first asked
    for: where a word the texts never use is a name misspelt ("philvolcs" for "Phivolcs")."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._by_key: dict[str, str] | None = None
        self._initialisms: set[str] | None = None

    def shortens(self, word: str) -> bool:
        """Whether the word is the initialism of a name of the texts ("doj")."""
        if self._initialisms is None:
            self._initialisms = {found for text in self._texts for found in initialisms(text)}
        return 2 <= len(word) <= _SHORT_NAME - 1 and word.lower() in self._initialisms

    def spelling(self, word: str, *, slips_only: bool = False) -> str | None:
        """The texts' spelling of the name the word misspells: one whose key begins with the
        same letter and is close (``names.same_name``) or one slip of the keys away
        (``names.one_typo_apart``: the word is none the texts use). ``slips_only``: only
        the latter, for a word typed with capitals, which ranking finds in the spellings
        ``same_name`` allows already ("Stephanie" stays, though "Stefan" is close)."""
        key = name_key(word)
        if len(key) < _SHORT_NAME and not slips_only:
            return None
        if self._by_key is None:
            words = {found for text in self._texts for found in _CAPITALISED_WORD.findall(text)}
            self._by_key = {name_key(found): found for found in sorted(words)}
        near = (
            ()
            if slips_only
            else process.extract(
                key, list(self._by_key), scorer=fuzz.ratio, score_cutoff=NAME_MATCH - 10, limit=None
            )
        )
        for other, _, _ in near:
            if other[:1] == key[:1] and same_name(self._by_key[other], word):
                return self._by_key[other]
        slips = (
            found
            for found in self._by_key.values()
            if found[:1].lower() == word[:1].lower() and abs(len(found) - len(word)) <= 1
        )
        return next((found for found in slips if one_typo_apart(word, found)), None)


def _may_be_spelt(keys: set[str], lowered: list[str]) -> set[str]:
    """The keys ``spellings`` may find in the (lower-case) texts: those the texts hold once
    their apostrophes and hyphens are taken out. Its pattern costs milliseconds to build, and
    a name typed wrong is mostly nowhere (a text not in ASCII keeps every key)."""
    if not keys or not all(text.isascii() for text in lowered):
        return keys
    bare = [text.replace("'", "").replace("-", "") for text in lowered]
    return {key for key in keys if any(key in text for text in bare)}


def respelt(question: str, texts: Iterable[str], names: Iterable[str] = ()) -> str:
    """The question with each capitalised word its texts (and speakers' names) never use, in
    any case, spelt as the name they write a slip or a sound from it (``_Capitalised``):
    "What did Fakebook say" asks about Facebook, and a name typed wrong is no name to find."""
    common = load_lexicon().stopwords | QUESTION_WORDS.keys()
    texts, names = list(texts), [to_ascii(name) for name in names]
    words = _TOKEN.findall(question)
    bases = [_POSSESSIVE.sub("", word) for word in words]
    asked = {
        key_of(base): base
        for base in bases
        if base[:1].isupper()
        and not base.isupper()
        and base.lower() not in common
        and len(key_of(base)) >= TYPO_LENGTH
    }
    lowered = [text.lower() for text in [*texts, *names]]
    # most are plainly there: only the rest are looked for as words, apostrophes allowed
    rare = {key for key in asked if not any(key in text for text in lowered)}
    _, seen = spellings(_may_be_spelt(rare, lowered), texts, names)
    seen |= set(asked) - rare
    capitalised = _Capitalised([*texts, *names])
    spelt = {
        base: spelling
        for key, base in asked.items()
        if key not in seen and (spelling := capitalised.spelling(base, slips_only=True))
    }
    if not spelt:
        return question
    written = iter(
        spelt.get(base, base) + word[len(base) :] for word, base in zip(words, bases, strict=True)
    )
    return _TOKEN.sub(lambda match: next(written), question)
