"""Every attribution with its speaker and article, read as a stream (``newsprov export``).

The rows come through a server-side cursor on PostgreSQL (asyncpg) and a stepped cursor on
SQLite, ``yield_per`` at a time, so an export of millions of attributions holds one batch in
memory, not the table.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Article, Attribution, Speaker

EXPORT_BATCH = 1000  # rows fetched from the database at a time

# The columns, in order: README documents each.
COLUMNS: tuple[str, ...] = (
    "attribution_id",
    "article_id",
    "ordinal",
    "speaker_id",
    "speaker",
    "speaker_canonical",
    "speaker_role",
    "speaker_kind",
    "anonymous",
    "cue",
    "stance",
    "polarity",
    "is_quote",
    "content",
    "sentence",
    "via",
    "article_title",
    "article_url",
    "article_outlet",
    "article_published",
    "article_ingested_at",
)

_SELECTED = (
    Attribution.id,
    Attribution.article_id,
    Attribution.ordinal,
    Attribution.speaker_id,
    Attribution.speaker_name,
    Speaker.name,
    Attribution.speaker_role,
    Attribution.speaker_kind,
    Attribution.anonymous,
    Attribution.cue,
    Attribution.stance,
    Attribution.polarity,
    Attribution.is_quote,
    Attribution.content,
    Attribution.sentence,
    Attribution.via,
    Article.title,
    Article.url,
    Article.outlet,
    Article.published,
    Article.ingested_at,
)


async def stream_attributions(
    session: AsyncSession, *, batch: int = EXPORT_BATCH
) -> AsyncIterator[dict[str, Any]]:
    """Each attribution as a row of ``COLUMNS``, by article and position in it. Dates are
    ISO 8601 strings. ``speaker`` is the name as the article resolves it; ``speaker_id`` and
    ``speaker_canonical`` (the fullest name seen across articles) are ``None`` for a claim whose
    speaker is not stored as a speaker row (an unnamed source, "officials").
    """
    query = (
        select(*_SELECTED)
        .join(Article, Article.id == Attribution.article_id)
        .outerjoin(Speaker, Speaker.id == Attribution.speaker_id)
        .order_by(Attribution.article_id, Attribution.ordinal)
        .execution_options(yield_per=batch)
    )
    result = await session.stream(query)
    # A batch a time: each step of the async result crosses into the driver's thread.
    async for rows in result.partitions():
        for row in rows:
            yield {
                column: value.isoformat() if isinstance(value, datetime) else value
                for column, value in zip(COLUMNS, row, strict=True)
            }
