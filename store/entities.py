"""Each article's entity table: the names that spoke in it, the descriptions it uses for them
("the airline", "the health minister") and their spellings there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import ArticleEntity, Speaker

NAME_LENGTH = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class NewEntity:
    name: str
    kind: str
    speaker_key: str | None  # the speaker row's key, when the name is stored as a speaker
    descriptions: list[str]
    spellings: list[str]


async def replace_article_entities(
    session: AsyncSession, article_id: int, entities: Sequence[NewEntity]
) -> None:
    """The article's entity table becomes ``entities`` (in order), linked to speaker rows."""
    await session.execute(delete(ArticleEntity).where(ArticleEntity.article_id == article_id))
    keys = {entity.speaker_key for entity in entities if entity.speaker_key}
    speaker_ids = dict(
        (await session.execute(select(Speaker.key, Speaker.id).where(Speaker.key.in_(keys)))).all()
        if keys
        else []
    )
    for ordinal, entity in enumerate(entities):
        session.add(
            ArticleEntity(
                article_id=article_id,
                ordinal=ordinal,
                name=entity.name[:NAME_LENGTH],
                kind=entity.kind,
                speaker_id=speaker_ids.get(entity.speaker_key) if entity.speaker_key else None,
                descriptions=sorted(entity.descriptions),
                spellings=sorted(entity.spellings),
            )
        )
    await session.flush()


async def article_entities(session: AsyncSession, article_id: int) -> list[ArticleEntity]:
    """The article's entity table, in the order its names were first noted."""
    rows = await session.scalars(
        select(ArticleEntity)
        .where(ArticleEntity.article_id == article_id)
        .order_by(ArticleEntity.ordinal)
    )
    return list(rows)


def name_described(entities: Sequence[ArticleEntity], description: str) -> str | None:
    """The name an article's description stands for ("the airline" -> "Brightwing Air Lines"),
    when exactly one entry of its table is described so."""
    words = description.casefold().split()
    while words and words[0] in {"the", "a", "an", "its", "their"}:
        words = words[1:]
    phrase = " ".join(words)
    named = {entity.name for entity in entities if phrase and phrase in entity.descriptions}
    return named.pop() if len(named) == 1 else None
