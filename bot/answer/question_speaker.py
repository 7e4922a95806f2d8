"""Where a question's words name someone: runs of capitalised words, the words that describe
the speaker asked for, and whom an accusation is about. Positions in the question's words
(``question.tokens``), read by ``question.parse_question``; pure functions over the lexicon."""

from __future__ import annotations

import re

from bot.answer.lexicon import QUESTION_WORDS, Lexicon
from bot.extract.model import Stance

# Lower-case words that stay inside a name: "Mohammad bin Salman", "Abu al-Hasan".
NAME_JOINERS = frozenset(
    {"bin", "al", "el", "de", "dela", "del", "der", "den", "la", "van", "von", "da", "di", "du"}
    | {"ibn", "ul"}
)
_AUXILIARIES = frozenset({"did", "does", "do", "has", "have", "had", "was", "is", "were"})
# "Who did the police blame?": after these, the subject is the speaker and "who" is whom the
# act is about ("Who was the minister who ..." asks for the speaker)
OBJECT_AUXILIARIES = frozenset({"did", "does", "do", "has", "have", "had"})
# Questions whose answer is what someone said, or when or where: "What / When did X say ...".
STATEMENT_KINDS = frozenset({"what", "when", "where"})
_DESCRIPTOR_LIMIT = 4
# "Which of the two officers": words that choose among speakers, not words of the topic.
CHOOSING = frozenset(
    {"of", "the", "two", "three", "four", "these", "those", "both"}
)  # words after "which" that describe the speaker asked for

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


def name_runs(words: list[str], lexicon: Lexicon, apart: Apart) -> list[tuple[int, int]]:
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


def which_at(lowered: list[str]) -> int:
    """Where "which" asks for the speaker: first, or after the words leading to it
    ("According to which TV station ..."); -1 when it does not ("who said which ...")."""
    if "which" not in lowered[:3]:
        return -1
    at = lowered.index("which")
    return at if at == 0 or lowered[0] not in QUESTION_WORDS else -1


def speaker_span(
    words: list[str], kind: str, lexicon: Lexicon, stance_words: set[str], apart: Apart
) -> tuple[int, int, int]:
    """[start, end) of the words describing the speaker asked about, and the role word's index.

    "Which Iranian leader brushed off ..." -> "Iranian leader" (role "leader");
    "Who at Mahan Air denied ..." -> "at Mahan Air"; "What did Russia's health minister say
    ..." -> "Russia health minister"; "How did Facebook respond ..." -> "Facebook"."""
    lowered = [word.lower() for word in words]
    if kind == "who" and which_at(lowered) >= 0:
        start = which_at(lowered) + 1
        while start < len(words) and lowered[start] in CHOOSING:
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
        and lowered[1] in OBJECT_AUXILIARIES
    ):
        return 2, _verb_at(words, 2, lexicon, stance_words), -1  # "Who did *the NTSB* blame"
    if kind in STATEMENT_KINDS and len(words) > 2 and lowered[1] in _AUXILIARIES:
        return 2, _verb_at(words, 2, lexicon, stance_words), -1  # "When did *Ana Ruiz* say"
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
AFFILIATIONS = frozenset({"of", "at", "from", "for", "with"})
_TARGET_OPENERS = frozenset({"at", "on", "upon"})  # "pointed the finger *at* X"


def target_span(lowered: list[str], stance: Stance | None, phrase: tuple[str, ...]) -> range:
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


def modifies_next(words: list[str], end: int, lexicon: Lexicon) -> bool:
    """A name followed by a content word describes it: "*Houthi* military spokesman"."""
    if end >= len(words):
        return False
    following = words[end]
    lowered = following.lower()
    return following.islower() and not (
        lowered in lexicon.stopwords or lexicon.is_verb_form(lowered) or lowered in QUESTION_WORDS
    )
