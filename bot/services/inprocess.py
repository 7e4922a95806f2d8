"""Jobs run inside the bot's own process: the embedded default (SQLite, no worker).

The same job functions a worker runs (``bot.services.jobs.JobRunner``), as asyncio tasks,
at most ``concurrency`` at a time, with the same retries and backoff. Nothing waits in a
table: a job still running when the process stops is lost (the person is not told), which
is the price of needing no server; PostgreSQL with ``newsprov worker`` keeps them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from bot.services.jobs import ChatRef, JobRunner, is_transient, reason_of, retry_wait_seconds
from bot.settings import Settings
from bot.sources.draft import ArticleDraft

log = logging.getLogger(__name__)

Attempt = Callable[[bool], Awaitable[object]]  # final -> one attempt of a job


class InProcessJobs:
    def __init__(self, runner: JobRunner, *, settings: Settings, concurrency: int = 4) -> None:
        self.runner = runner
        self._max_attempts = settings.job_max_attempts
        self._retry_seconds = settings.job_retry_seconds
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._tasks: set[asyncio.Task[None]] = set()
        self._polling: set[int] = set()  # feeds with a poll queued or running here

    @property
    def queued(self) -> bool:
        return False

    async def ingest_link(self, url: str, *, chat: ChatRef | None = None) -> None:
        self._start(f"ingest {url[:200]}", lambda final: self.runner.ingest_link(
            url, chat=chat, final=final
        ))  # fmt: skip

    async def ingest_draft(self, draft: ArticleDraft, *, chat: ChatRef | None = None) -> None:
        self._start(f"ingest {draft.title[:200]!r}", lambda final: self.runner.ingest_draft(
            draft, chat=chat, final=final
        ))  # fmt: skip

    async def poll_feed(self, feed_id: int, *, due_only: bool = False) -> None:
        if feed_id in self._polling:  # one poll of a feed at a time, as the queue's lock does
            return
        self._polling.add(feed_id)

        async def poll(final: bool) -> None:
            try:
                await self.runner.poll_feed(feed_id, due_only=due_only)
            finally:
                self._polling.discard(feed_id)

        self._start(f"poll feed {feed_id}", poll, attempts=1)

    async def reextract(self, article_ids: Sequence[int]) -> None:
        for article_id in article_ids:
            self._start(f"reextract article {article_id}", self._reextract_one(article_id))

    def _reextract_one(self, article_id: int) -> Attempt:
        async def attempt(final: bool) -> None:
            await self.runner.reextract_article(article_id)

        return attempt

    async def drain(self) -> None:
        """Wait until every job started so far has ended (tests, ``--burst``)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _start(self, label: str, attempt: Attempt, *, attempts: int | None = None) -> None:
        task = asyncio.create_task(self._run(label, attempt, attempts or self._max_attempts))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, label: str, attempt: Attempt, attempts: int) -> None:
        for number in range(1, attempts + 1):
            final = number == attempts
            try:
                async with self._slots:
                    await attempt(final)
                return
            except Exception as error:
                if final or not is_transient(error):
                    log.warning("Job %s failed after %s attempts: %s", label, number,
                                reason_of(error))  # fmt: skip
                    return
                wait = retry_wait_seconds(base=self._retry_seconds, attempts_done=number)
                log.info("Job %s failed (%s); again in %.0f s", label, reason_of(error), wait)
                await asyncio.sleep(wait)
