"""Jobs the bot's own process runs (SQLite), kept until they end: ``pending_jobs``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import PendingJob


async def add_pending(session: AsyncSession, *, task: str, args: dict[str, Any]) -> int:
    """Keep a job about to start; its id."""
    row = PendingJob(task=task, args=args, attempts=0)
    session.add(row)
    await session.flush()
    return row.id


async def count_attempt(session: AsyncSession, job_id: int) -> None:
    """One more attempt of the job has started."""
    await session.execute(
        update(PendingJob).where(PendingJob.id == job_id).values(attempts=PendingJob.attempts + 1)
    )


async def remove_pending(session: AsyncSession, job_id: int) -> None:
    """The job ended (done, or failed for good)."""
    await session.execute(delete(PendingJob).where(PendingJob.id == job_id))


async def list_pending(session: AsyncSession) -> list[PendingJob]:
    """What is left, oldest first."""
    return list((await session.scalars(select(PendingJob).order_by(PendingJob.id))).all())
