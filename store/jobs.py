"""Queued jobs as newsprov shows them: procrastinate's job rows (PostgreSQL) with their errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import JobError, utcnow


@dataclass(frozen=True, slots=True, kw_only=True)
class JobRow:
    id: int
    task: str
    status: str  # todo, doing, succeeded, failed, cancelled, aborting, aborted
    attempts: int
    args: dict[str, Any]
    scheduled_at: datetime | None
    reason: str | None  # the last error, when an attempt failed


async def record_job_error(
    session: AsyncSession, *, job_id: int, task: str, attempts: int, reason: str
) -> None:
    """Keep a job's latest error (one row a job)."""
    row = (await session.scalars(select(JobError).where(JobError.job_id == job_id))).first()
    if row is None:
        row = JobError(job_id=job_id, task=task)
        session.add(row)
    row.attempts, row.reason, row.failed_at = attempts, reason, utcnow()


async def forget_removed_job_errors(session: AsyncSession) -> int:
    """Delete the errors of jobs no longer in ``procrastinate_jobs`` (removed when old)."""
    result = await session.execute(
        text(
            "DELETE FROM job_errors WHERE NOT EXISTS"
            " (SELECT 1 FROM procrastinate_jobs AS j WHERE j.id = job_errors.job_id)"
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


_LIST = """
SELECT j.id, j.task_name, j.status::text AS status, j.attempts, j.args, j.scheduled_at,
       e.reason
FROM procrastinate_jobs AS j LEFT JOIN job_errors AS e ON e.job_id = j.id
WHERE (:failed IS FALSE OR j.status = 'failed')
ORDER BY j.id DESC
LIMIT :limit
"""


async def list_jobs(
    session: AsyncSession, *, failed: bool = False, limit: int = 100
) -> list[JobRow]:
    """The newest jobs first (only the failed ones with ``failed``)."""
    rows = await session.execute(text(_LIST), {"failed": failed, "limit": limit})
    return [
        JobRow(
            id=row.id,
            task=row.task_name,
            status=row.status,
            attempts=row.attempts,
            args=dict(row.args or {}),
            scheduled_at=row.scheduled_at,
            reason=row.reason if row.status != "succeeded" else None,
        )
        for row in rows
    ]


async def count_jobs(session: AsyncSession) -> dict[str, int]:
    """How many jobs are in each status."""
    rows = await session.execute(
        text("SELECT status::text, count(*) FROM procrastinate_jobs GROUP BY status")
    )
    return {status: int(count) for status, count in rows}
