"""Jobs on PostgreSQL with procrastinate: queued by anyone, run by any ``newsprov worker``.

procrastinate keeps the jobs in the same database as the articles (its tables are made by
migration 0012), so a deployment that has PostgreSQL needs no other service. What it gives:

- **Workers anywhere.** A worker takes jobs with ``SELECT ... FOR UPDATE SKIP LOCKED`` and is
  woken by ``LISTEN/NOTIFY``; any number of them, on any machine that reaches the database.
- **Retries.** A job that raises is tried again after ``job_retry_seconds``, doubled each time,
  up to ``job_max_attempts``; then it is ``failed``, and ``job_errors`` says why.
- **Locks.** Every poll of feed N carries the lock ``feed:N``: procrastinate never runs two
  jobs with one lock at once, and the queueing lock of the same name keeps one waiting at most.
- **Periodic tasks.** Every ``job_check_seconds`` one worker (procrastinate records each
  periodic defer once) queues a poll of each feed that is due, and requeues the jobs of
  workers that stopped sending heartbeats (killed mid-job: SIGKILL, a lost machine).
- **Cleaning.** Every hour one worker removes the jobs that ended ``job_retention_days`` ago
  (``failed_job_retention_days`` for failed ones) with procrastinate's own
  ``JobManager.delete_old_jobs`` (what its builtin ``remove_old_jobs`` task runs), and the
  ``job_errors`` rows of the jobs it removed.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from procrastinate import App, JobContext, PsycopgConnector, RetryDecision
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException
from procrastinate.jobs import Job
from procrastinate.retry import BaseRetryStrategy
from procrastinate.types import JSONDict
from sqlalchemy.ext.asyncio import AsyncSession

from bot.errors import ConfigError
from bot.services.jobs import (
    ChatRef,
    FinalJobError,
    JobRunner,
    draft_as_json,
    draft_of_json,
    is_transient,
    reason_of,
    retry_wait_seconds,
)
from bot.settings import Settings
from bot.sources.draft import ArticleDraft
from store.db import create_engine, session_factory, sync_url
from store.jobs import JobRow, count_jobs, forget_removed_job_errors, list_jobs, record_job_error

log = logging.getLogger(__name__)

QUEUE = "newsprov"
CLEAN_CRON = "7 * * * *"  # hourly: removing old jobs


class _Retry(BaseRetryStrategy):
    """Transient failures are tried again with doubling waits; final ones fail at once."""

    def __init__(self, *, max_attempts: int, base_seconds: float) -> None:
        self.max_attempts = max_attempts
        self.base_seconds = base_seconds

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if not is_transient(exception) or job.attempts + 1 >= self.max_attempts:
            return None
        wait = retry_wait_seconds(base=self.base_seconds, attempts_done=job.attempts + 1)
        return RetryDecision(retry_in={"seconds": round(wait)})


def check_cron(seconds: int) -> str:
    """procrastinate's cron for "every ``seconds``" (a sixth field counts seconds)."""
    if seconds < 60:
        return f"* * * * * */{seconds}"
    return f"*/{max(1, seconds // 60)} * * * *"


def feed_lock(feed_id: int) -> str:
    return f"feed:{feed_id}"


class Queue:
    """procrastinate's app for newsprov's jobs. Made with a ``runner`` in a process that runs
    jobs (a worker, or the bot with ``bot_runs_jobs``); without one it only queues them."""

    def __init__(self, settings: Settings, *, runner: JobRunner | None = None) -> None:
        if not settings.uses_queue:
            raise ConfigError(
                "Queued jobs need PostgreSQL (NEWSPROV_DATABASE_URL=postgresql://...)."
            )
        self.settings = settings
        self.runner = runner
        conninfo = sync_url(settings.database_url).render_as_string(hide_password=False)
        self.app = App(connector=PsycopgConnector(conninfo=conninfo))
        self._retry = _Retry(
            max_attempts=settings.job_max_attempts, base_seconds=settings.job_retry_seconds
        )
        self._register()

    @property
    def queued(self) -> bool:
        return True

    async def open(self) -> Queue:
        await self.app.open_async()
        return self

    async def close(self) -> None:
        await self.app.close_async()

    # Queueing

    async def ingest_link(self, url: str, *, chat: ChatRef | None = None) -> None:
        await self._defer("ingest_link", url=url, chat=chat.as_json() if chat else None)

    async def ingest_draft(self, draft: ArticleDraft, *, chat: ChatRef | None = None) -> None:
        chat_json = chat.as_json() if chat else None
        await self._defer("ingest_draft", draft=draft_as_json(draft), chat=chat_json)

    async def poll_feed(self, feed_id: int, *, due_only: bool = False) -> None:
        """Queue a poll of the feed, unless one is already waiting (then that one will do)."""
        lock = feed_lock(feed_id)
        try:
            await self._defer(
                "poll_feed", lock=lock, queueing_lock=lock, feed_id=feed_id, due_only=due_only
            )
        except AlreadyEnqueued:
            log.debug("A poll of feed %s is already waiting", feed_id)

    async def reextract(self, article_ids: Sequence[int]) -> list[int]:
        """One job per article, queued in batches; their job ids."""
        task = self.app.configure_task("reextract_article", queue=QUEUE)
        job_ids: list[int] = []
        for start in range(0, len(article_ids), 1_000):
            batch = article_ids[start : start + 1_000]
            jobs: list[JSONDict] = [{"article_id": article_id} for article_id in batch]
            job_ids += await task.batch_defer_async(*jobs)
        return job_ids

    async def jobs(self, *, failed: bool = False, limit: int = 100) -> list[JobRow]:
        """The newest jobs (only the failed ones with ``failed``), with their last error."""
        async with self._store() as session:
            return await list_jobs(session, failed=failed, limit=limit)

    async def counts(self) -> dict[str, int]:
        """How many jobs are in each state."""
        async with self._store() as session:
            return await count_jobs(session)

    @asynccontextmanager
    async def _store(self) -> AsyncIterator[AsyncSession]:
        engine = create_engine(self.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                yield session
        finally:
            await engine.dispose()

    async def unfinished(self, job_ids: Sequence[int]) -> int:
        """How many of these jobs are still waiting or running."""
        rows = await self.app.connector.execute_query_one_async(
            "SELECT count(*) AS left FROM procrastinate_jobs"
            " WHERE id = ANY(%(ids)s) AND status IN ('todo', 'doing')",
            ids=list(job_ids),
        )
        return int(rows["left"])

    async def _defer(
        self, task: str, *, lock: str | None = None, queueing_lock: str | None = None, **kwargs: Any
    ) -> int:
        configured = self.app.configure_task(
            task, queue=QUEUE, lock=lock, queueing_lock=queueing_lock
        )
        return await configured.defer_async(**kwargs)

    # Running

    async def run_worker(
        self, *, concurrency: int, burst: bool = False, install_signal_handlers: bool = True
    ) -> None:
        """Run jobs until stopped (SIGINT/SIGTERM let running jobs end first); with ``burst``,
        until the queue is empty."""
        if self.runner is None:
            raise ConfigError("This queue was opened to queue jobs, not to run them.")
        stalled = self.settings.job_stalled_seconds
        # Loading spaCy holds the event loop for a second or more (its import): before the
        # worker starts its heartbeats, not in the middle of the first job.
        await self.runner.service.extractor()
        await self.retry_stalled_jobs()
        await self.app.run_worker_async(
            queues=[QUEUE],
            concurrency=concurrency,
            wait=not burst,
            install_signal_handlers=install_signal_handlers,
            update_heartbeat_interval=max(0.5, stalled / 3),
            stalled_worker_timeout=stalled,
            fetch_job_polling_interval=min(5.0, max(0.5, stalled / 3)),
        )

    async def retry_stalled_jobs(self) -> int:
        """Queue again the running jobs of workers that stopped sending heartbeats."""
        manager = self.app.job_manager
        stalled = list(
            await manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=self.settings.job_stalled_seconds
            )
        )
        retried = 0
        for job in stalled:
            try:
                await manager.retry_job(job)
            except ConnectorException:  # another worker retried it first
                continue
            log.warning(
                "Job %s (%s) was left running by a dead worker: again", job.id, job.task_name
            )
            retried += 1
        return retried

    async def remove_old_jobs(self) -> None:
        """Remove the jobs that ended longer ago than the retention says (failed ones after
        their own, longer one), and their recorded errors."""
        manager, settings = self.app.job_manager, self.settings
        await manager.delete_old_jobs(
            nb_hours=settings.job_retention_days * 24,
            queue=QUEUE,
            include_cancelled=True,
            include_aborted=True,
        )
        await manager.delete_old_jobs(
            nb_hours=settings.failed_job_retention_days * 24, queue=QUEUE, include_failed=True
        )
        async with self._store() as session, session.begin():
            await forget_removed_job_errors(session)

    def _register(self) -> None:
        app, retry = self.app, self._retry

        @app.task(name="ingest_link", queue=QUEUE, retry=retry, pass_context=True)
        async def ingest_link(context: JobContext, url: str, chat: dict[str, Any] | None) -> None:
            await self._attempt(
                context, lambda runner, final: runner.ingest_link(
                    url, chat=ChatRef.of(chat), final=final
                ),
            )  # fmt: skip

        @app.task(name="ingest_draft", queue=QUEUE, retry=retry, pass_context=True)
        async def ingest_draft(
            context: JobContext, draft: dict[str, Any], chat: dict[str, Any] | None
        ) -> None:
            await self._attempt(
                context, lambda runner, final: runner.ingest_draft(
                    draft_of_json(draft), chat=ChatRef.of(chat), final=final
                ),
            )  # fmt: skip

        @app.task(name="poll_feed", queue=QUEUE, retry=retry, pass_context=True)
        async def poll_feed(context: JobContext, feed_id: int, due_only: bool) -> None:
            await self._attempt(
                context, lambda runner, final: runner.poll_feed(feed_id, due_only=due_only)
            )

        @app.task(name="reextract_article", queue=QUEUE, retry=retry, pass_context=True)
        async def reextract_article(context: JobContext, article_id: int) -> None:
            await self._attempt(context, lambda runner, final: runner.reextract_article(article_id))

        cron = check_cron(self.settings.job_check_seconds)

        @app.periodic(cron=cron, periodic_id="due-feeds")
        @app.task(name="queue_due_feeds", queue=QUEUE, queueing_lock="queue_due_feeds")
        async def queue_due_feeds(timestamp: int) -> None:
            assert self.runner is not None
            for feed_id in await self.runner.service.due_feed_ids():
                await self.poll_feed(feed_id, due_only=True)

        @app.periodic(cron=cron, periodic_id="stalled-jobs")
        @app.task(name="retry_stalled_jobs", queue=QUEUE, queueing_lock="retry_stalled_jobs")
        async def retry_stalled(timestamp: int) -> None:
            await self.retry_stalled_jobs()

        @app.periodic(cron=CLEAN_CRON, periodic_id="old-jobs")
        @app.task(name="remove_old_jobs", queue=QUEUE, queueing_lock="remove_old_jobs")
        async def remove_old_jobs(timestamp: int) -> None:
            await self.remove_old_jobs()

    async def _attempt(
        self,
        context: JobContext,
        work: Callable[[JobRunner, bool], Awaitable[object]],
    ) -> None:
        """One attempt of a job; its error is recorded, and marked final when it is."""
        assert self.runner is not None and context.job is not None
        job = context.job
        final = job.attempts + 1 >= self.settings.job_max_attempts
        try:
            await work(self.runner, final)
        except Exception as error:
            assert job.id is not None
            async with self.runner.service.sessions.begin() as session:
                await record_job_error(
                    session,
                    job_id=job.id,
                    task=job.task_name,
                    attempts=job.attempts + 1,
                    reason=reason_of(error),
                )
            if not is_transient(error):
                raise FinalJobError(reason_of(error)) from error
            raise
