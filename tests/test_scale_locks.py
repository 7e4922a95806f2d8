"""Only one process polls a feed at a time: advisory locks on PostgreSQL, none needed on SQLite."""

from __future__ import annotations

import pytest

from store.db import create_engine, session_factory, upgrade_to_head
from store.locks import try_feed_lock


@pytest.mark.postgres
async def test_a_feed_lock_excludes_other_sessions_until_commit(postgres_url: str) -> None:
    await upgrade_to_head(postgres_url)
    # Two engines: two processes' connection pools.
    first, second = create_engine(postgres_url), create_engine(postgres_url)
    try:
        async with session_factory(first)() as poller, session_factory(second)() as other:
            async with poller.begin():
                assert await try_feed_lock(poller, 7)
                async with other.begin():
                    assert not await try_feed_lock(other, 7)
                    assert await try_feed_lock(other, 8)  # another feed is free
            async with other.begin():
                assert await try_feed_lock(other, 7)  # released by the commit
    finally:
        await first.dispose()
        await second.dispose()


@pytest.mark.postgres
async def test_a_rolled_back_transaction_releases_the_lock(postgres_url: str) -> None:
    await upgrade_to_head(postgres_url)
    first, second = create_engine(postgres_url), create_engine(postgres_url)
    try:
        async with session_factory(first)() as poller, session_factory(second)() as other:
            await poller.begin()
            assert await try_feed_lock(poller, 3)
            await poller.rollback()
            async with other.begin():
                assert await try_feed_lock(other, 3)
    finally:
        await first.dispose()
        await second.dispose()


async def test_sqlite_has_one_process_and_always_grants(sqlite_url: str) -> None:
    await upgrade_to_head(sqlite_url)
    engine = create_engine(sqlite_url)
    try:
        async with session_factory(engine).begin() as session:
            assert await try_feed_lock(session, 1)
            assert await try_feed_lock(session, 1)
    finally:
        await engine.dispose()
