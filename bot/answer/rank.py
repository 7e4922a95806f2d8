"""Scoring a stored claim against a question (0-100), and the threshold for answering.

A claim is read at three distances: its own words (speaker, role, outlet, content, sentence),
its article's title, and the rest of its article. A topic term found in the claim's own words
counts fully, in the title too (it names the event), elsewhere in the article less: the
article tells which event, the claim which side of it. Names weigh double and must be found
in some spelling; the speaker kind asked for ("which *minister*") weighs half and is looked
for in the speaker's name and role. A who-question answered by a thing ("the ruling said",
"a report said") counts less than one answered by a person or body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from rapidfuzz import fuzz

from bot.answer.lexicon import COMPATIBLE_STANCES, OPPOSED_STANCES, load_lexicon
from bot.answer.names import find_name
from bot.answer.question import NAME_JOINERS, ParsedQuestion, Term, TermKind
from bot.answer.reading import (
    Text,
    article_text,
    misspelt_in,
    stem,
    term_found,
    title_text,
    words_of,
)
from bot.extract.model import Stance
from bot.extract.name_spans import ORGANISATION_HEADS

# Calibrated on the dev questions and on tests/questions/*.jsonl (docs/benchmarks.md).
ANSWER_THRESHOLD = 62.0  # below this a claim is at most "related"
RELATED_THRESHOLD = 35.0

WEIGHTS = {TermKind.NAME: 2.0, TermKind.PLACE: 1.0, TermKind.WORD: 1.0, TermKind.ROLE: 0.5}
IN_TITLE = 1.0  # credit for a term found only in the article's title: it names the event
IN_ARTICLE = 0.7  # ... only elsewhere in the article
MISSPELT = 0.8  # credit for a word found one letter off in the claim's own words
SURNAME_ONLY = 0.9  # credit for "Spanton" in the claim when "Emily Spanton" is asked (and is
# in its article)
DESCRIBED_NEARBY = 0.8  # credit for a speaker word set beside the speaker's name elsewhere in
# the article ("met officers Ana Ruiz and ..."; "Ruiz, a cleric, ...")
NEARBY_WORDS = 3
_NEARBY_CHARACTERS = 80  # enough for NEARBY_WORDS words and one more
PLAIN_WEIGHT = 4.0  # term weight a question needs before its further words count less
LONG_TAIL = 0.5
MISSING_NAME = 0.7  # factor when a name of the question is nowhere in the article
NO_SPEAKER = 0.6  # factor for a who-question answered by a claim without a speaker
STRICT_MISMATCH = 0.6  # stance factor of another stance when only the asked one answers
STRICT_SAME = 0.8  # ... of the same stance when its sentence lacks the phrase ("claimed" alone)
SPEAKER_IS_OBJECT = 0.7  # factor when a who-question's answer is a name the question is about
NOT_A_PERSON = 0.85  # factor for a who-question answered by "the ruling" or "a report"
OTHER_SPEAKER = 0.8  # factor when the speaker the question describes is not the claim's
MISSING_TARGET = 0.7  # factor when the claim does not name the one the accusation is about
NOTHING_NEW = 0.85  # factor for a what-question answered by content that only repeats it
# Speakers that are no one: "No organization claimed ..." answers no who-question.
_NOBODY = re.compile(r"^(?:no|none|nobody|no one|neither)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Claim:
    """The parts of a stored attribution that ranking looks at."""

    speaker: str | None
    speaker_role: str | None
    stance: str
    content: str
    sentence: str
    title: str
    via: str | None = None
    article_text: str = ""


@dataclass(slots=True)
class ClaimTexts:
    """The claim read at its three distances, built once per claim. The title, the frame and
    the article are read only when asked for: reading the article (stems, name keys over
    thousands of words) costs more than all the rest of ranking."""

    own: Text  # speaker, role, outlet and sentence (and the content, where the sentence lacks it)
    speaker: Text
    speaker_name: str | None
    sentence: Text
    frame_text: str  # the sentence less the content: where the speech act is ("X denied ...")
    read_title: Callable[[], Text]
    read_article: Callable[[], Text]
    _title: Text | None = None
    _frame: Text | None = None
    _article: Text | None = None

    @property
    def title(self) -> Text:
        if self._title is None:
            self._title = self.read_title()
        return self._title

    @property
    def frame(self) -> Text:
        if self._frame is None:
            self._frame = Text.of(self.frame_text)
        return self._frame

    @property
    def article(self) -> Text:
        if self._article is None:
            self._article = self.read_article()
        return self._article

    @classmethod
    def of(cls, claim: Claim, *, article: Callable[[], Text] | None = None) -> ClaimTexts:
        """``article``: reads the article's text (``article_text`` keeps it for its claims)."""
        speaker = Text.of(" ".join(part for part in (claim.speaker, claim.speaker_role) if part))
        sentence = Text.of(claim.sentence)
        pieces = claim.content.split(" … ")
        frame = claim.sentence
        for piece in pieces:
            frame = frame.replace(piece, " ")
        extra = [claim.via or ""]
        if any(piece not in claim.sentence for piece in pieces):
            extra.append(claim.content)
        more = Text.of(" ".join(extra))
        own = Text(
            speaker.words + more.words + sentence.words,
            " ".join((speaker.folded, more.folded, sentence.folded)),
        )
        return cls(
            own,
            speaker,
            claim.speaker,
            sentence,
            frame,
            partial(title_text, claim.title),
            article if article is not None else partial(article_text, claim.article_text),
        )


def term_credit(term: Term, texts: ClaimTexts) -> float:
    """1 when the claim's own words hold the term, less when only its article does.

    Words describing the speaker count fully only in the speaker's name and role."""
    if term.kind is TermKind.ROLE or term.speaker:
        if term_found(term, texts.speaker):
            return 1.0
        if term_found(term, texts.own):
            return 0.6
        if not term.speaker_name and _described_nearby(term, texts):
            return DESCRIBED_NEARBY
        return 0.0 if term.kind is TermKind.ROLE else 0.3 * _context_credit(term, texts)
    if term_found(term, texts.own):
        return 1.0
    if term.is_name and _surname_found(term, texts):
        return SURNAME_ONLY
    if term.kind is TermKind.WORD and misspelt_in(term.text, texts.own):
        return MISSPELT
    return _context_credit(term, texts)


_SURNAME = re.compile(r"^[A-Z][\w'’\-]{2,}$")


@lru_cache(maxsize=8192)
def _surname(speaker: str | None) -> str | None:
    """ "Mufti Abdul Qawi" -> "qawi"; None for "the ministry" or "officials"."""
    words = _POSSESSIVE_END.sub("", (speaker or "").strip()).split()
    if not words or not _SURNAME.match(words[-1]) or words[-1].isupper():
        return None
    surname = words_of(words[-1])
    return surname[-1] if surname else None


def _described_nearby(term: Term, texts: ClaimTexts) -> bool:
    """Whether the article sets the term beside the speaker's name: just before it ("officers
    Ana Ruiz", "county sheriff Ana Ruiz") or in an apposition after it ("Ruiz, a cleric")."""
    surname = _surname(texts.speaker_name)
    if surname is None:
        return False
    joined = texts.article.joined
    name = f" {surname} "
    found = joined.find(name)
    while found != -1:
        end = found + len(name)
        beside = joined[max(0, found - _NEARBY_CHARACTERS) : found].split()[-NEARBY_WORDS:]
        after = joined[end : end + _NEARBY_CHARACTERS].split()[: NEARBY_WORDS + 1]
        if after and after[0] in _ARTICLES:
            beside += after[1:]
        if beside and term_found(term, Text(tuple(beside))):
            return True
        found = joined.find(name, found + 1)
    return False


def _surname_found(term: Term, texts: ClaimTexts) -> bool:
    """A person asked about by full name, written in the claim by surname alone ("Spanton"
    for "Emily Spanton") in an article that names them in full."""
    parts = words_of(term.text)
    if len(parts) < 2 or len(parts[-1]) < 4 or term.speaker:
        return False
    if not find_name(parts[-1], texts.own.words, keys=texts.own.name_keys):
        return False
    return term_found(term, texts.title) or term_found(term, texts.article)


def _context_credit(term: Term, texts: ClaimTexts) -> float:
    if term_found(term, texts.title):
        return IN_TITLE
    if texts.article.words and term_found(term, texts.article):
        return IN_ARTICLE
    return 0.0


def score_claim(question: ParsedQuestion, claim: Claim, texts: ClaimTexts | None = None) -> float:
    """0-100: how well the claim answers the question."""
    if not question.terms:
        return 0.0
    texts = texts or ClaimTexts.of(claim)
    weights = [WEIGHTS[term.kind] for term in question.terms]
    credits = [term_credit(term, texts) for term in question.terms]
    found = sum(w * c for w, c in zip(weights, credits, strict=True))
    # Mostly saturating (a long question paraphrases), a little of every word: ties break.
    coverage = 0.9 * min(1.0, found / _span(weights)) + 0.1 * found / sum(weights)
    topic = " ".join(term.text for term in question.terms if term.kind is not TermKind.ROLE)
    similarity = fuzz.token_set_ratio(topic.lower(), " ".join(texts.own.words))
    score = 80.0 * coverage + 20.0 * similarity / 100.0
    if any(
        term.is_name and credit == 0.0 for term, credit in zip(question.terms, credits, strict=True)
    ):
        score *= MISSING_NAME
    pairs = list(zip(question.terms, credits, strict=True))
    if any(term.target and credit < 1.0 for term, credit in pairs):
        score *= MISSING_TARGET  # "who blamed the pilot": not a claim about the crash alone
    described = [credit for term, credit in pairs if term.speaker]
    named_elsewhere = any(term.speaker_name and credit < 1.0 for term, credit in pairs)
    if described and (
        max(described) < 0.6 or named_elsewhere or _body_for_a_person(pairs, claim.speaker)
    ):
        score *= OTHER_SPEAKER  # "what did Truth Aquatics say": not the Conception's words
    asks_a_stance = question.stance not in (None, Stance.SAY) and not question.asks_both_sides
    score *= stance_factor(
        question,
        claim.stance,
        frame=texts.frame.words if asks_a_stance else None,
        sentence=texts.sentence.words,
        content=claim.content,
    )
    if question.kind == "what" and not _tells_more(question, claim.content):
        score *= NOTHING_NEW  # "what did X say the plan was for": not 'it "the plan"'
    if question.kind == "who" and (not claim.speaker or _NOBODY.match(claim.speaker)):
        score *= NO_SPEAKER
    elif question.kind == "who" and _speaker_is_object(question, texts.speaker):
        score *= SPEAKER_IS_OBJECT  # who pushed back on Macron's call: not Macron
    elif question.kind == "who" and not speaker_is_person(claim.speaker):
        score *= NOT_A_PERSON
    return max(0.0, min(100.0, score))


_HEAD = re.compile(r"([A-Za-z][\w.\-]*)\W*$")
_RESPONSIBILITY = re.compile(r"(?:the\s+)?(?:responsibility|credit)\b", re.IGNORECASE)
_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _body_for_a_person(pairs: list[tuple[Term, float]], speaker: str | None) -> bool:
    """ "What did the prime minister say", "the ministry spokesman": a person the question
    describes by a word for people that the claim's speaker, a body ("Defence Ministry of
    Terania"), does not hold."""
    if not speaker or not any(word in ORGANISATION_HEADS for word in speaker.lower().split()):
        return False
    people = _person_stems()
    return any(
        term.speaker and credit < 0.6 and stem(term.text.lower()) in people
        for term, credit in pairs
    )


@lru_cache(maxsize=8192)
def speaker_is_person(speaker: str | None) -> bool:
    """Whether a speaker can answer "who": a name ("Mara Vell", "Police", "a UN official")
    or a description whose head noun is a person or body ("the general manager") — not "the
    ruling", "a port report" or "its water levels"."""
    if not speaker:
        return False
    found = _HEAD.search(_POSSESSIVE_END.sub("", speaker.strip()))
    if found is None:
        return False
    head = found.group(1)
    if head[:1].isupper() or head.isdigit() or head in NAME_JOINERS:  # "Juan dela" cut short
        return True
    return stem(head.lower()) in _person_stems()


@lru_cache(maxsize=1)
def _person_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in load_lexicon().person_words)


def _tells_more(question: ParsedQuestion, content: str) -> bool:
    """Whether the content holds a word the question does not: something was said."""
    asked = {stem(word) for term in question.terms for word in words_of(term.text)}
    stopwords = load_lexicon().stopwords
    return any(
        len(word) > 2 and word not in stopwords and stem(word) not in asked
        for word in words_of(content)
    )


def _speaker_is_object(question: ParsedQuestion, speaker: Text) -> bool:
    """A name of the question's topic is the speaker. A place only when the speaker is the
    place itself ("Iran" for "who blamed Iran"): "the governor of Ohio" does answer "who
    announced Ohio would drop the bill"."""
    bare = " ".join(word for word in speaker.words if word not in _ARTICLES)
    for term in question.terms:
        if term.speaker:
            continue
        if term.kind is TermKind.NAME and term_found(term, speaker):
            return True
        if term.kind is TermKind.PLACE and bare in term.alternatives:
            return True
    return False


def _span(weights: list[float]) -> float:
    """What full coverage takes: every term of a short question; of a long one, the words past
    the first ``PLAIN_WEIGHT`` count half, as a long question paraphrases more of its claim."""
    total = sum(weights)
    return total if total <= PLAIN_WEIGHT else PLAIN_WEIGHT + LONG_TAIL * (total - PLAIN_WEIGHT)


def stance_factor(
    question: ParsedQuestion,
    claim_stance: str,
    *,
    frame: Sequence[str] | None = None,
    sentence: Sequence[str] | None = None,
    content: str = "",
) -> float:
    """How a claim's stance fits the one asked about: a denial never answers 'who blamed'.

    A claim stored with another stance whose frame (its sentence less what was said) uses the
    asked stance's words ("... rejected the claim, saying ...") fits almost as well as one
    stored with it; words inside the content ("storm warnings were lifted") do not count."""
    asked = question.stance
    if asked is None or asked is Stance.SAY or question.asks_both_sides:
        return 1.0
    if claim_stance in {s.value for s in OPPOSED_STANCES.get(asked, frozenset())}:
        return 0.3
    if question.strict_stance:  # "claimed responsibility" must be said in the sentence
        said = sentence is not None and asked in load_lexicon().stances_in(sentence, strict=True)
        if said:
            return 1.1
        return STRICT_SAME if claim_stance == asked.value else STRICT_MISMATCH
    if claim_stance == asked.value and not (
        asked is Stance.CLAIM and _RESPONSIBILITY.match(content)
    ):
        return 1.1  # "who claimed that ..." is not "who claimed responsibility"
    if frame and asked in load_lexicon().stances_in(frame):
        return 1.0
    if claim_stance in {s.value for s in COMPATIBLE_STANCES.get(asked, frozenset())}:
        return 0.95
    return 0.85
