"""The counts of common search terms: read once, recounted when the attributions changed much."""

from __future__ import annotations

import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.term_stats import TermStats, TermStatsCache, refresh_if_changed, refresh_term_stats

TERM_STATS_CHECK_S = 60.0  # how often ingests may check whether search terms need a recount


class SearchStats:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._cache = TermStatsCache()
        self._checked_at = -TERM_STATS_CHECK_S

    async def current(self, session: AsyncSession) -> TermStats:
        return await self._cache.current(session)

    async def refresh(self, *, force: bool = False) -> bool:
        """Recount common search terms if the attributions changed much (a periodic job), or
        whatever changed (``force``)."""
        async with self._sessions.begin() as session:
            if force:
                await refresh_term_stats(session)
                refreshed = True
            else:
                refreshed = await refresh_if_changed(session)
        if refreshed:
            self._cache.forget()
        return refreshed

    async def refresh_now_and_then(self) -> None:
        """After ingests, at most once a minute: recount search terms if much has changed."""
        now = time.monotonic()
        if now - self._checked_at >= TERM_STATS_CHECK_S:
            self._checked_at = now
            await self.refresh()
