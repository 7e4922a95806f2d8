"""What the words of a question mean, read from the data files in ``bot/answer/data``.

The knowledge is data so it can be reviewed and tested as data: ``stances.tsv`` (words and
phrases that ask about a stance, in base form), ``irregular_verbs.tsv``, ``event_words.txt``
(words for the same kind of event), ``places.txt`` (a country, its adjective, abbreviations and
capital), ``roles.txt`` (words for the same kind of speaker) with ``title_abbreviations.txt``
(a title and its abbreviation before a name: "Sen."), ``person_words.txt`` (heads of
speaker descriptions that are people, besides the roles), ``name_variants.txt``
(transliterations no rule bridges) and ``stopwords.txt``. Code here only reads and inflects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel import Locale

from bot.extract.model import Stance

# Stances that answer a question about another stance without contradicting it.
COMPATIBLE_STANCES: dict[Stance, frozenset[Stance]] = {
    Stance.DENY: frozenset({Stance.DENY}),
    Stance.ACCUSE: frozenset({Stance.ACCUSE, Stance.CLAIM, Stance.SAY, Stance.BELIEVE}),
    Stance.CLAIM: frozenset({Stance.CLAIM, Stance.SAY, Stance.ANNOUNCE}),
    Stance.CONFIRM: frozenset({Stance.CONFIRM, Stance.SAY, Stance.ANNOUNCE}),
    Stance.ANNOUNCE: frozenset({Stance.ANNOUNCE, Stance.SAY, Stance.CONFIRM}),
    Stance.WARN: frozenset({Stance.WARN, Stance.SAY}),
    Stance.DEMAND: frozenset({Stance.DEMAND, Stance.SAY, Stance.WARN}),
    Stance.BELIEVE: frozenset({Stance.BELIEVE, Stance.SAY, Stance.CLAIM}),
    Stance.REPORT: frozenset({Stance.REPORT, Stance.SAY, Stance.ANNOUNCE, Stance.CLAIM}),
    Stance.SAY: frozenset(Stance),
}

# Stances that oppose each other: a question about one is never answered with the other.
OPPOSED_STANCES: dict[Stance, frozenset[Stance]] = {
    Stance.DENY: frozenset({Stance.ACCUSE, Stance.CLAIM, Stance.CONFIRM}),
    Stance.ACCUSE: frozenset({Stance.DENY}),
    Stance.CLAIM: frozenset({Stance.DENY}),
    Stance.CONFIRM: frozenset({Stance.DENY}),
}

QUESTION_WORDS: dict[str, str] = {
    "who": "who",
    "whom": "who",
    "whose": "who",
    "which": "who",
    "what": "what",
    "how": "what",
    "why": "what",
    "when": "when",
    "where": "where",
    "did": "did",
    "does": "did",
    "do": "did",
    "is": "did",
    "was": "did",
    "were": "did",
    "are": "did",
    "has": "did",
    "have": "did",
    "had": "did",
    "can": "did",
    "could": "did",
}


def _data_text(name: str) -> str:
    return resources.files("bot.answer").joinpath("data", name).read_text(encoding="utf-8")


def _data_lines(name: str) -> list[str]:
    lines = (line.strip() for line in _data_text(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _groups(name: str) -> tuple[frozenset[str], ...]:
    return tuple(
        frozenset(word.strip().lower() for word in line.split(",") if word.strip())
        for line in _data_lines(name)
    )


def _with_territories(groups: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """The place groups and, each as a group of its own, every country and territory CLDR
    names in English (babel) that no group holds: "Vietnam's president" names a place."""
    held = {word for group in groups for word in group}
    territories = Locale("en").territories
    names = {
        name.replace("&", "and").lower()
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha()
    }
    return groups + tuple(frozenset({name}) for name in sorted(names - held))


def regular_forms(base: str) -> set[str]:
    """The forms English makes of a verb or noun by rule; a few impossible ones are harmless."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # admitted, rebutting
    return forms


@dataclass(frozen=True, slots=True)
class Lexicon:
    stance_phrases: dict[tuple[str, ...], Stance]  # inflected word sequences
    phrase_starts: frozenset[str]  # the first words of ``stance_phrases``
    strict_phrases: frozenset[tuple[str, ...]]  # phrases that only their own stance answers
    gapped_phrases: dict[tuple[str, tuple[str, ...]], Stance]  # "hold * responsible"
    gapped_by_first: dict[str, list[tuple[tuple[str, ...], Stance]]]  # the same, by first word
    base_forms: dict[str, str]  # an inflected verb -> its base form
    irregular_forms: dict[str, frozenset[str]]  # "wrote" -> write, wrote, written
    event_groups: tuple[frozenset[str], ...]
    places: tuple[frozenset[str], ...]
    roles: tuple[frozenset[str], ...]
    person_words: frozenset[str]  # every role word and person noun: "the *manager* said"
    name_variants: tuple[frozenset[str], ...]
    stopwords: frozenset[str]

    def matches(self, words: Iterable[str]) -> list[tuple[tuple[str, ...], Stance]]:
        """Every stance phrase in the (lower-case) words, as the words it covers."""
        sequence = list(words)
        found = []
        for start, first in enumerate(sequence):
            # most words begin no phrase: every claim's sentence is read
            for length in (4, 3, 2, 1) if first in self.phrase_starts else ():
                phrase = tuple(sequence[start : start + length])
                stance = self.stance_phrases.get(phrase) if len(phrase) == length else None
                if stance is not None:
                    found.append((phrase, stance))
                    break
            for rest, stance in self.gapped_by_first.get(first, ()):
                for gap in range(1, _GAP + 1):
                    tail = tuple(sequence[start + 1 + gap : start + 1 + gap + len(rest)])
                    if tail == rest:
                        found.append(((first, *rest), stance))
                        break
        return found

    def stance_of(self, words: Iterable[str]) -> tuple[Stance | None, tuple[str, ...]]:
        """The stance the (lower-case) words ask about and the phrase that said it.

        The longest phrase wins ("deny responsibility" over "responsibility"); among equally
        long ones, any stance beats plain saying. A phrase after a negation ("would not
        confirm", "has not denied", "no comment") asks about a claim that withholds it."""
        sequence = list(words)
        best: tuple[int, int, Stance, tuple[str, ...]] | None = None
        for phrase, stance in _withheld(sequence, self.matches(sequence)):
            rank = (len(phrase), 0 if stance in (Stance.SAY, Stance.REPORT) else 1)
            if best is None or rank > best[:2]:
                best = (*rank, stance, phrase)
        if best is None:
            return None, ()
        return best[2], best[3]

    def stances_in(self, words: Iterable[str], *, strict: bool = False) -> set[Stance]:
        """Every stance some phrase of the (lower-case) words expresses (``strict``: only
        phrases marked strict, such as "claimed responsibility")."""
        return {
            stance
            for phrase, stance in self.matches(words)
            if not strict or phrase in self.strict_phrases
        }

    def groups_of(self, word: str, groups: tuple[frozenset[str], ...]) -> frozenset[str]:
        found: set[str] = set()
        for group in groups:
            if word in group:
                found |= group
        return frozenset(found)

    def is_verb_form(self, word: str) -> bool:
        return word in self.base_forms


_GAP = 4  # words a "*" of a stance phrase stands for at most
# Words that negate the stance word after them ("not", "never", "no comment", "didn't").
_NEGATORS = frozenset({"not", "never", "no", "neither", "nor"})


def _negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith(("n't", "n’t"))


def _withheld(
    words: list[str], found: list[tuple[tuple[str, ...], Stance]]
) -> list[tuple[tuple[str, ...], Stance]]:
    """The phrases found, each one after a negation read as that negation and a decline."""
    out = []
    for phrase, stance in found:
        at = next((i for i in range(len(words)) if tuple(words[i : i + len(phrase)]) == phrase), -1)
        if at > 0 and _negator(words[at - 1]) and stance is not Stance.DECLINE:
            out.append(((words[at - 1], *phrase), Stance.DECLINE))
        else:
            out.append((phrase, stance))
    return out


_Phrases = dict[tuple[str, ...], Stance]
_Gapped = dict[tuple[str, tuple[str, ...]], Stance]


def _stance_phrases(
    irregular: dict[str, set[str]],
) -> tuple[_Phrases, frozenset[tuple[str, ...]], _Gapped]:
    phrases: _Phrases = {}
    strict: set[tuple[str, ...]] = set()
    gapped: _Gapped = {}
    for line in _data_lines("stances.tsv"):
        stance_name, phrase, *flags = line.split("\t")
        first, *rest = phrase.split()
        forms = regular_forms(first) | irregular.get(first, set())
        if rest and rest[0] == "*":
            for form in forms:
                gapped.setdefault((form, tuple(rest[1:])), Stance(stance_name))
                if "strict" in flags:
                    strict.add((form, *rest[1:]))
            continue
        for form in forms:
            phrases.setdefault((form, *rest), Stance(stance_name))
            if "strict" in flags:
                strict.add((form, *rest))
    return phrases, frozenset(strict), gapped


# Prefixes with which a verb keeps its irregular forms ("mislead / misled", "withhold /
# withheld", "oversee / oversaw"); "re-" and "un-" are left out, as their forms collide with
# other words ("resent", "unbound").
_VERB_PREFIXES = ("mis", "with", "over", "under", "out", "fore")


@cache
def load_lexicon() -> Lexicon:
    """The lexicon from the package's data files (read once per process)."""
    irregular: dict[str, set[str]] = {}
    for line in _data_lines("irregular_verbs.tsv"):
        base, others = line.split("\t")
        irregular[base] = {base, *others.split()}
    phrases, strict, gapped = _stance_phrases(irregular)
    gapped_by_first: dict[str, list[tuple[tuple[str, ...], Stance]]] = {}
    for (first, rest), stance in gapped.items():
        gapped_by_first.setdefault(first, []).append((rest, stance))
    base_forms: dict[str, str] = {}
    for line in _data_lines("stances.tsv"):
        base = line.split("\t")[1].split()[0]
        for form in regular_forms(base) | irregular.get(base, set()):
            base_forms.setdefault(form, base)
    for base, forms in irregular.items():
        for form in forms:
            base_forms.setdefault(form, base)
    roles = _groups("roles.txt") + _groups("title_abbreviations.txt")
    irregular_forms: dict[str, frozenset[str]] = {}
    for forms in irregular.values():
        for form in forms:  # the rest ("writes", "writing") stemming finds
            irregular_forms.setdefault(form, frozenset(forms))
    for forms in irregular.values():  # after every plain form: "resent" is not "re-sent"
        for prefix in _VERB_PREFIXES:
            prefixed = frozenset(prefix + form for form in forms)
            for form in prefixed:
                irregular_forms.setdefault(form, prefixed)
    return Lexicon(
        stance_phrases=phrases,
        phrase_starts=frozenset(phrase[0] for phrase in phrases),
        strict_phrases=strict,
        gapped_phrases=gapped,
        gapped_by_first=gapped_by_first,
        base_forms=base_forms,
        irregular_forms=irregular_forms,
        event_groups=_groups("event_words.txt"),
        places=_with_territories(_groups("places.txt")),
        roles=roles,
        person_words=frozenset(
            entry.split()[-1] for group in (*roles, *_groups("person_words.txt")) for entry in group
        ),
        name_variants=_groups("name_variants.txt"),
        stopwords=frozenset(" ".join(_data_lines("stopwords.txt")).split()),
    )
