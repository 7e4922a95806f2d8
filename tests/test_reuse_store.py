"""The reuse tables: band-key look-ups by index, links from either side, on both databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reuse_articles import ADDED_PARAGRAPH_COPY, ORIGINAL
from sqlalchemy import inspect

from bot.services.newsprov import Newsprov
from bot.settings import Settings
from store import reuse as reuse_store
from store.db import create_engine, upgrade_to_head


async def test_band_keys_and_links_are_indexed(database_url: str) -> None:
    await upgrade_to_head(database_url)
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            keys, links = await connection.run_sync(
                lambda c: (
                    inspect(c).get_pk_constraint("print_bands"),
                    inspect(c).get_indexes("reuse_links"),
                )
            )
    finally:
        await engine.dispose()
    assert keys["constrained_columns"][0] == "band_key"
    assert any(index["column_names"] == ["source_id"] for index in links)


async def test_the_band_look_up_searches_the_primary_key(
    sqlite_url: str, extractor: object
) -> None:
    async with await Newsprov.open(
        Settings(database_url=sqlite_url, semantic="off"), extractor=extractor
    ) as service:  # type: ignore[arg-type]
        original = await service.ingest_draft(ORIGINAL.draft())
        copy = await service.ingest_draft(ADDED_PARAGRAPH_COPY.draft())
        async with service.sessions() as session:
            links = await reuse_store.links_of(session, [copy.article_id])
            from_source = await reuse_store.links_of(session, [original.article_id])
            both = await reuse_store.links_of(session, [original.article_id, copy.article_id])
    assert [(link.copy_id, link.shared_sentences) for link in links] == [(copy.article_id, 7)]
    assert [(link.source_id, link.copy_id) for link in from_source] == [
        (original.article_id, copy.article_id)
    ]
    assert both == links  # a link with both sides asked for comes back once
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT band_key, article_id, ordinal FROM print_bands "
            "WHERE band_key IN (1, 2, 3) AND article_id != 1"
        ).fetchall()
    details = " ".join(row[-1] for row in plan)
    assert "SEARCH print_bands USING" in details and "SCAN print_bands" not in details, details
