"""From a question to an AnswerSet: SQL full-text candidates, re-ranking, a threshold."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.abstain import answering
from bot.answer.dispute import is_dispute, sides_first
from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.question import ParsedQuestion, parse_question
from bot.answer.rank import (
    RELATED_THRESHOLD,
    Claim,
    ClaimTexts,
    claim_features,
    distinctive_coverage,
    may_lead,
    term_credits,
)
from bot.answer.ranker import load_ranker
from bot.answer.reading import article_text
from bot.answer.semantic import (
    QuestionMeaning,
    Semantic,
    question_text,
    rescored,
    similarities_of,
)
from bot.answer.truecase import is_lower_case, truecased
from bot.extract.model import Stance
from store.attributions import ArticleHeading, StoredClaim, claims_by_ids, claims_with_stances
from store.models import Article, Attribution
from store.search import search_attribution_ids
from store.sizes import OUTLET_MAX, TITLE_MAX, cut
from store.term_stats import TermStats

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
    )


def rank_rows(
    parsed: ParsedQuestion,
    rows: Sequence[StoredClaim],
    meanings: Mapping[int, float] | None = None,
) -> list[tuple[float, StoredClaim]]:
    """The rows scored against the question, best first by the ranker's order (ties: the
    earlier stored). Each article's opening (``ArticleHeading.opening``) is read once, lazily,
    for all its claims."""
    return [(score, row) for score, row, _ in rank_rows_flagged(parsed, rows, meanings)]


def rank_rows_flagged(
    parsed: ParsedQuestion,
    rows: Sequence[StoredClaim],
    meanings: Mapping[int, float] | None = None,
) -> list[tuple[float, StoredClaim, bool]]:
    """``rank_rows`` with, for each row, whether a clear lead may make it an answer under the
    threshold (``rank.may_lead``)."""
    ranker = load_ranker()
    scored = [
        (ranker.order_key(features), ranker.score(features), row, may_lead(parsed, features))
        for features, row in features_of_rows(parsed, rows, meanings)
    ]
    scored.sort(key=lambda entry: (-entry[0], entry[2].id))
    return [(score, row, leads) for _, score, row, leads in scored]


def features_of_rows(
    parsed: ParsedQuestion,
    rows: Sequence[StoredClaim],
    meanings: Mapping[int, float] | None = None,
) -> list[tuple[dict[str, float], StoredClaim]]:
    """Each row's ranking features (``rank.claim_features``). ``meanings``: the question's
    cosine with each row's claim, by attribution id, where known (``semantic.py``)."""
    if not parsed.terms:
        return []  # nothing asked: no claim answers (as score_claim gives 0)
    known = meanings or {}
    read = []
    for row in rows:
        claim = claim_of(row)
        texts = ClaimTexts.of(claim, article=partial(article_text, row.article.opening))
        read.append((claim, texts, term_credits(parsed, texts)))
    distinctive = distinctive_coverage(parsed, [credits for _, _, credits in read])
    return [
        (
            claim_features(
                parsed,
                claim,
                texts,
                credits=credits,
                distinctive=share,
                meaning=known.get(row.id),
            ),
            row,
        )
        for (claim, texts, credits), share, row in zip(read, distinctive, rows, strict=True)
    ]


async def ranked_claims(
    session: AsyncSession,
    parsed: ParsedQuestion,
    *,
    term_stats: TermStats | None = None,
    semantic: Semantic | None = None,
) -> list[tuple[float, StoredClaim]]:
    """Candidates from full-text search and, with ``semantic``, the claims nearest in meaning,
    scored against the question, best first."""
    parsed, rows, meanings = await candidates_in_meaning(
        session, parsed, term_stats=term_stats, semantic=semantic
    )
    return rank_rows(parsed, rows, meanings)


async def candidates_in_meaning(
    session: AsyncSession,
    parsed: ParsedQuestion,
    *,
    term_stats: TermStats | None = None,
    semantic: Semantic | None = None,
) -> tuple[ParsedQuestion, list[StoredClaim], dict[int, float] | None]:
    """``candidates`` with, given ``semantic``, the claims nearest to the question in meaning
    among them, and the question's cosine with each candidate by attribution id. The question
    is embedded and its neighbours searched in a worker thread while full-text search runs."""
    if semantic is None or not parsed.terms:
        parsed, rows = await candidates(session, parsed, term_stats=term_stats)
        return parsed, rows, None
    await semantic.index.refresh(session)
    looking = asyncio.ensure_future(asyncio.to_thread(semantic.look_up, question_text(parsed)))
    meanings: list[QuestionMeaning] = []

    async def nearest() -> Sequence[int]:
        meanings.append(await rescored(session, await looking))
        return meanings[0].neighbours

    try:
        parsed, rows = await candidates(session, parsed, term_stats=term_stats, nearest=nearest)
    finally:
        if not looking.done():
            looking.cancel()
    if not meanings:
        return parsed, rows, None
    return parsed, rows, await similarities_of(session, meanings[0], [row.id for row in rows])


async def candidates(
    session: AsyncSession,
    parsed: ParsedQuestion,
    *,
    term_stats: TermStats | None = None,
    nearest: Callable[[], Awaitable[Sequence[int]]] | None = None,
) -> tuple[ParsedQuestion, list[StoredClaim]]:
    """The claims full-text search finds for the question, then those ``nearest`` gives after
    it (the claims nearest in meaning) not found already, and the question as read with their
    help (a lower-case question's names: ``truecase.py``)."""
    if not parsed.terms:
        return parsed, []
    ids = await search_attribution_ids(
        session, parsed.term_groups, limit=CANDIDATES, stats=term_stats
    )
    if nearest is not None:
        ids = list(dict.fromkeys([*ids, *await nearest()]))
    rows = await claims_by_ids(session, ids, opening=ARTICLE_CONTEXT)
    rows += await _same_stance_in_articles(session, parsed, rows)
    if is_lower_case(parsed.text):
        articles = {row.article_id: row.article.opening for row in rows}
        texts = [article_text(opening).folded for opening in articles.values()]
        speakers = [row.speaker_name for row in rows if row.speaker_name]
        parsed = parse_question(truecased(parsed.text, texts, speakers))
    return parsed, list(rows)


async def _same_stance_in_articles(
    session: AsyncSession, parsed: ParsedQuestion, rows: Sequence[StoredClaim]
) -> list[StoredClaim]:
    stance = parsed.stance
    if stance is None or stance is Stance.SAY or parsed.asks_both_sides:
        return []
    articles = list(dict.fromkeys(row.article_id for row in rows))[:STANCE_ARTICLES]
    return await claims_with_stances(
        session,
        articles,
        [stance.value],
        excluding=[row.id for row in rows],
        limit=STANCE_SIBLINGS,
        opening=ARTICLE_CONTEXT,
    )


async def answer_question(
    session: AsyncSession,
    question: str,
    *,
    limit: int = 3,
    offset: int = 0,
    term_stats: TermStats | None = None,
    semantic: Semantic | None = None,
) -> AnswerSet:
    parsed, rows, meanings = await candidates_in_meaning(
        session, parse_question(question), term_stats=term_stats, semantic=semantic
    )
    flagged = rank_rows_flagged(parsed, rows, meanings)
    ranked = [(score, row) for score, row, _ in flagged]
    leading = {row.id for _, row, leads in flagged if leads}
    passing = answering(
        ranked,
        who=parsed.kind == "who",
        speaker=_speaker_of,
        may_lead=lambda row: row.id in leading,
    )
    good = [answer_from_row(row, score=s) for s, row in passing]
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
    return AnswerSet(question=parsed.text, answers=page, related=related, dispute=dispute)
