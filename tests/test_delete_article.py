"""Deleting an article on a real SQLite file and a real PostgreSQL database: its attributions,
search rows, vectors, fingerprints, reuse links, entity rows and watch notices go in one
transaction, speakers with nothing else stored go, and a later ingest of it is new."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from removal_articles import COPY, COPY_TITLE, OTHER, OTHER_TITLE, REPORT, REPORT_TITLE, draft
from sqlalchemy import func, select, text

from bot.errors import NotFoundError
from bot.settings import Settings
from store.models import (
    Article,
    ArticleEntity,
    Attribution,
    AttributionVector,
    PrintBand,
    ReuseLink,
    SentencePrint,
    Speaker,
    WatchNotice,
)

WATCHER = 4242


@pytest.fixture
async def semantic_service(database_url: str, extractor: Any) -> AsyncIterator[Any]:
    from bot.services.newsprov import Newsprov

    settings = Settings(database_url=database_url, semantic="on")
    async with await Newsprov.open(settings, extractor=extractor) as opened:
        yield opened


async def count(service: Any, query: Any) -> int:
    async with service.sessions() as session:
        return int(await session.scalar(query) or 0)


async def rows_referring_to(service: Any, article_id: int, claim_ids: list[int]) -> dict[str, int]:
    n = func.count()
    return {
        "articles": await count(service, select(n).where(Article.id == article_id)),
        "attributions": await count(
            service, select(n).select_from(Attribution).where(Attribution.article_id == article_id)
        ),
        "vectors": await count(
            service,
            select(n).where(AttributionVector.attribution_id.in_(claim_ids)),
        ),
        "notices": await count(service, select(n).where(WatchNotice.attribution_id.in_(claim_ids))),
        "entities": await count(service, select(n).where(ArticleEntity.article_id == article_id)),
        "prints": await count(service, select(n).where(SentencePrint.article_id == article_id)),
        "bands": await count(service, select(n).where(PrintBand.article_id == article_id)),
        "links": await count(
            service,
            select(n).where(
                (ReuseLink.copy_id == article_id) | (ReuseLink.source_id == article_id)
            ),
        ),
    }


async def search_rows(service: Any, claim_ids: list[int]) -> int:
    """Rows of the full-text index for those attributions (SQLite's FTS5 table; PostgreSQL
    keeps the tsvector in the attribution row itself)."""
    async with service.sessions() as session:
        if service.engine.dialect.name != "sqlite":
            query = "SELECT count(*) FROM attributions WHERE search_vector @@ to_tsquery('tarsk')"
            return int(await session.scalar(text(query)) or 0)
        found = await session.scalars(
            text("SELECT rowid FROM attribution_fts WHERE attribution_fts MATCH 'tarsk'")
        )
        return len(set(found) & set(claim_ids))


async def test_delete_removes_the_article_and_everything_that_refers_to_it(
    semantic_service: Any,
) -> None:
    service = semantic_service
    await service.add_watch(user_id=WATCHER, chat_id=WATCHER, topic="Tarsk bridge tolls")
    report = await service.ingest_draft(draft(REPORT_TITLE, REPORT, "https://news.example/tarsk"))
    copy = await service.ingest_draft(draft(COPY_TITLE, COPY))
    other = await service.ingest_draft(draft(OTHER_TITLE, OTHER))
    await service.watches_matched()
    async with service.sessions() as session:
        claim_ids = list(
            await session.scalars(
                select(Attribution.id).where(Attribution.article_id == report.article_id)
            )
        )
    before = await rows_referring_to(service, report.article_id, claim_ids)
    assert all(before.values()), before  # every kind of row is there to be removed
    assert await search_rows(service, claim_ids) > 0
    only_here = await speakers_only_in(service, report.article_id)
    assert only_here  # "the ministry" speaks only in the report
    speakers_before = await count(service, select(func.count()).select_from(Speaker))

    removed = await service.delete_article(report.article_id)

    assert removed.article_id == report.article_id and removed.title == REPORT_TITLE
    assert removed.attributions == len(claim_ids)
    assert removed.watch_notices == before["notices"] and removed.reuse_links == 1
    after = await rows_referring_to(service, report.article_id, claim_ids)
    assert not any(after.values()), after
    # The copy still holds the same sentences, so only its own rows answer for "tarsk" now.
    if service.engine.dialect.name == "sqlite":
        assert await search_rows(service, claim_ids) == 0
    # Speakers who spoke only here go; Maranow and the council spoke in the copy too.
    assert removed.speakers == len(only_here)
    left = await count(service, select(func.count()).select_from(Speaker))
    assert left == speakers_before - len(only_here)
    names = await speaker_names(service)
    assert not set(only_here.values()) & set(names)
    assert {"Ilse Maranow", "The city council"} <= set(names), names
    answers = await service.ask("who accused the ministry of hiding the cost of the repairs?")
    assert answers.answers and {a.article.id for a in answers.answers} == {copy.article_id}

    # The other articles are untouched; deleting the one left alone takes its speakers too.
    assert "Piet Ankers" in await speaker_names(service)
    gone = await service.delete_article(other.article_id)
    assert gone.speakers >= 1
    names = await speaker_names(service)
    assert "Piet Ankers" not in names and "Ilse Maranow" in names

    again = await service.ingest_draft(draft(REPORT_TITLE, REPORT, "https://news.example/tarsk"))
    assert again.status == "new" and again.article_id != report.article_id
    with pytest.raises(NotFoundError, match=f"There is no article {report.article_id}."):
        await service.delete_article(report.article_id)


async def speaker_names(service: Any) -> list[str]:
    async with service.sessions() as session:
        return list(await session.scalars(select(Speaker.name)))


async def speakers_only_in(service: Any, article_id: int) -> dict[int, str]:
    """The speakers (id: name) of the article's claims whom no other article's claim names."""
    async with service.sessions() as session:
        rows = (
            await session.execute(
                select(Attribution.article_id, Speaker.id, Speaker.name).join(
                    Speaker, Speaker.id == Attribution.speaker_id
                )
            )
        ).all()
    here = {speaker_id: name for article, speaker_id, name in rows if article == article_id}
    elsewhere = {speaker_id for article, speaker_id, _ in rows if article != article_id}
    return {k: v for k, v in here.items() if k not in elsewhere}


async def test_export_streams_the_same_rows_on_both_databases(service: Any) -> None:
    from store.export import COLUMNS, stream_attributions

    report = await service.ingest_draft(draft(REPORT_TITLE, REPORT, "https://news.example/t"))
    other = await service.ingest_draft(draft(OTHER_TITLE, OTHER))
    rows = [row async for row in service.export_rows()]
    assert len(rows) == len(report.attributions) + len(other.attributions)
    assert [r["article_id"] for r in rows] == sorted(r["article_id"] for r in rows)
    assert all(tuple(row) == COLUMNS for row in rows)
    first = rows[0]
    assert first["article_url"] == "https://news.example/t"
    assert isinstance(first["article_ingested_at"], str)  # ISO 8601, for JSON and CSV alike
    async with service.sessions() as session:  # batches of two: the same rows, in order
        small = [row async for row in stream_attributions(session, batch=2)]
    assert small == rows


async def test_a_surname_alone_leaves_the_profile_of_a_deleted_full_name(service: Any) -> None:
    """A "Jensen" stored alone in one article belongs to the one Maria Jensen of another; once
    that article and its Maria Jensen are deleted, "Jensen" is a profile of its own again."""
    full = await service.ingest_draft(
        draft(
            "Harbour fees",
            "Harbour fees in Harwick will double in May, councillor Maria Jensen said on "
            "Tuesday.\n\nShe told reporters that the money would pay for dredging the channel.",
        )
    )
    await service.ingest_draft(
        draft(
            "Quay repairs",
            "Repairs to the north quay in Harwick will start next week.\n\nMs Jensen said at a "
            "meeting with fishermen on Friday that the quay had waited long enough.",
        )
    )

    async def profiles() -> dict[str, str | None]:
        async with service.sessions() as session:
            rows = await session.scalars(select(Speaker))
            return {row.key: row.profile_key for row in rows}

    before = await profiles()
    assert set(before) == {"maria jensen", "jensen"}
    assert before["jensen"] == before["maria jensen"] is not None
    await service.delete_article(full.article_id)
    after = await profiles()
    assert set(after) == {"jensen"}
    assert after["jensen"] is not None and " " not in after["jensen"]  # its own, the surname
