"""From a question to an AnswerSet: SQL full-text candidates, rapidfuzz re-ranking, a threshold."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.lexicon import OPPOSED_STANCES
from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.question import ParsedQuestion, parse_question
from bot.answer.rank import ANSWER_THRESHOLD, RELATED_THRESHOLD, Claim, score_claim
from bot.extract.model import Stance
from store.attributions import attributions_by_ids
from store.models import Article, Attribution
from store.search import search_attribution_ids
from store.term_stats import TermStats

# Re-ranking costs ~0.1 ms a candidate and loading it as much again: 64 keeps a question
# under 50 ms at a million attributions (docs/benchmarks.md), and the database's own ranking
# already put the best of the step's matches first.
CANDIDATES = 64
RELATED_LIMIT = 3


def article_ref(article: Article) -> ArticleRef:
    return ArticleRef(
        id=article.id,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=article.published,
    )


def answer_from_row(row: Attribution, *, score: float) -> Answer:
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
    )


def claim_of(row: Attribution) -> Claim:
    return Claim(
        speaker=row.speaker_name or row.source_text,
        speaker_role=row.speaker_role,
        stance=row.stance,
        content=row.content,
        sentence=row.sentence,
        title=row.article.title,
    )


def is_dispute(answers: list[Answer]) -> bool:
    stances = {answer.stance for answer in answers}
    return any(
        stance.value in stances and stances & {s.value for s in opposed}
        for stance, opposed in OPPOSED_STANCES.items()
    )


async def answer_question(
    session: AsyncSession,
    question: str,
    *,
    limit: int = 3,
    offset: int = 0,
    term_stats: TermStats | None = None,
) -> AnswerSet:
    parsed = parse_question(question)
    if not parsed.terms:
        return AnswerSet(question=parsed.text, answers=[])
    ids = await search_attribution_ids(
        session, parsed.term_groups, limit=CANDIDATES, stats=term_stats
    )
    rows = await attributions_by_ids(session, ids)
    ranked = sorted(
        ((score_claim(_scoring_view(parsed), claim_of(row)), row) for row in rows),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    good = [answer_from_row(row, score=s) for s, row in ranked if s >= ANSWER_THRESHOLD]
    near = [
        answer_from_row(row, score=s)
        for s, row in ranked
        if RELATED_THRESHOLD <= s < ANSWER_THRESHOLD
    ]
    page = good[offset : offset + limit]
    return AnswerSet(
        question=parsed.text,
        answers=page,
        related=near[:RELATED_LIMIT] if not page else [],
        dispute=is_dispute(good[: max(limit, 6)]),
    )


def _scoring_view(parsed: ParsedQuestion) -> ParsedQuestion:
    """'Did X happen?' asks for every side, so no stance filters the claims."""
    if parsed.kind == "did" and parsed.stance not in (None, Stance.SAY):
        return ParsedQuestion(text=parsed.text, kind=parsed.kind, stance=None, terms=parsed.terms)
    return parsed
