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

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from rapidfuzz import fuzz

from bot.answer.lexicon import load_lexicon
from bot.answer.names import another_given_name, find_name, name_key
from bot.answer.question import ParsedQuestion, Term, TermKind
from bot.answer.ranker import load_ranker
from bot.answer.reading import (
    Text,
    article_text,
    misspelt_in,
    stem,
    term_found,
    title_text,
    words_of,
)
from bot.answer.speakers import (
    POSSESSIVE_END,
    asked_kinds,
    asks_for_one,
    person_stems,
    speaker_is_person,
    speaker_is_plural,
)
from bot.answer.stance_fit import asks_a_stance, does_the_act, stance_factor
from bot.answer.statement import (
    SPEAKER_RELATIVE,
    STATEMENT_FEATURES,
    named_before,
    says_little,
    share_found,
    unresolved,
)
from bot.extract.name_spans import ORGANISATION_HEADS

# Scores are chances in per cent (``ranker.py``).
ANSWER_THRESHOLD = 50.0  # below this a claim is at most "related": as likely not to answer
RELATED_THRESHOLD = 25.0

WEIGHTS = {TermKind.NAME: 2.0, TermKind.PLACE: 1.0, TermKind.WORD: 1.0, TermKind.ROLE: 0.5}
IN_TITLE = 1.0  # credit for a term found only in the article's title: it names the event
IN_ARTICLE = 0.7  # ... only elsewhere in the article
MISSPELT = 0.8  # credit for a word found one letter off in the claim's own words
SURNAME_LENGTH = 3  # "Lam", "Lee": shorter words are particles ("Al", "bin")
SURNAME_ONLY = 0.9  # credit for "Spanton" in the claim when "Emily Spanton" is asked (and is
# in its article)
DESCRIBED_NEARBY = 0.8  # credit for a speaker word set beside the speaker's name elsewhere in
# the article ("met officers Ana Ruiz and ..."; "Ruiz, a cleric, ...")
NEARBY_WORDS = 3
_NEARBY_CHARACTERS = 80  # enough for NEARBY_WORDS words and one more
PLAIN_WEIGHT = 4.0  # term weight a question needs before its further words count less
LONG_TAIL = 0.5
SPOKEN_BY = 0.6  # a speaker word's credit when the claim's words hold it, not its speaker
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
    is_quote: bool = False
    cue: str | None = None


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
    cue: str | None = None
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
        speaker = Text.of(
            " ".join(part for part in (claim.speaker, claim.speaker_role) if part),
            description=True,
        )
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
            found={},  # read again for a what-question (``statement.share_found``)
        )
        return cls(
            own,
            speaker,
            claim.speaker,
            sentence,
            frame,
            partial(title_text, claim.title),
            article if article is not None else partial(article_text, claim.article_text),
            claim.cue,
        )


def term_credit(term: Term, texts: ClaimTexts, *, back_reference: bool = False) -> float:
    """1 when the claim's own words hold the term, less when only its article does.

    Words describing the speaker count fully only in the speaker's name and role.
    ``back_reference``: a speaker left as a pronoun, or missed, may be the one named where
    its speaker would be (``statement.named_before``): for a what-question, whose answer is
    what was said, not a name."""
    if term.kind is TermKind.ROLE or term.speaker:
        if term_found(term, texts.speaker) and not _someone_else(term, texts):
            return 1.0
        if term.is_name and _surname_found(term, texts, within=texts.speaker):
            return SURNAME_ONLY  # "what did Rachel Ortiz say", stored as said by "Ortiz"
        if back_reference and _named_back(term, texts):
            return SURNAME_ONLY  # "NASA mourned him. It also noted ..."
        if term_found(term, texts.own):
            return SPOKEN_BY
        if not term.speaker_name and _described_nearby(term, texts):
            return DESCRIBED_NEARBY
        return 0.0 if term.kind is TermKind.ROLE else 0.3 * _context_credit(term, texts)
    if term_found(term, texts.own):
        return 1.0
    if term.is_name and _surname_found(term, texts, within=texts.own):
        return SURNAME_ONLY
    if term.kind is TermKind.WORD and misspelt_in(term.text, texts.own):
        return MISSPELT
    return _context_credit(term, texts)


_SURNAME = re.compile(r"^[A-Z][\w'’\-]{2,}$")


@lru_cache(maxsize=8192)
def _surname(speaker: str | None) -> str | None:
    """ "Mufti Abdul Qawi" -> "qawi"; None for "the ministry" or "officials"."""
    words = POSSESSIVE_END.sub("", (speaker or "").strip()).split()
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


def _surname_found(term: Term, texts: ClaimTexts, *, within: Text) -> bool:
    """A person asked about by full name, written ``within`` the claim (its own words, or its
    speaker) by surname alone ("Spanton" for "Emily Spanton") in an article that names them
    in full."""
    parts = words_of(term.text)
    if len(parts) < 2 or len(parts[-1]) < SURNAME_LENGTH:
        return False
    if not find_name(parts[-1], within.words, keys=within.name_keys):
        return False
    if within is texts.speaker and _another_of_the_name(term, texts):
        return False
    return term_found(term, texts.title) or term_found(term, texts.article)


def _someone_else(term: Term, texts: ClaimTexts) -> bool:
    """A full name asked that the speaker's name matched by its surname alone ("Paul
    Fischer" in "Elena Fischer"): another person of that surname (``_another_of_the_name``)."""
    return term.is_name and len(words_of(term.text)) > 1 and _another_of_the_name(term, texts)


def _another_of_the_name(term: Term, texts: ClaimTexts) -> bool:
    """ "Grace Mugabe" asked, "Robert Mugabe" speaking, in an article that names Grace Mugabe
    as the question spells her: another person of one surname. A given name spelt otherwise
    ("Mike", "Michael") or misspelt may be the speaker's."""
    lexicon = load_lexicon()
    titles = lexicon.person_words | {
        word for group in lexicon.roles for role in group for word in role.split()
    }
    speaker = words_of(texts.speaker_name or "")
    return another_given_name(words_of(term.text), speaker, titles=titles) and (
        texts.article.name_keys.holds(name_key(term.text))
    )


def _context_credit(term: Term, texts: ClaimTexts) -> float:
    if term_found(term, texts.title):
        return IN_TITLE
    if texts.article.words and term_found(term, texts.article):
        return IN_ARTICLE
    return 0.0


def score_claim(
    question: ParsedQuestion,
    claim: Claim,
    texts: ClaimTexts | None = None,
    *,
    meaning: float | None = None,
) -> float:
    """0-100: how well the claim answers the question (``ANSWER_THRESHOLD`` and above: it
    answers). ``meaning``: how close the question and the claim are in meaning (a cosine),
    when known."""
    if not question.terms:
        return 0.0
    texts = texts or ClaimTexts.of(claim)
    return load_ranker().score(claim_features(question, claim, texts, meaning=meaning))


def term_credits(question: ParsedQuestion, texts: ClaimTexts) -> list[float]:
    """Each term's credit in the claim (``term_credit``), in the question's order."""
    back = question.kind == "what"
    return [term_credit(term, texts, back_reference=back) for term in question.terms]


def _named_back(term: Term, texts: ClaimTexts) -> bool:
    if not unresolved(texts.speaker_name):
        return False
    return named_before(
        term,
        speaker=texts.speaker_name,
        cue=texts.cue,
        frame=texts.frame_text,
        sentence=texts.sentence,
        article=texts.article,
    )


def distinctive_coverage(
    question: ParsedQuestion,
    credits_of_claims: Sequence[Sequence[float]],
    acts: Sequence[bool] | None = None,
) -> list[float]:
    """For each claim, the share of the question's topic that it holds in its own words,
    each word weighed by how few of the claims hold it. Words every claim of an article holds
    ("penguins", the event) tell the claims apart less than those only one holds: a claim by
    the asked speaker on the asked event, with none of the question's own point, is a near
    miss. ``acts``: for a question about a marked stance (``asks_a_stance``), whether each
    claim does the act asked about ("who *confirmed* the find"), which counts as a word."""
    topic = [
        index
        for index, term in enumerate(question.terms)
        if not term.speaker and term.kind is not TermKind.ROLE
    ]
    held = [[credits[i] >= 1.0 for i in topic] for credits in credits_of_claims]
    if acts is not None:
        held = [[*words, act] for words, act in zip(held, acts, strict=True)]
    if not held or not held[0]:
        return [1.0] * len(credits_of_claims)
    claims = len(held)
    rarity = [math.log((claims + 1) / (sum(column) + 0.5)) for column in zip(*held, strict=True)]
    total = sum(rarity)
    return [sum(r for r, h in zip(rarity, words, strict=True) if h) / total for words in held]


def claim_stance(question: ParsedQuestion, claim: Claim, texts: ClaimTexts) -> float:
    """The claim's ``stance_factor`` for the question, read in its frame and sentence."""
    return stance_factor(
        question,
        claim.stance,
        frame=texts.frame.words if asks_a_stance(question) else None,
        sentence=texts.sentence.words,
        content=claim.content,
    )


def claim_features(
    question: ParsedQuestion,
    claim: Claim,
    texts: ClaimTexts,
    *,
    meaning: float | None = None,
    credits: Sequence[float] | None = None,
    distinctive: float | None = None,
) -> dict[str, float]:
    """What ranking knows of how the claim fits the question, by name (see ``ranker.py``).
    ``credits`` and ``distinctive``: the claim's ``term_credits`` and its
    ``distinctive_coverage`` among the claims it is ranked with, when worked out already."""
    weights = [WEIGHTS[term.kind] for term in question.terms]
    if credits is None:
        credits = term_credits(question, texts)
    stance = claim_stance(question, claim, texts)
    if distinctive is None:
        acts = [does_the_act(stance)] if asks_a_stance(question) else None
        distinctive = distinctive_coverage(question, [credits], acts)[0]
    if asks_a_stance(question) and not does_the_act(stance):
        # how near a claim is in meaning tells nothing of whether it denied (claimed, ...)
        # what was asked: its stance decides, and the signal leaves its score as it was
        meaning = None
    found = sum(w * c for w, c in zip(weights, credits, strict=True))
    # Mostly saturating (a long question paraphrases), a little of every word: ties break.
    coverage = 0.9 * min(1.0, found / _span(weights)) + 0.1 * found / sum(weights)
    topic = " ".join(term.text for term in question.terms if term.kind is not TermKind.ROLE)
    similarity = fuzz.token_set_ratio(topic.lower(), " ".join(texts.own.words)) / 100.0
    pairs = list(zip(question.terms, credits, strict=True))
    described = [credit for term, credit in pairs if term.speaker]
    named = [credit for term, credit in pairs if term.speaker_name]
    descriptions = [credit for term, credit in pairs if term.speaker and not term.speaker_name]
    # "which Hungarian *official*": the kind asked for decides, not a word beside it
    roles = [credit for term, credit in pairs if term.kind is TermKind.ROLE]
    kind_found = max(roles) if roles else max(descriptions, default=0.0)
    topic_words = [(w, c) for (term, c), w in zip(pairs, weights, strict=True) if not term.speaker]
    in_own = sum(w for w, c in topic_words if c >= 1.0)
    who = question.kind == "who"
    nobody = who and (not claim.speaker or bool(_NOBODY.match(claim.speaker)))
    is_object = who and not nobody and _speaker_is_object(question, Text.of(claim.speaker or ""))
    return {
        "base": math.log(0.8 * coverage + 0.2 * similarity + 0.01),
        "meaning": meaning if meaning is not None else 0.0,
        "distinctive": distinctive,
        "meaning_known": float(meaning is not None),
        "coverage": coverage,
        "similarity": similarity,
        "topic_in_claim": in_own / sum(w for w, _ in topic_words) if topic_words else 1.0,
        "content_match": fuzz.partial_ratio(topic.lower(), claim.content.lower()) / 100.0,
        "speaker_match": max(described) if described else 0.0,
        # "the prime minister": a "Foreign Minister" holds only some of its words
        "speaker_least": min(described) if described else 1.0,
        "asks_speaker": float(bool(described)),
        # a name the speaker's description holds ("which *Tory* MP") is not required
        "missing_name": float(any(t.is_name and c == 0.0 and not _describes(t) for t, c in pairs)),
        # "who blamed the pilot": not a claim about the crash alone
        "missing_target": float(any(t.target and c < 1.0 for t, c in pairs)),
        # "what did Truth Aquatics say": not the Conception's words
        "other_speaker": float(any(credit < SURNAME_ONLY for credit in named)),
        # "which broadcaster said": the article may not say what kind of speaker it is
        "other_description": float(
            bool(descriptions)
            and not named
            and (kind_found < SPOKEN_BY or _body_for_a_person(pairs, claim.speaker))
        ),
        "stance": math.log(stance),
        # "what did X say the plan was for": not 'it "the plan"'
        "nothing_new": float(question.kind == "what" and not _tells_more(question, claim.content)),
        "no_speaker": float(nobody),
        "speaker_is_object": float(is_object),  # who pushed back on Macron's call: not Macron
        "not_a_person": float(
            who and not nobody and not is_object and not speaker_is_person(claim.speaker)
        ),
        # "which Tory MP said": one speaker asked for, not "MPs" or "police and officials"
        "many_for_one": float(
            who
            and not nobody
            and asks_for_one(question)
            and speaker_is_plural(claim.speaker, asked_kinds(question))
        ),
        **statement_features(question, claim, texts),
    }


def statement_features(
    question: ParsedQuestion, claim: Claim, texts: ClaimTexts
) -> dict[str, float]:
    """What tells one speaker's statements apart for "what did X say about Y"
    (``statement.py``): the share of Y its own words hold, and whether it says little. Zero
    for other questions."""
    if question.kind != "what":
        return dict.fromkeys(STATEMENT_FEATURES, 0.0)
    topic = [term for term in question.terms if not term.speaker and term.kind is not TermKind.ROLE]
    return {
        "what_topic_own": share_found(topic, [WEIGHTS[term.kind] for term in topic], texts.own),
        "what_says_little": float(
            not claim.is_quote and says_little(claim.content, _asked_stems(question))
        ),
        SPEAKER_RELATIVE: 0.0,  # set among the claims ranked together (``answerer``)
    }


def _describes(term: Term) -> bool:
    """Describes the speaker asked about without naming them ("which *Tory* MP")."""
    return term.speaker and not term.speaker_name


def may_lead(question: ParsedQuestion, features: Mapping[str, float]) -> bool:
    """Whether a clear lead over the other candidates may make the claim an answer under the
    threshold (``abstain.py``): not for a question only its own stance answers ("who claimed
    responsibility"), nor for a what-question about a speaker the claim's does not fit, in
    every word of the description ("what did the prime minister say", answered by the
    foreign minister)."""
    if question.strict_stance:
        return False
    if question.kind != "what":
        return True
    return not features["other_description"] and features["speaker_least"] >= SPOKEN_BY


_ARTICLES = frozenset({"the", "a", "an"})


def _body_for_a_person(pairs: list[tuple[Term, float]], speaker: str | None) -> bool:
    """ "What did the prime minister say", "the ministry spokesman": a person the question
    describes by a word for people that the claim's speaker, a body ("Defence Ministry of
    Terania"), does not hold."""
    if not speaker or not any(word in ORGANISATION_HEADS for word in speaker.lower().split()):
        return False
    people = person_stems()
    return any(
        term.speaker and credit < 0.6 and stem(term.text.lower()) in people
        for term, credit in pairs
    )


def _asked_stems(question: ParsedQuestion) -> frozenset[str]:
    return frozenset(stem(word) for term in question.terms for word in words_of(term.text))


def _tells_more(question: ParsedQuestion, content: str) -> bool:
    """Whether the content holds a word the question does not: something was said."""
    asked = {stem(word) for term in question.terms for word in words_of(term.text)}
    stopwords = load_lexicon().stopwords
    return any(
        len(word) > 2 and word not in stopwords and stem(word) not in asked
        for word in words_of(content)
    )


def _speaker_is_object(question: ParsedQuestion, speaker: Text) -> bool:
    """A name of the question's topic is the speaker's (not its role's: "a researcher of AIS
    data" may answer who said the AIS was off). A place only when the speaker is the
    place itself ("Iran" for "who blamed Iran"): "the governor of Ohio" does answer "who
    announced Ohio would drop the bill"."""
    bare = " ".join(word for word in speaker.words if word not in _ARTICLES)
    head = _head_before_of(speaker.words)
    for term in question.terms:
        if term.speaker:
            continue
        if (
            term.kind is TermKind.NAME
            and term_found(term, speaker)
            and (head is None or not head.isdisjoint(words_of(term.text)))
        ):
            return True
        if term.kind is TermKind.PLACE and bare in term.alternatives:
            return True
    return False


def _head_before_of(words: Sequence[str]) -> frozenset[str] | None:
    """The words of a speaker "X of Y" before its "of" (the body: "the government of Samoa"
    is Samoa's government, not Samoa), or None for a speaker without one."""
    if "of" not in words[1:]:
        return None
    return frozenset(words[: words.index("of", 1)]) - _ARTICLES


def _span(weights: list[float]) -> float:
    """What full coverage takes: every term of a short question; of a long one, the words past
    the first ``PLAIN_WEIGHT`` count half, as a long question paraphrases more of its claim."""
    total = sum(weights)
    return total if total <= PLAIN_WEIGHT else PLAIN_WEIGHT + LONG_TAIL * (total - PLAIN_WEIGHT)
