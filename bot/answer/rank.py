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
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from bot.answer.credits import (
    ARTICLES,
    SPOKEN_BY,
    SURNAME_ONLY,
    Claim,
    ClaimTexts,
    term_credits,
)
from bot.answer.lexicon import load_lexicon
from bot.answer.question import ParsedQuestion, Term, TermKind
from bot.answer.ranker import load_ranker
from bot.answer.reading import (
    Text,
    stem,
    term_found,
    words_of,
)
from bot.answer.speakers import (
    asked_kinds,
    asks_for_one,
    person_stems,
    speaker_is_person,
    speaker_is_plural,
)
from bot.answer.stance_fit import asks_a_stance, does_the_act, stance_factor
from bot.answer.statement import (
    SPEAKER_RELATIVES,
    STATEMENT_FEATURES,
    says_little,
    share_found,
)
from bot.extract.name_spans import ORGANISATION_HEADS

# Scores are chances in per cent (``ranker.py``).
ANSWER_THRESHOLD = 50.0  # below this a claim is at most "related": as likely not to answer
RELATED_THRESHOLD = 25.0

WEIGHTS = {TermKind.NAME: 2.0, TermKind.PLACE: 1.0, TermKind.WORD: 1.0, TermKind.ROLE: 0.5}
PLAIN_WEIGHT = 4.0  # term weight a question needs before its further words count less
LONG_TAIL = 0.5

_NOBODY = re.compile(r"^(?:no|none|nobody|no one|neither)\b", re.IGNORECASE)


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


def distinctive_coverage(
    question: ParsedQuestion,
    credits_of_claims: Sequence[Sequence[float]],
    acts: Sequence[bool] | None = None,
    *,
    own: Sequence[Sequence[bool]] | None = None,
) -> list[float]:
    """For each claim, the share of the question's topic that it holds in its own words,
    each word weighed by how few of the claims hold it. Words every claim of an article holds
    ("penguins", the event) tell the claims apart less than those only one holds: a claim by
    the asked speaker on the asked event, with none of the question's own point, is a near
    miss. ``acts``: for a question about a marked stance (``asks_a_stance``), whether each
    claim does the act asked about ("who *confirmed* the find"), which counts as a word.
    ``own``: whether each claim's own words hold each term (``own_words_hold``), when only
    those count: a word of the title credits every claim of its article alike."""
    topic = [
        index
        for index, term in enumerate(question.terms)
        if not term.speaker and term.kind is not TermKind.ROLE
    ]
    held = [[credits[i] >= 1.0 for i in topic] for credits in credits_of_claims]
    if own is not None:
        held = [
            [h and mine[i] for h, i in zip(row, topic, strict=True)]
            for row, mine in zip(held, own, strict=True)
        ]
    if acts is not None:
        held = [[*words, act] for words, act in zip(held, acts, strict=True)]
    if not held or not held[0]:
        return [1.0] * len(credits_of_claims)
    claims = len(held)
    rarity = [math.log((claims + 1) / (sum(column) + 0.5)) for column in zip(*held, strict=True)]
    total = sum(rarity)
    return [sum(r for r, h in zip(rarity, words, strict=True) if h) / total for words in held]


def own_words_hold(question: ParsedQuestion, texts: ClaimTexts) -> list[bool]:
    """Whether the claim's own words (``ClaimTexts.own``) hold each term of the question."""
    return [term_found(term, texts.own) for term in question.terms]


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
    distinctive_own: float | None = None,
) -> dict[str, float]:
    """What ranking knows of how the claim fits the question, by name (see ``ranker.py``).
    ``credits``, ``distinctive`` and ``distinctive_own``: the claim's ``term_credits`` and
    its ``distinctive_coverage`` among the claims it is ranked with (of all it holds, and of
    its own words), when worked out already."""
    weights = [WEIGHTS[term.kind] for term in question.terms]
    if credits is None:
        credits = term_credits(question, texts)
    stance = claim_stance(question, claim, texts)
    if distinctive is None:
        acts = [does_the_act(stance)] if asks_a_stance(question) else None
        distinctive = distinctive_coverage(question, [credits], acts)[0]
    if distinctive_own is None:
        acts = [does_the_act(stance)] if asks_a_stance(question) else None
        own = [own_words_hold(question, texts)]
        distinctive_own = distinctive_coverage(question, [credits], acts, own=own)[0]
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
        "distinctive_own": distinctive_own,
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
    weights = [WEIGHTS[term.kind] for term in topic]
    return {
        "what_topic_own": share_found(topic, weights, texts.own),
        "what_says_little": float(
            not claim.is_quote and says_little(claim.content, _asked_stems(question))
        ),
        "what_topic_content": share_found(topic, weights, Text.of(claim.content)),
        # set among the claims ranked together (``answerer``)
        **dict.fromkeys(SPEAKER_RELATIVES, 0.0),
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
    bare = " ".join(word for word in speaker.words if word not in ARTICLES)
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
    return frozenset(words[: words.index("of", 1)]) - ARTICLES


def _span(weights: list[float]) -> float:
    """What full coverage takes: every term of a short question; of a long one, the words past
    the first ``PLAIN_WEIGHT`` count half, as a long question paraphrases more of its claim."""
    total = sum(weights)
    return total if total <= PLAIN_WEIGHT else PLAIN_WEIGHT + LONG_TAIL * (total - PLAIN_WEIGHT)
