"""Reading a question: its kind, the stance it asks about and the words of its topic.

Pure functions over the question text and the lexicon (``bot/answer/data``); no model is
loaded, so a question is read in well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.answer.ascii import to_ascii
from bot.answer.initialisms import initialism_of, looks_like_initialism
from bot.answer.lexicon import QUESTION_WORDS, Lexicon, load_lexicon
from bot.answer.provenance_question import provenance_frame
from bot.answer.truecase import is_lower_case
from bot.extract.model import Stance

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*[A-Za-z0-9]|[A-Za-z0-9]")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Lower-case words that stay inside a name: "Mohammad bin Salman", "Abu al-Hasan".
NAME_JOINERS = frozenset(
    {"bin", "al", "el", "de", "dela", "del", "der", "den", "la", "van", "von", "da", "di", "du"}
    | {"ibn", "ul"}
)
_TRUTH_OPENERS = (("is", "it", "true"), ("is", "it", "right"), ("was", "it"), ("is", "it"))
_AUXILIARIES = frozenset({"did", "does", "do", "has", "have", "had", "was", "is", "were"})
# "Who did the police blame?": after these, the subject is the speaker and "who" is whom the
# act is about ("Who was the minister who ..." asks for the speaker)
_OBJECT_AUXILIARIES = frozenset({"did", "does", "do", "has", "have", "had"})
_DESCRIPTOR_LIMIT = 4
# "Which of the two officers": words that choose among speakers, not words of the topic.
_CHOOSING = frozenset(
    {"of", "the", "two", "three", "four", "these", "those", "both"}
)  # words after "which" that describe the speaker asked for


class TermKind(StrEnum):
    NAME = "name"  # a name as written: must be found, in some spelling
    PLACE = "place"  # a country, its people or its capital: any form of it counts
    WORD = "word"  # an ordinary topic word, with the words for the same event
    ROLE = "role"  # the kind of speaker asked for ("which *minister*"): helps, never required


@dataclass(frozen=True, slots=True)
class Term:
    """One name or word of the question's topic with the spellings that also count."""

    text: str
    alternatives: tuple[str, ...]  # lower case; the first is the word itself
    kind: TermKind = TermKind.WORD
    speaker: bool = False  # describes who is asked about ("which *Iranian* leader", "what did
    # *the health minister* say"): looked for in the claim's speaker and role first
    speaker_name: bool = False  # is the name of who is asked about ("what did *Pompeo* say"),
    # not a modifier of it ("the *Houthi* military spokesman")
    target: bool = False  # is who or what an accusation is asked about ("who blamed *the
    # pilot* for the crash"): a claim that does not name it blamed someone else, or no one

    @property
    def is_name(self) -> bool:
        return self.kind is TermKind.NAME


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    text: str
    kind: str  # who, what, when, where, did, other
    stance: Stance | None
    terms: tuple[Term, ...]
    stance_phrase: tuple[str, ...] = ()  # the words that asked for the stance
    provenance: str | None = (
        None  # "first" or "outlets": asks who reported it (provenance_question)
    )

    @property
    def term_groups(self) -> list[list[str]]:
        """What full-text retrieval looks for: one group of alternatives per term."""
        return [list(term.alternatives) for term in self.terms if term.kind is not TermKind.ROLE]

    @property
    def strict_stance(self) -> bool:
        """Only a claim of the asked stance answers ("who claimed responsibility")."""
        return self.stance_phrase in load_lexicon().strict_phrases

    @property
    def asks_whom(self) -> bool:
        """ "Who did British Transport Police blame?": the answer is whom the speaker asked
        about (the terms marked ``speaker``) named in the act asked about, not a speaker."""
        lowered = [word.lower() for word in tokens(self.text)[:2]]
        return (
            self.kind == "who"
            and lowered[:1] == ["who"]
            and lowered[1:2] != []
            and lowered[1] in _OBJECT_AUXILIARIES
            and any(term.speaker for term in self.terms)
        )

    @property
    def asks_both_sides(self) -> bool:
        """'Did X happen?', 'Is it true that ...': every side of a dispute answers."""
        return self.kind == "did"


def tokens(text: str) -> list[str]:
    """Words of the text, ASCII-folded, without possessive 's."""
    return [_POSSESSIVE.sub("", t).strip(".'’-") for t in _TOKEN.findall(to_ascii(text))]


def question_kind(words: list[str]) -> str:
    lowered = tuple(word.lower() for word in words)
    if any(lowered[: len(opener)] == opener for opener in _TRUTH_OPENERS):
        return "did"
    for word in lowered[:3]:
        kind = QUESTION_WORDS.get(word)
        if kind:
            return kind
    return "other"


def question_stance(text: str, lexicon: Lexicon | None = None) -> tuple[Stance | None, set[str]]:
    """The stance asked about and the question words that expressed it."""
    lexicon = lexicon or load_lexicon()
    stance, phrase = lexicon.stance_of(word.lower() for word in tokens(text))
    return stance, set(phrase)


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ul)-(?=[A-Z])")


def _is_capitalised(word: str) -> bool:
    """A name's word: "Sharabi", "al-Sharabi", "8chan" is not, "2019" is."""
    return _ARTICLE_PREFIX.sub("", word)[:1].isupper() or word.isdigit()


# Dates are written with capitals and numbers but name no one: "the July 2018 Kilauea
# expedition" asks about Kilauea, in July 2018 ("May" is a name and a verb as often).
_DATE_WORDS = frozenset(
    {"january", "february", "march", "april", "june", "july", "august", "september"}
    | {"october", "november", "december", "monday", "tuesday", "wednesday", "thursday"}
    | {"friday", "saturday", "sunday"}
)


def _is_date(word: str) -> bool:
    return word.isdigit() or word.lower() in _DATE_WORDS


Apart = frozenset[tuple[str, str]]  # two capitalised words side by side that are two names


def _name_runs(words: list[str], lexicon: Lexicon, apart: Apart) -> list[tuple[int, int]]:
    """Spans [start, end) of capitalised runs, joiners inside ("bin"), the opener and dates
    left out, and a run ended between two words ``apart``."""
    runs: list[tuple[int, int]] = []
    position = 0
    while position < len(words):
        word = words[position]
        lowered = word.lower()
        opener = position == 0 and (
            lowered in QUESTION_WORDS
            or lowered in lexicon.stopwords
            or lexicon.is_verb_form(lowered)
        )
        common = lowered in lexicon.stopwords and word.islower()
        if not _is_capitalised(word) or opener or common or _is_date(word):
            position += 1
            continue
        end = position + 1
        while end < len(words) and not _is_date(words[end]) and not _apart(words, end, apart):
            if _is_capitalised(words[end]) and words[end].lower() not in QUESTION_WORDS:
                end += 1
            elif (
                words[end] in NAME_JOINERS
                and end + 1 < len(words)
                and _is_capitalised(words[end + 1])
            ):
                end += 2
            else:
                break
        runs.append((position, end))
        position = end
    return runs


def _apart(words: list[str], at: int, apart: Apart) -> bool:
    return (words[at - 1].lower(), words[at].lower()) in apart


def _split_places(words: list[str], lexicon: Lexicon) -> list[tuple[str, TermKind]]:
    """A capitalised run as names and places: "Iranian foreign minister" -> place; "US Embassy"
    -> place "US" + name "Embassy"."""
    parts: list[tuple[str, TermKind]] = []
    position = 0
    while position < len(words):
        for size in (3, 2, 1):
            chunk = " ".join(words[position : position + size])
            if position + size <= len(words) and lexicon.groups_of(chunk.lower(), lexicon.places):
                parts.append((chunk, TermKind.PLACE))
                position += size
                break
        else:
            joins = not looks_like_initialism(words[position]) and not (
                parts and looks_like_initialism(parts[-1][0])
            )
            if parts and parts[-1][1] is TermKind.NAME and joins:
                parts[-1] = (f"{parts[-1][0]} {words[position]}", TermKind.NAME)
            else:
                parts.append((words[position], TermKind.NAME))
            position += 1
    return parts


def _descriptor_end(words: list[str], start: int, lexicon: Lexicon, stance_words: set[str]) -> int:
    """Where the words describing the speaker asked for end: at the verb."""
    end = start
    while end < len(words) and end - start < _DESCRIPTOR_LIMIT:
        lowered = words[end].lower()
        verb = lexicon.is_verb_form(lowered) or lowered.endswith("ed")
        # "which Nevada *state* senator", "which *elected* official": before a word for a
        # kind of speaker, a verb's form is the description's
        before_kind = end + 1 < len(words) and words[end + 1].lower() in lexicon.person_words
        if ((lowered in stance_words or verb) and not before_kind) or lowered in lexicon.stopwords:
            break
        end += 1
    return end


def _which_at(lowered: list[str]) -> int:
    """Where "which" asks for the speaker: first, or after the words leading to it
    ("According to which TV station ..."); -1 when it does not ("who said which ...")."""
    if "which" not in lowered[:3]:
        return -1
    at = lowered.index("which")
    return at if at == 0 or lowered[0] not in QUESTION_WORDS else -1


def _speaker_span(
    words: list[str], kind: str, lexicon: Lexicon, stance_words: set[str], apart: Apart
) -> tuple[int, int, int]:
    """[start, end) of the words describing the speaker asked about, and the role word's index.

    "Which Iranian leader brushed off ..." -> "Iranian leader" (role "leader");
    "Who at Mahan Air denied ..." -> "at Mahan Air"; "What did Russia's health minister say
    ..." -> "Russia health minister"; "How did Facebook respond ..." -> "Facebook"."""
    lowered = [word.lower() for word in words]
    if kind == "who" and _which_at(lowered) >= 0:
        start = _which_at(lowered) + 1
        while start < len(words) and lowered[start] in _CHOOSING:
            start += 1
        end = _descriptor_end(words, start, lexicon, stance_words)
        last = words[end - 1] if end > start else ""
        # "which *minister*", "which Tory *MP*": a word for a kind of speaker, however typed
        kind_word = bool(last) and (
            not _is_capitalised(last) or last.lower() in lexicon.person_words
        )
        role = end - 1 if kind_word else -1
        return start, end, role
    if kind == "who" and len(words) > 2 and lowered[1] in {"at", "in", "from", "of", "among"}:
        return 2, _verb_at(words, 2, lexicon, stance_words), -1
    if (
        kind == "who"
        and len(words) > 3
        and lowered[0] == "who"
        and lowered[1] in _OBJECT_AUXILIARIES
    ):
        return 2, _verb_at(words, 2, lexicon, stance_words), -1  # "Who did *the NTSB* blame"
    if kind == "what" and len(words) > 2 and lowered[1] in _AUXILIARIES:
        return 2, _verb_at(words, 2, lexicon, stance_words), -1
    if kind == "what" and len(words) > 3 and lowered[2] in _AUXILIARIES:
        return 3, _verb_at(words, 3, lexicon, stance_words), -1  # "What exactly did X say"
    if kind == "what" and lowered[0] == "what" and len(words) > 2 and _is_capitalised(words[1]):
        return 1, _terse_subject_end(words, lexicon, apart), -1  # "what Rouhani foreign forces"
    return 0, 0, -1


def _terse_subject_end(words: list[str], lexicon: Lexicon, apart: Apart) -> int:
    """Where the speaker of a question typed as keywords ends, its frame left out ("what
    Russia health minister odds ...", "what Rouhani foreign forces"): after the name right
    after "what", and a role's words that follow it (``roles.txt``)."""
    end = 2
    while (
        end < len(words)
        and not _apart(words, end, apart)
        and (
            (_is_capitalised(words[end]) and not _is_date(words[end]))
            or (
                words[end] in NAME_JOINERS
                and end + 1 < len(words)
                and _is_capitalised(words[end + 1])
            )
        )
    ):
        end += 1
    for size in (2, 1):  # "health minister", "spokesman"; not "foreign forces", a topic
        role = end + size <= len(words) and lexicon.groups_of(
            words[end + size - 1].lower(), lexicon.roles
        )
        if role and (size == 1 or words[end].lower() not in lexicon.stopwords):
            return end + size
    return end


def _verb_at(words: list[str], start: int, lexicon: Lexicon, stance_words: set[str]) -> int:
    """The index of the first verb (or stance word) from ``start``: where a subject ends.

    A subject ends before a word that opens a clause or a phrase of its own ("after",
    "about"): a verb the lexicon does not know ("What did Boris Johnson *promise* voters
    after ...") ends it where its name or person word does."""
    for position in range(start, len(words)):
        lowered = words[position].lower()
        # "What did *Rose* Varga say": a verb's form opening a run of capitals is a name's
        named = position + 1 < len(words) and _is_capitalised(words[position + 1])
        if _is_capitalised(words[position]) and (position > start or named):
            continue
        if lowered in stance_words or lexicon.is_verb_form(lowered):
            return position
        if lowered in _CLAUSE_OPENERS and position > start:
            return _head_end(words, start, position, lexicon)
    return start


# Words that open a clause or an adverbial phrase: no subject runs on past them.
_CLAUSE_OPENERS = frozenset(
    {"after", "before", "when", "while", "since", "because", "if", "about", "during", "until"}
)


def _head_end(words: list[str], start: int, stop: int, lexicon: Lexicon) -> int:
    """Where a subject of names and person words from ``start`` ends, before ``stop``: at the
    first other word after one of them ("Boris Johnson | promise voters"); ``start`` when the
    words hold neither."""
    seen = False
    for position in range(start, stop):
        word = words[position]
        if _is_capitalised(word) or word.lower() in lexicon.person_words:
            seen = True
        elif seen:
            return position
    return start


# Where the one accused ends: "blamed the pilot *for* the crash", "accused Iran *of* ...".
_TARGET_ENDS = frozenset(
    {"for", "of", "over", "in", "on", "at", "after", "with", "as", "about", "during", "to"}
)
_AFFILIATIONS = frozenset({"of", "at", "from", "for", "with"})
_TARGET_OPENERS = frozenset({"at", "on", "upon"})  # "pointed the finger *at* X"


def _target_span(lowered: list[str], stance: Stance | None, phrase: tuple[str, ...]) -> range:
    """The words naming who an accusation question is about: after the verb ("blamed *the
    pilot*"), or between the words of a gapped phrase ("held *the ministry* responsible")."""
    if stance is not Stance.ACCUSE or not phrase or phrase[0] not in lowered:
        return range(0)
    first = lowered.index(phrase[0])
    rest = phrase[1:]
    if rest and tuple(lowered[first + 1 : first + len(phrase)]) != rest and rest[0] in lowered:
        return range(first + 1, lowered.index(rest[0], first + 1))  # the gap
    start = first + len(phrase)
    if start < len(lowered) and lowered[start] in _TARGET_OPENERS:
        start += 1
    end = start
    while end < len(lowered) and lowered[end] not in _TARGET_ENDS:
        end += 1
    return range(start, end)


def _modifies_next(words: list[str], end: int, lexicon: Lexicon) -> bool:
    """A name followed by a content word describes it: "*Houthi* military spokesman"."""
    if end >= len(words):
        return False
    following = words[end]
    lowered = following.lower()
    return following.islower() and not (
        lowered in lexicon.stopwords or lexicon.is_verb_form(lowered) or lowered in QUESTION_WORDS
    )


def _word_term(
    word: str, lexicon: Lexicon, *, kind: TermKind = TermKind.WORD, speaker: bool = False
) -> Term:
    lowered = word.lower()
    groups = lexicon.roles if kind is TermKind.ROLE or speaker else lexicon.event_groups
    related = lexicon.groups_of(lowered, groups) | lexicon.irregular_forms.get(lowered, frozenset())
    alternatives = (lowered, *sorted(related - {lowered}))
    return Term(text=word, alternatives=alternatives, kind=kind, speaker=speaker)


def _name_term(text: str, kind: TermKind, lexicon: Lexicon, *, speaker: bool = False) -> Term:
    lowered = text.lower()
    groups = lexicon.places if kind is TermKind.PLACE else lexicon.name_variants
    related = sorted(lexicon.groups_of(lowered, groups) - {lowered})
    if kind is TermKind.NAME and not related:
        for word in lowered.split():  # "Zelenskiy" inside "Volodymyr Zelenskiy"
            related += sorted(lexicon.groups_of(word, lexicon.name_variants) - {word})
    shortened = initialism_of(text) if kind is TermKind.NAME else None
    if shortened:  # "National Health Service" is also "NHS"
        related.append(shortened)
    return Term(text=text, alternatives=(lowered, *related), kind=kind, speaker=speaker)


def parse_question(
    text: str, lexicon: Lexicon | None = None, *, apart: Apart = frozenset()
) -> ParsedQuestion:
    """The question read; ``apart``: pairs of capitalised words side by side that name two
    (``answerer.names_apart``: "what Vladimir Putin | Mugabe ...", typed as keywords)."""
    asked = provenance_frame(text)  # "who first reported X?": X is the question read
    if asked is not None:
        rest = parse_question(asked.rest, lexicon, apart=apart)
        kind = question_kind(tokens(text))
        return replace(rest, text=text, kind=kind, provenance=asked.aspect)
    lexicon = lexicon or load_lexicon()
    words = tokens(text)
    lowered = [word.lower() for word in words]
    stance, phrase = lexicon.stance_of(lowered)
    stance_words = set(phrase)
    kind = question_kind(words)
    lower_case = is_lower_case(text)
    speaker_start, speaker_end, role_at = _speaker_span(words, kind, lexicon, stance_words, apart)
    if phrase and phrase[0] in lowered[speaker_start:speaker_end]:  # "which state senator said"
        stance, phrase = lexicon.stance_of(lowered[speaker_end:])
        stance_words = set(phrase)
    target = _target_span(lowered, stance, phrase)
    asks_for_name = kind == "who" and _which_at(lowered) >= 0

    terms: list[Term] = []
    seen: set[str] = set()
    runs = {}
    for start, end in _name_runs(words, lexicon, apart):
        if start <= role_at < end:  # "Tory MP": the role is no part of a name
            end = role_at
        if start < end:
            runs[start] = end
    position = 0
    while position < len(words):
        if position in runs:
            end = runs[position]
            about_speaker = speaker_start <= position < speaker_end
            # "Which Tory MP ...": the name is what is asked, its words only describe it
            head = (
                about_speaker
                and not asks_for_name
                # ... unless the next word is past the speaker's words: the verb
                and not (end < speaker_end and _modifies_next(words, end, lexicon))
                # "Sam Wilson of C-MORE": where the speaker works describes them
                and not (position - 1 > speaker_start and lowered[position - 1] in _AFFILIATIONS)
            )
            parts = _split_places(words[position:end], lexicon)
            for index, (part, part_kind) in enumerate(parts):
                if part.lower() not in seen:
                    seen.add(part.lower())
                    term = _name_term(part, part_kind, lexicon, speaker=about_speaker)
                    # "Tunisian MP Souhail Alouini": the last part names, the others describe
                    speaker_name = head and term.is_name and index == len(parts) - 1
                    terms.append(
                        replace(term, speaker_name=speaker_name, target=position in target)
                    )
            position = end
            continue
        word, low = words[position], lowered[position]
        position += 1
        if kind == "who" and 0 < position - 1 < speaker_start and low in _CHOOSING:
            continue
        if low in seen or low in lexicon.stopwords or low in stance_words:
            continue
        if low in QUESTION_WORDS or (len(low) < 2 and not low.isdigit()):
            continue
        seen.add(low)
        about_speaker = speaker_start <= position - 1 < speaker_end
        # "pm", "nsw": typed in lower case, still initialisms; so is "mp" for a kind of
        # speaker, when the question got its names' capitals from its articles (``truecase``)
        typed_lower = word.islower() and position - 1 != role_at
        shortened = lower_case or (about_speaker and typed_lower and low in lexicon.person_words)
        if shortened and looks_like_initialism(word, lower_case_question=True):
            terms.append(_name_term(word, TermKind.NAME, lexicon, speaker=about_speaker))
            continue
        term_kind = TermKind.ROLE if position - 1 == role_at else TermKind.WORD
        term = _word_term(word, lexicon, kind=term_kind, speaker=about_speaker)
        terms.append(replace(term, target=position - 1 in target))
    return ParsedQuestion(
        text=text.strip(), kind=kind, stance=stance, terms=tuple(terms), stance_phrase=phrase
    )
