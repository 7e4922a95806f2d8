"""Removing one article and every row that refers to it (``newsprov delete``, ``/delete``).

Each table is cleared by an explicit statement, child rows first, so the count of what went is
known and nothing rests on ``ON DELETE`` rules alone (they are there too). The full-text search
rows follow the attributions: SQLite's FTS5 table by the delete trigger of migration 0002,
PostgreSQL's ``tsvector`` is a column of the row itself. Rows that only mention the article keep
their own meaning: a feed entry that brought it keeps its guid with no article (so the feed does
not bring it back by itself), a speaker role first seen in it loses that link.

Speakers who are left with no claim and no entry in any article's entity table go too, with
their aliases and roles: ``/who`` and ``/stats`` would otherwise show people nothing is stored
about. The caller's session holds the one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from store.models import (
    Article,
    ArticleEntity,
    Attribution,
    AttributionVector,
    FeedEntry,
    PrintBand,
    ReuseLink,
    SentencePrint,
    Speaker,
    SpeakerAlias,
    SpeakerRole,
    WatchNotice,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovedArticle:
    article_id: int
    title: str
    attributions: int
    watch_notices: int
    reuse_links: int
    speakers: int  # speakers removed because nothing else is stored about them
    # the profile keys of the people among them: a surname stored alone elsewhere may have
    # belonged to one of these profiles and must be linked again
    people_profiles: tuple[str, ...] = ()


async def delete_article(session: AsyncSession, article_id: int) -> RemovedArticle | None:
    """Remove the article and what refers to it; ``None`` when there is no such article."""
    title = await session.scalar(select(Article.title).where(Article.id == article_id))
    if title is None:
        return None
    claims = select(Attribution.id).where(Attribution.article_id == article_id)
    speaker_ids: set[int | None] = set(
        await session.scalars(
            select(Attribution.speaker_id).where(
                Attribution.article_id == article_id, Attribution.speaker_id.is_not(None)
            )
        )
    ) | set(
        await session.scalars(
            select(ArticleEntity.speaker_id).where(
                ArticleEntity.article_id == article_id, ArticleEntity.speaker_id.is_not(None)
            )
        )
    )
    notices = await _delete(session, WatchNotice, WatchNotice.attribution_id.in_(claims))
    await _delete(session, AttributionVector, AttributionVector.attribution_id.in_(claims))
    attributions = await _delete(session, Attribution, Attribution.article_id == article_id)
    await _delete(session, ArticleEntity, ArticleEntity.article_id == article_id)
    await _delete(session, PrintBand, PrintBand.article_id == article_id)
    await _delete(session, SentencePrint, SentencePrint.article_id == article_id)
    links = await _delete(
        session, ReuseLink, or_(ReuseLink.copy_id == article_id, ReuseLink.source_id == article_id)
    )
    await session.execute(
        update(FeedEntry).where(FeedEntry.article_id == article_id).values(article_id=None)
    )
    await session.execute(
        update(SpeakerRole)
        .where(SpeakerRole.first_article_id == article_id)
        .values(first_article_id=None)
    )
    await _delete(session, Article, Article.id == article_id)
    removed = await _delete_speakers_without_claims(session, speaker_ids - {None})
    return RemovedArticle(
        article_id=article_id,
        title=title,
        attributions=attributions,
        watch_notices=notices,
        reuse_links=links,
        speakers=len(removed),
        people_profiles=tuple(
            sorted({s.profile_key for s in removed if s.kind == "person" and s.profile_key})
        ),
    )


async def _delete(session: AsyncSession, model: type, condition: ColumnElement[bool]) -> int:
    result = await session.execute(
        delete(model).where(condition).execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def _delete_speakers_without_claims(
    session: AsyncSession, speaker_ids: set[int | None]
) -> list[Speaker]:
    if not speaker_ids:
        return []
    removed = list(
        await session.scalars(
            select(Speaker).where(
                Speaker.id.in_(sorted(i for i in speaker_ids if i is not None)),
                ~exists().where(Attribution.speaker_id == Speaker.id),
                ~exists().where(ArticleEntity.speaker_id == Speaker.id),
            )
        )
    )
    if not removed:
        return []
    orphans = [speaker.id for speaker in removed]
    await session.execute(delete(SpeakerAlias).where(SpeakerAlias.speaker_id.in_(orphans)))
    await session.execute(delete(SpeakerRole).where(SpeakerRole.speaker_id.in_(orphans)))
    await session.execute(delete(Speaker).where(Speaker.id.in_(orphans)))
    return removed
