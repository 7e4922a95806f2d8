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

from bot.answer.ascii import to_ascii
from bot.answer.initialisms import looks_like_initialism
from bot.answer.lexicon import QUESTION_WORDS, load_lexicon

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_LETTERS = re.compile(r"[^a-z0-9]")
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


def _pattern(keys: Iterable[str]) -> re.Pattern[str]:
    """The words of these keys in a text, an apostrophe or hyphen allowed between letters."""
    alternatives = sorted(("['’\\-]?".join(key) for key in keys), key=len, reverse=True)
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


def truecased(question: str, texts: Iterable[str], names: Iterable[str] = ()) -> str:
    """The question with the capitals its retrieved texts (sentences, articles: in ASCII)
    and speakers' names put on the words they write as names. Words for kinds of people
    ("mayor", "president") stay as typed: a title is capitalised before a name, and is
    not one."""
    texts = list(texts)
    lexicon = load_lexicon()
    common = lexicon.stopwords | lexicon.person_words | QUESTION_WORDS.keys()
    keys = {
        key
        for word in _TOKEN.findall(question)
        if word.lower() not in common and len(key := key_of(word)) > 1 and not key.isdigit()
    }
    found, seen = spellings(keys, texts, (to_ascii(name) for name in names))
    words = _TOKEN.findall(question)
    written = [found.get(key_of(word), _initialism_typed_lower(word)) for word in words]
    for position, word in enumerate(words):
        if word.lower() in common or written[position] != word:
            continue
        if key_of(word) in seen:
            if _given_name(word, written[position + 1 : position + 2], texts):
                written[position] = word[:1].upper() + word[1:]
            continue
        # A word the texts never use, next to a name they do: the name's other part, of
        # someone they do not mention ("grace" of "grace mugabe" beside Robert Mugabe).
        beside = written[max(0, position - 1) : position] + written[position + 1 : position + 2]
        if any(other[:1].isupper() and other.lower() not in common for other in beside):
            written[position] = word[:1].upper() + word[1:]
    spelt = iter(written)
    return _TOKEN.sub(lambda match: next(spelt), question)


def _given_name(word: str, after: list[str], texts: list[str]) -> bool:
    """A word the texts also write in lower case ("grace") that they write with a capital
    right before the name that follows it in the question ("Grace Mugabe"), even where a
    sentence starts: the name's first part."""
    if not after or not after[0][:1].isupper():
        return False
    pair = rf"{re.escape(word[:1].upper() + word[1:])}\s+{re.escape(after[0])}"
    pattern = re.compile(rf"(?<![\w'’\-]){pair}(?![\w'’\-])")
    return any(pattern.search(text) for text in texts)
