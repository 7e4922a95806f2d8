"""Jobs run inside the bot's own process: the embedded default (SQLite, no worker).

The same job functions a worker runs (``bot.services.jobs.JobRunner``), as asyncio tasks,
at most ``concurrency`` at a time, with the same retries and backoff.

A link, a forward or a paste that the person was told "reading it…" about is kept in
``pending_jobs`` from before that acknowledgement until the job ends (done, or failed for
good), with the chat to answer. A bot stopped mid-job (a restart, SIGKILL, a crash) finds it
there when it starts (``resume``), runs it again and replies in the same chat. Each attempt
is counted in the row, so a job that keeps killing the bot is failed after
``job_max_attempts`` starts instead of being run at every start. The row is removed after
the reply is sent, so a stop between the two makes the next start read the article again
and say it already has it: at least once, never lost. Feed polls are not kept (the next
scheduled poll does them), nor re-extractions (``newsprov reextract`` finds what is left).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.services.jobs import (
    ChatRef,
    JobRunner,
    draft_as_json,
    draft_of_json,
    is_transient,
    reason_of,
    retry_wait_seconds,
)
from bot.settings import Settings
from bot.sources.draft import ArticleDraft
from store.pending import add_pending, count_attempt, list_pending, remove_pending

log = logging.getLogger(__name__)

Attempt = Callable[[bool], Awaitable[object]]  # final -> one attempt of a job
STOPPED_TOO_OFTEN = "The bot stopped while reading it, {attempts} times; I gave up on it."


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
        args = {"url": url, "chat": chat.as_json() if chat else None}
        job_id = await self._keep("ingest_link", args)
        self._start(_label("ingest_link", args), self._attempt("ingest_link", args), job_id=job_id)

    async def ingest_draft(self, draft: ArticleDraft, *, chat: ChatRef | None = None) -> None:
        args = {"draft": draft_as_json(draft), "chat": chat.as_json() if chat else None}
        job_id = await self._keep("ingest_draft", args)
        self._start(
            _label("ingest_draft", args), self._attempt("ingest_draft", args), job_id=job_id
        )

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

    async def resume(self) -> int:
        """Start again the kept jobs a stopped process left (call once, at start, when the
        notifier can send); how many there were."""
        service = self.runner.service
        async with service.sessions() as session:
            rows = [(row.id, row.task, dict(row.args), row.attempts)
                    for row in await list_pending(session)]  # fmt: skip
        for job_id, task, args, attempts in rows:
            label = _label(task, args)
            if task not in ("ingest_link", "ingest_draft"):
                log.warning("Kept job %s has an unknown task; dropped", label)
                await self._forget(job_id)
            elif attempts >= self._max_attempts:
                log.warning("Job %s was cut short %s times; failed", label, attempts)
                await self._tell_failed(args, STOPPED_TOO_OFTEN.format(attempts=attempts))
                await self._forget(job_id)
            else:
                log.info("Job %s was cut short by a stop; again", label)
                self._start(label, self._attempt(task, args), job_id=job_id, done=attempts)
        return len(rows)

    async def drain(self) -> None:
        """Wait until every job started so far has ended (tests, ``--burst``)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        """Stop: running jobs are cut short, and the kept ones run again at the next start."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _attempt(self, task: str, args: dict[str, Any]) -> Attempt:
        chat = ChatRef.of(args.get("chat"))
        if task == "ingest_link":
            url = str(args["url"])
            return lambda final: self.runner.ingest_link(url, chat=chat, final=final)
        draft = draft_of_json(args["draft"])
        return lambda final: self.runner.ingest_draft(draft, chat=chat, final=final)

    async def _keep(self, task: str, args: dict[str, Any]) -> int:
        resources = self.runner.service.resources
        async with resources.write_lock, resources.sessions.begin() as session:
            return await add_pending(session, task=task, args=args)

    async def _forget(self, job_id: int) -> None:
        resources = self.runner.service.resources
        async with resources.write_lock, resources.sessions.begin() as session:
            await remove_pending(session, job_id)

    async def _counted(self, job_id: int) -> None:
        resources = self.runner.service.resources
        async with resources.write_lock, resources.sessions.begin() as session:
            await count_attempt(session, job_id)

    async def _tell_failed(self, args: dict[str, Any], reason: str) -> None:
        chat, notifier = ChatRef.of(args.get("chat")), self.runner.notifier
        if chat is None or notifier is None:
            return
        source = str(args.get("url") or (args.get("draft") or {}).get("title") or "")
        try:
            await notifier.failed(chat, source, reason)
        except Exception:
            log.warning("Could not tell chat %s that a job failed", chat.chat_id)

    def _start(
        self,
        label: str,
        attempt: Attempt,
        *,
        attempts: int | None = None,
        job_id: int | None = None,
        done: int = 0,
    ) -> None:
        run = self._run(label, attempt, attempts or self._max_attempts, job_id=job_id, done=done)
        task = asyncio.create_task(run)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(
        self, label: str, attempt: Attempt, attempts: int, *, job_id: int | None, done: int
    ) -> None:
        """The job's attempts; a kept job is forgotten when it ends, but not when the process
        cuts it short (cancelled by ``close``, or killed): then it runs again at next start."""
        await self._attempts(label, attempt, attempts, job_id=job_id, done=done)
        if job_id is not None:
            try:
                await self._forget(job_id)
            except Exception:  # it runs again at the next start: read twice, never lost
                log.warning("Could not forget the ended job %s", label, exc_info=True)

    async def _attempts(
        self, label: str, attempt: Attempt, attempts: int, *, job_id: int | None, done: int
    ) -> None:
        for number in range(done + 1, attempts + 1):
            final = number == attempts
            try:
                async with self._slots:
                    if job_id is not None:
                        await self._counted(job_id)
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


def _label(task: str, args: dict[str, Any]) -> str:
    if task == "ingest_link":
        return f"ingest {str(args.get('url'))[:200]}"
    title = str((args.get("draft") or {}).get("title") or "")
    return f"ingest {title[:200]!r}"
