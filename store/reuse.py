"""Text reuse: sentence fingerprints, their band keys, and the links between articles.

The look-up of a new text's band keys reads the primary key of ``print_bands`` (its first
column), never the whole table; links are read by ``copy_id`` (the unique key's first column)
and by ``source_id`` (an index), so a copy ingested before its original is found either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Article, Attribution, PrintBand, ReuseLink, SentencePrint, utcnow

KEYS_PER_QUERY = 500  # band keys in one IN list (SQLite allows 32,766 parameters)
# Band matches read for one new text at most: past them, sentences that thousands of stored
# ones share (boilerplate: "Share this article") would cost more than they tell.
MAX_MATCHES = 20_000


@dataclass(frozen=True, slots=True)
class NewPrint:
    ordinal: int
    start: int
    stop: int
    signature: bytes
    bands: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BandMatch:
    band_key: int
    article_id: int
    ordinal: int


@dataclass(frozen=True, slots=True)
class StoredPrint:
    article_id: int
    ordinal: int
    chars: int
    signature: bytes


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    id: int
    title: str
    url: str | None
    outlet: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """``copy`` repeats text of ``source`` (see ``ReuseLink``)."""

    copy_id: int
    source_id: int
    share: float
    source_share: float
    shared_sentences: int
    names_source: bool


async def add_prints(session: AsyncSession, article_id: int, prints: Sequence[NewPrint]) -> None:
    if not prints:
        return
    await session.execute(
        insert(SentencePrint),
        [
            {
                "article_id": article_id,
                "ordinal": p.ordinal,
                "start": p.start,
                "stop": p.stop,
                "signature": p.signature,
            }
            for p in prints
        ],
    )
    bands = {(key, p.ordinal) for p in prints for key in p.bands}  # a repeated key once
    await session.execute(
        insert(PrintBand),
        [{"band_key": key, "article_id": article_id, "ordinal": o} for key, o in sorted(bands)],
    )


async def has_prints(session: AsyncSession, article_id: int) -> bool:
    found = await session.scalar(
        select(SentencePrint.id).where(SentencePrint.article_id == article_id).limit(1)
    )
    return found is not None


async def band_matches(
    session: AsyncSession, keys: Iterable[int], *, excluding: int | None = None
) -> list[BandMatch]:
    """The stored sentences that have any of the band keys (other than ``excluding``'s):
    primary-key look-ups only."""
    wanted = sorted(set(keys))
    found: list[BandMatch] = []
    for at in range(0, len(wanted), KEYS_PER_QUERY):
        query = (
            select(PrintBand.band_key, PrintBand.article_id, PrintBand.ordinal)
            .where(PrintBand.band_key.in_(wanted[at : at + KEYS_PER_QUERY]))
            .limit(MAX_MATCHES - len(found))
        )
        if excluding is not None:
            query = query.where(PrintBand.article_id != excluding)
        found += [BandMatch(*row) for row in await session.execute(query)]
        if len(found) >= MAX_MATCHES:
            break
    return found


async def prints_of(session: AsyncSession, article_ids: Iterable[int]) -> list[StoredPrint]:
    """Every fingerprinted sentence of these articles."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return []
    rows = await session.execute(
        select(
            SentencePrint.article_id,
            SentencePrint.ordinal,
            SentencePrint.stop - SentencePrint.start,
            SentencePrint.signature,
        ).where(SentencePrint.article_id.in_(wanted))
    )
    return [StoredPrint(*row) for row in rows]


async def article_facts(session: AsyncSession, ids: Iterable[int]) -> dict[int, ArticleFacts]:
    """The headings of these articles, by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    articles = await session.execute(
        select(Article.id, Article.title, Article.url, Article.outlet, Article.published).where(
            Article.id.in_(wanted)
        )
    )
    return {row[0]: ArticleFacts(*row) for row in articles}


async def texts_and_vias(
    session: AsyncSession, article_ids: Iterable[int]
) -> dict[int, tuple[str, list[str]]]:
    """Each article's text and the outlets its claims were told to or cited through."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return {}
    found: dict[int, tuple[str, list[str]]] = {
        id_: (text, [])
        for id_, text in await session.execute(
            select(Article.id, Article.text).where(Article.id.in_(wanted))
        )
    }
    vias = await session.execute(
        select(Attribution.article_id, Attribution.via).where(
            Attribution.article_id.in_(wanted), Attribution.via.is_not(None)
        )
    )
    for article_id, via in vias:
        if via:
            found[article_id][1].append(via)
    return found


async def add_links(session: AsyncSession, links: Sequence[Link]) -> None:
    """Store the links of an article just fingerprinted: no link with it exists yet (its
    fingerprints are stored in the same transaction; a pair twice would break the unique key)."""
    new = list({(link.copy_id, link.source_id): link for link in links}.values())
    if new:
        await session.execute(
            insert(ReuseLink),
            [
                {
                    "copy_id": link.copy_id,
                    "source_id": link.source_id,
                    "share": link.share,
                    "source_share": link.source_share,
                    "shared_sentences": link.shared_sentences,
                    "names_source": link.names_source,
                    "found_at": utcnow(),
                }
                for link in new
            ],
        )


async def links_of(session: AsyncSession, article_ids: Iterable[int]) -> list[Link]:
    """Every link with any of these articles on either side: one query (each side's index
    read for its half of the OR), read as plain values; answering asks it for every answer."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return []
    query = select(
        ReuseLink.copy_id,
        ReuseLink.source_id,
        ReuseLink.share,
        ReuseLink.source_share,
        ReuseLink.shared_sentences,
        ReuseLink.names_source,
    ).where(or_(ReuseLink.copy_id.in_(wanted), ReuseLink.source_id.in_(wanted)))
    found = [Link(**row._mapping) for row in await session.execute(query)]
    return sorted(found, key=lambda link: (link.copy_id, link.source_id))


async def articles_without_prints(session: AsyncSession, *, after: int, limit: int) -> list[int]:
    """Ids of stored articles with no fingerprint row past ``after``, oldest first. An
    article too short to have a fingerprinted sentence comes back every time: the caller
    moves ``after`` on."""
    has = select(SentencePrint.id).where(SentencePrint.article_id == Article.id).exists()
    rows = await session.scalars(
        select(Article.id).where(Article.id > after, ~has).order_by(Article.id).limit(limit)
    )
    return list(rows)
