"""A question typed otherwise, the way people type to a bot: pure, seeded rewritings.

Each retyping takes the question, the names it may misspell or shorten (``names``: words and
runs the article or the item spells with capitals) and the article's text (for the initialisms
it defines), and returns the retyped question or None when it does not apply (nothing to
change). The seed is the item's id, so every run writes the same variants.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")

# function words a terse typist leaves out (the wh-word opening the question is kept)
_FUNCTION_WORDS = """a an the of to in on at for by with from about into over as than that
this these those did does do has have had is are was were be been being will would shall should
can could may might must and or but so if then there their its his her they he she it we you i
me him them our your us said say says saying tell told tells telling what who"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
WH_WORDS = ("who", "what", "which", "why", "how", "when", "where")

# sound-alike spellings: the first matching pair (either way) is swapped once
SOUND_ALIKES = (
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ie", "y"),
    ("ei", "ie"),
    ("c", "k"),
    ("s", "z"),
    ("v", "w"),
    ("y", "i"),
)

# common short forms of multiword names, as people type them
SHORT_FORMS = (
    ("United States", "US"),
    ("United Kingdom", "UK"),
    ("United Nations", "UN"),
    ("European Union", "EU"),
    ("Prime Minister", "PM"),
    ("prime minister", "PM"),
    ("Member of Parliament", "MP"),
    ("New York City", "NYC"),
    ("Hong Kong", "HK"),
    ("Department of Justice", "DOJ"),
    ("Los Angeles", "LA"),
    ("New Zealand", "NZ"),
)
LINK_WORDS = frozenset({"of", "for", "and", "the", "on", "de", "del"})


@dataclass(frozen=True, slots=True)
class Context:
    seed: str  # the item's id
    names: tuple[str, ...]  # name words and runs, as the article spells them
    article: str  # the article's text, for the initialisms it defines


def rng_for(context: Context, salt: str) -> random.Random:
    digest = hashlib.sha1(f"{context.seed}/{salt}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def lowercased(question: str, context: Context) -> str | None:
    """All lower case, without punctuation (hyphens inside words kept)."""
    words = [
        word.strip(".-'’").replace("'", "").replace("’", "") for word in WORD.findall(question)
    ]
    return " ".join(word.lower() for word in words if word)


def misspell_word(word: str, rng: random.Random) -> str:
    """One letter swapped, dropped or doubled (never the first), or a sound written alike."""
    lower = word.lower()
    sounds = [
        (one, other)
        for pair in SOUND_ALIKES
        for one, other in (pair, pair[::-1])
        if one in lower[1:]
    ]
    edits = ["swap", "drop", "double"] + (["sound"] if sounds else [])
    edit = rng.choice(edits)
    inner = rng.randrange(1, len(word) - 1)
    if edit == "swap":
        return word[:inner] + word[inner + 1] + word[inner] + word[inner + 2 :]
    if edit == "drop":
        return word[:inner] + word[inner + 1 :]
    if edit == "double":
        return word[: inner + 1] + word[inner] + word[inner + 1 :]
    one, other = rng.choice(sounds)
    at = lower.index(one, 1)
    written = other.upper() if word[at].isupper() else other
    return word[:at] + written + word[at + len(one) :]


def misspelt(question: str, context: Context) -> str | None:
    """One name word of five letters or more, in the question, misspelt."""
    candidates = sorted(
        {
            word
            for name in context.names
            for word in name.split()
            if len(word) >= 5 and word.isalpha() and not word.isupper()
        }
    )
    present = [w for w in candidates if re.search(rf"\b{re.escape(w)}\b", question, re.I)]
    if not present:
        return None
    rng = rng_for(context, "misspelt")
    word = rng.choice(present)
    match = re.search(rf"\b{re.escape(word)}\b", question, re.I)
    assert match is not None
    typed = misspell_word(match.group(0), rng)
    if typed.lower() == match.group(0).lower():
        return None
    return question[: match.start()] + typed + question[match.end() :]


def terse(question: str, context: Context) -> str | None:
    """Keywords: the opening wh-word, then every word but the function words and "say"."""
    words = WORD.findall(question)
    if not words:
        return None
    kept = [words[0]] if words[0].lower() in WH_WORDS else []
    rest = words[len(kept) :]
    kept += [word for word in rest if word.lower() not in FUNCTION_WORDS]
    typed = " ".join(kept)
    return typed if len(kept) >= 2 else None


def initialism_of(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words if word.lower() not in LINK_WORDS).upper()


DEFINED = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on)\s+)*)+)\(([A-Z]{2,6})\)")


def defined_initialisms(article: str) -> dict[str, str]:
    """``National Transit Board (NTB)``: the long form each written initialism stands for."""
    found = {}
    for match in re.finditer(
        r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on)\s+)*)+)\(([A-Z]{2,6})\)", article
    ):
        words = match.group(1).split()
        short = match.group(2)
        for start in range(len(words)):
            if initialism_of(words[start:]) == short and words[start].lower() not in LINK_WORDS:
                found[" ".join(words[start:])] = short
                break
    return found


NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on)\s+)*[A-Z][\w'’-]*)+")


def written_initialisms(question: str, article: str) -> dict[str, str]:
    """A run of capitalised words in the question whose initialism the article writes."""
    written = set(re.findall(r"\b[A-Z]{2,6}\b", article))
    found = {}
    for match in NAME_RUN.finditer(question):
        words = match.group(0).split()
        for start in range(len(words) - 1):
            short = initialism_of(words[start:])
            if short in written and len(short) >= 2:
                found[" ".join(words[start:])] = short
                break
    return found


def initialism(question: str, context: Context) -> str | None:
    """A multiword name as the article abbreviates it, else as people commonly shorten it."""
    forms = {
        **written_initialisms(question, context.article),
        **defined_initialisms(context.article),
    }
    for long, short in [*sorted(forms.items(), key=lambda kv: -len(kv[0])), *SHORT_FORMS]:
        match = re.search(rf"\b(the\s+)?{re.escape(long)}\b", question, re.I)
        if match:
            return question[: match.start()] + short + question[match.end() :]
    return None


Retyping = Callable[[str, Context], str | None]


def combined(*steps: Retyping, optional: tuple[Retyping, ...] = ()) -> Retyping:
    """The retypings in turn; None when any does not apply (but for the optional ones)."""

    def retype(question: str, context: Context) -> str | None:
        typed: str | None = question
        for step in steps:
            if typed is None:
                return None
            changed = step(typed, context)
            typed = typed if changed is None and step in optional else changed
        return typed

    return retype


RETYPINGS: dict[str, Retyping] = {
    "lowercase": lowercased,
    "misspelt": misspelt,
    "terse": terse,
    "initialism": initialism,
    "misspelt+lowercase": combined(misspelt, lowercased),
    "terse+lowercase": combined(terse, lowercased),
    "initialism+misspelt": combined(initialism, misspelt),
    "all": combined(initialism, misspelt, terse, lowercased, optional=(initialism,)),
}


def retyped(question: str, context: Context) -> dict[str, str]:
    """Every retyping that applies and changes the question."""
    variants = {}
    for name, retype in RETYPINGS.items():
        typed = retype(question, context)
        if typed is not None and typed != question:
            variants[name] = typed
    return variants
