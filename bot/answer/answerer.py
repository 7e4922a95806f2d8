"""From candidate claims to an AnswerSet: re-ranking, a threshold, disputes. No SQL: the
service fetches the candidates (``bot/services/retrieval.py``) and hands them here."""

from __future__ import annotations

import itertools
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from bot.answer.abstain import Placement, answering, unmet
from bot.answer.ascii import to_ascii
from bot.answer.credits import Claim, ClaimTexts, term_credits
from bot.answer.dispute import is_dispute, sides_first
from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.provenance import merge_statements
from bot.answer.question import ParsedQuestion, parse_question
from bot.answer.rank import (
    RELATED_THRESHOLD,
    claim_features,
    claim_stance,
    distinctive_coverage,
    may_lead,
    own_words_hold,
)
from bot.answer.ranker import load_ranker
from bot.answer.reading import article_text, term_found
from bot.answer.stance_fit import asks_a_stance, does_the_act
from bot.answer.statement import set_speaker_relative
from bot.answer.truecase import is_lower_case, respelt, truecased
from bot.extract.model import Stance
from store.attributions import ArticleHeading, StoredClaim
from store.models import Article, Attribution
from store.sizes import OUTLET_MAX, TITLE_MAX, cut

# Re-ranking costs ~0.2 ms a candidate: 64 keeps a question under 50 ms at a million
# attributions (docs/benchmarks.md). Fewer lose answers: the right claim of a paraphrased
# question is often found by the "any of the rarest words" step, in no particular order.
CANDIDATES = 64
ARTICLE_CONTEXT = 20_000  # characters of an article that scoring reads as the claim's context
# A question about a denial (or any marked stance) also reads the claims of that stance in the
# articles retrieved first: "X denied it" is often a sentence of its own, without the event's
# words that retrieval looks for.
STANCE_ARTICLES = 5
STANCE_SIBLINGS = 16
RELATED_LIMIT = 3
DISPUTE_WINDOW = 12  # how many of the best claims a dispute is looked for in


def article_ref(article: Article | ArticleHeading) -> ArticleRef:
    """What a reply shows of an article; titles and outlets stored before they were capped
    (a 300,000-character title) are cut here too."""
    return ArticleRef(
        id=article.id,
        title=cut(article.title, TITLE_MAX),
        url=article.url,
        outlet=cut(article.outlet, OUTLET_MAX) if article.outlet else None,
        published=article.published,
    )


def answer_from_row(row: Attribution | StoredClaim, *, score: float) -> Answer:
    return Answer(
        attribution_id=row.id,
        speaker=row.speaker_name or row.source_text,
        speaker_description=row.speaker_role,
        stance=row.stance,
        cue=row.cue,
        content=row.content,
        quote=row.is_quote,
        via=row.via,
        sentence=row.sentence,
        article=article_ref(row.article),
        score=score,
        polarity=row.polarity,
        speaker_id=row.speaker_id,
    )


def _speaker_of(row: StoredClaim) -> str | None:
    return row.speaker_name or row.source_text


def claim_of(row: StoredClaim) -> Claim:
    return Claim(
        speaker=row.speaker_name or row.source_text,
        speaker_role=row.speaker_role,
        stance=row.stance,
        content=row.content,
        sentence=row.sentence,
        title=row.article.title,
        via=row.via,
        is_quote=row.is_quote,
        cue=row.cue,
    )


def rank_rows(
    parsed: ParsedQuestion,
    rows: Sequence[StoredClaim],
    meanings: Mapping[int, float] | None = None,
    *,
    read: Sequence[ClaimTexts] | None = None,
) -> list[tuple[float, StoredClaim]]:
    """The rows scored against the question, best first by the ranker's order (ties: the
    earlier stored). Each article's opening (``ArticleHeading.opening``) is read once, lazily,
    for all its claims. ``read``: the rows as ``read_rows`` reads them, when several questions
    are ranked against the same rows."""
    scored = rank_rows_flagged(parsed, rows, meanings, read=read)
    return [(score, row) for score, row, _ in scored]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the threshold decision (``abstain.answering``) needs to know of a ranked row."""

    leads: bool  # a clear lead may make it an answer under the threshold (``rank.may_lead``)
    unmet: str | None  # what the question requires that it lacks (``abstain.unmet``)


def rank_rows_flagged(
    parsed: ParsedQuestion,
    rows: Sequence[StoredClaim],
    meanings: Mapping[int, float] | None = None,
    *,
    typed_names: bool = True,
    read: Sequence[ClaimTexts] | None = None,
) -> list[tuple[float, StoredClaim, Verdict]]:
    """``rank_rows`` with each row's ``Verdict``. ``typed_names``: the question's names are as
    typed (it was not given capitals from its candidates: ``read_with_candidates``); ``read``:
    the rows as ``read_rows`` reads them, when already read."""
    ranker = load_ranker()
    scored = [
        (
            ranker.order_key(features),
            ranker.score(features),
            row,
            Verdict(
                leads=may_lead(parsed, features),
                unmet=unmet(
                    parsed,
                    credits,
                    features,
                    speaker=_speaker_of(row),
                    role=row.speaker_role,
                    typed_names=typed_names,
                    placed=placement(parsed, texts),
                ),
            ),
        )
        for features, row, credits, texts in _read_rows(parsed, rows, meanings, read=read)
    ]
    scored.sort(key=lambda entry: (-entry[0], entry[2].id))
    return [(score, row, verdict) for _, score, row, verdict in scored]


def features_of_rows(
    parsed: ParsedQuestion,
    rows: Sequence[StoredClaim],
    meanings: Mapping[int, float] | None = None,
    *,
    read: Sequence[ClaimTexts] | None = None,
) -> list[tuple[dict[str, float], StoredClaim]]:
    """Each row's ranking features (``rank.claim_features``). ``meanings``: the question's
    cosine with each row's claim, by attribution id, where known (``semantic.py``); ``read``:
    the rows as ``read_rows`` reads them, when already read."""
    return [
        (features, row) for features, row, _, _ in _read_rows(parsed, rows, meanings, read=read)
    ]


def _read_rows(
    parsed: ParsedQuestion,
    rows: Sequence[StoredClaim],
    meanings: Mapping[int, float] | None = None,
    *,
    read: Sequence[ClaimTexts] | None = None,
) -> list[tuple[dict[str, float], StoredClaim, Sequence[float], ClaimTexts]]:
    """``features_of_rows`` with each row's term credits (``credits.term_credits``) and texts."""
    if not parsed.terms:
        return []  # nothing asked: no claim answers (as score_claim gives 0)
    known = meanings or {}
    claims = [claim_of(row) for row in rows]
    scored = []
    texts_of = read if read is not None else _read_claims(claims, rows)
    for claim, texts in zip(claims, texts_of, strict=True):
        scored.append((claim, texts, term_credits(parsed, texts)))
    acts = (
        [does_the_act(claim_stance(parsed, claim, texts)) for claim, texts, _ in scored]
        if asks_a_stance(parsed)
        else None
    )
    credits_of = [credits for _, _, credits in scored]
    distinctive = distinctive_coverage(parsed, credits_of, acts)
    own = [own_words_hold(parsed, texts) for _, texts, _ in scored]
    distinctive_own = distinctive_coverage(parsed, credits_of, acts, own=own)
    featured: list[tuple[dict[str, float], StoredClaim, Sequence[float], ClaimTexts]] = [
        (
            claim_features(
                parsed,
                claim,
                texts,
                credits=credits,
                distinctive=share,
                distinctive_own=own_share,
                meaning=known.get(row.id),
            ),
            row,
            credits,
            texts,
        )
        for (claim, texts, credits), share, own_share, row in zip(
            scored, distinctive, distinctive_own, rows, strict=True
        )
    ]
    set_speaker_relative(
        [entry[0] for entry in featured],
        [_speaker_of(row) for row in rows],
        what=parsed.kind == "what",
    )
    return featured


def placement(parsed: ParsedQuestion, texts: ClaimTexts) -> Placement | None:
    """Where the claim holds each term (``abstain.Placement``), for a who-question (the
    checks that need it are of who-questions); ranking has looked the terms up in its own
    words already (``Text.found``). Only whom an act is about is looked for in the speaker."""
    if parsed.kind != "who":
        return None
    return Placement(
        in_claim=[term_found(term, texts.own) for term in parsed.terms],
        in_speaker=[term.target and term_found(term, texts.speaker) for term in parsed.terms],
    )


def read_rows(rows: Sequence[StoredClaim]) -> list[ClaimTexts]:
    """Each row's claim read for ranking (``credits.ClaimTexts``); its article's opening is read
    once, lazily, for all its claims (``article_text``)."""
    return _read_claims([claim_of(row) for row in rows], rows)


def _read_claims(claims: Sequence[Claim], rows: Sequence[StoredClaim]) -> list[ClaimTexts]:
    return [
        ClaimTexts.of(claim, article=partial(article_text, row.article.opening))
        for claim, row in zip(claims, rows, strict=True)
    ]


def read_with_candidates(parsed: ParsedQuestion, rows: Sequence[StoredClaim]) -> ParsedQuestion:
    """The question as read with the candidates' help: a lower-case question gets the capitals
    its candidates' articles give its words, a name typed wrong their spelling
    (``truecase.py``)."""
    articles = {row.article_id: row.article.opening for row in rows}
    texts = [article_text(opening).folded for opening in articles.values()]
    speakers = [row.speaker_name for row in rows if row.speaker_name]
    if is_lower_case(parsed.text):
        # its runs of capitals are the texts' own: no two names typed side by side
        return parse_question(truecased(parsed.text, texts, speakers))
    spelt = respelt(parsed.text, texts, speakers)
    read = parsed if spelt == parsed.text else parse_question(spelt)
    if not any(term.is_name and len(term.text.split()) >= _RUN_TOGETHER for term in read.terms):
        return read
    written = [" ".join(text.lower().split()) for text in [*texts, *map(to_ascii, speakers)]]
    apart = names_apart(read, written)
    return parse_question(read.text, apart=apart) if apart else read


_RUN_TOGETHER = 3  # words of a run that may be two names typed side by side


def names_apart(parsed: ParsedQuestion, lowered: Sequence[str]) -> frozenset[tuple[str, str]]:
    """Two names typed side by side as one run ("what Vladimir Putin Mugabe independence"):
    in a run of three words or more the texts (``lowered``: lower case, one space between
    words) never write whole, the neighbours the texts each write but never together. Two
    words stay one name: "Elena Ruiz" may be a name the texts lack, of two they have."""
    apart = set()
    for term in parsed.terms:
        words = term.text.lower().split()
        if not term.is_name or len(words) < _RUN_TOGETHER:
            continue
        if any(term.text.lower() in text for text in lowered):
            continue
        for one, other in itertools.pairwise(words):
            known = all(any(word in text for text in lowered) for word in (one, other))
            if known and not any(f"{one} {other}" in text for text in lowered):
                apart.add((one, other))
    return frozenset(apart)


def stance_articles(parsed: ParsedQuestion, rows: Sequence[StoredClaim]) -> list[int] | None:
    """The articles whose claims of the stance asked about are candidates too; None when the
    question asks about no marked stance."""
    stance = parsed.stance
    if stance is None or stance is Stance.SAY or parsed.asks_both_sides:
        return None
    return list(dict.fromkeys(row.article_id for row in rows))[:STANCE_ARTICLES]


def answer_set(
    parsed: ParsedQuestion,
    ranked: Sequence[tuple[float, StoredClaim]],
    *,
    limit: int = 3,
    offset: int = 0,
    may_lead: Container[int] = frozenset(),
    unfit: Container[int] = frozenset(),
) -> AnswerSet:
    """The ranked claims that answer (``abstain.answering``: above the threshold, or the first
    clearly ahead of the rest when its id is in ``may_lead``; not those whose id is in
    ``unfit``, lacking what the question requires) as answers (a page of them), disputes sides
    first; with none, a few of the others as related."""
    passing = answering(
        ranked,
        who=parsed.kind == "who",
        speaker=_speaker_of,
        may_lead=lambda row: row.id in may_lead,
        fits=lambda row: row.id not in unfit,
    )
    good = [answer_from_row(row, score=s) for s, row in passing]
    good = merge_statements(good)  # the same claim in several articles is one answer
    window = good[:DISPUTE_WINDOW]
    dispute = parsed.asks_both_sides and is_dispute(window)
    if dispute:
        good = sides_first(window) + good[DISPUTE_WINDOW:]
    page = good[offset : offset + limit]
    answered = {row.id for _, row in passing}
    near = [] if page else [pair for pair in ranked if pair[1].id not in answered]
    related = [
        answer_from_row(row, score=s) for s, row in near[:RELATED_LIMIT] if s >= RELATED_THRESHOLD
    ]
    return AnswerSet(
        question=parsed.text,
        answers=page,
        related=related,
        dispute=dispute,
        provenance=parsed.provenance,
    )
