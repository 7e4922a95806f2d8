"""Finished jobs on PostgreSQL are removed when the retention says, by procrastinate's own
``delete_old_jobs`` run as newsprov's hourly ``remove_old_jobs`` task; failed ones stay listed
by ``newsprov jobs --failed`` for their own, longer retention."""

from __future__ import annotations

import asyncio
import json
import subprocess
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cli_process import cli_command, cli_environment
from http_fixtures import LocalHTTPServer, Reply
from sqlalchemy import text

from bot.services.jobs import JobRunner
from bot.services.newsprov import Newsprov
from bot.services.queue import CLEAN_CRON, QUEUE, Queue
from bot.settings import Settings
from store.db import create_engine, upgrade_to_head

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def page(title: str, speaker: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{speaker} denied on Tuesday that the depot would close before the spring.</p>"
        "<p>The drivers' union accused the company of planning the closure for a year.</p>"
        "</article></body></html>"
    ).encode()


@pytest.fixture
def queue_settings(postgres_url: str) -> Settings:
    settings = Settings.from_mapping(
        {
            "NEWSPROV_DATABASE_URL": postgres_url,
            "NEWSPROV_ALLOW_PRIVATE_NETWORKS": "true",
            "NEWSPROV_JOB_RETENTION_DAYS": "7",
            "NEWSPROV_FAILED_JOB_RETENTION_DAYS": "30",
            "NEWSPROV_JOB_MAX_ATTEMPTS": "2",
            "NEWSPROV_JOB_RETRY_SECONDS": "1",
        }
    )
    return replace(settings, database_url=postgres_url)


@pytest.fixture
async def service(queue_settings: Settings, extractor: Any) -> AsyncIterator[Newsprov]:
    await upgrade_to_head(queue_settings.database_url)
    async with await Newsprov.open(queue_settings, extractor=extractor) as opened:
        yield opened


async def sql(url: str, statement: str, **values: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(text(statement), values)
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()


async def age(url: str, job_id: int, days: int) -> None:
    """Make a job look as if it ended ``days`` ago (its events are what procrastinate reads)."""
    await sql(
        url,
        "UPDATE procrastinate_events SET at = at - make_interval(days => :days)"
        " WHERE job_id = :job_id",
        days=days,
        job_id=job_id,
    )


async def statuses(url: str) -> dict[str, str]:
    rows = await sql(
        url,
        "SELECT args->>'url', status::text FROM procrastinate_jobs WHERE task_name = 'ingest_link'",
    )
    return {link: status for link, status in rows}


async def run_jobs(queue: Queue) -> None:
    await queue.run_worker(concurrency=1, burst=True, install_signal_handlers=False)


def failed_listed(folder: Path, url: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        cli_command(folder, "--db", url, "jobs", "--failed", "--json"),
        env=cli_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


async def test_old_finished_jobs_go_and_failed_ones_stay_as_long_as_the_retention_says(
    service: Newsprov,
    queue_settings: Settings,
    http_server: LocalHTTPServer,
    postgres_url: str,
    tmp_path: Path,
) -> None:
    old = http_server.add("/news/old", Reply(body=page("Depot closure denied", "Lena Ortiz")))
    new = http_server.add("/news/new", Reply(body=page("Depot plans", "Marek Novak")))
    gone = http_server.url("/news/gone")  # a 404: failed at once, with its reason
    queue = await Queue(queue_settings, runner=JobRunner(service)).open()
    try:
        assert queue.app.periodic_registry.periodic_tasks[("remove_old_jobs", "old-jobs")].cron
        assert CLEAN_CRON == "7 * * * *"
        for link in (old, new, gone):
            await queue.ingest_link(link)
        await run_jobs(queue)
        assert await statuses(postgres_url) == {old: "succeeded", new: "succeeded", gone: "failed"}
        ids = dict(
            await sql(
                postgres_url,
                "SELECT args->>'url', id FROM procrastinate_jobs WHERE task_name = 'ingest_link'",
            )
        )
        await age(postgres_url, ids[old], 8)  # past the 7 days
        await age(postgres_url, ids[gone], 8)  # within the failed jobs' 30

        # The hourly task, queued as its periodic defer would, and run by a worker.
        clean = queue.app.configure_task("remove_old_jobs", queue=QUEUE)
        await clean.defer_async(timestamp=0)
        await run_jobs(queue)
        assert await statuses(postgres_url) == {new: "succeeded", gone: "failed"}
        listed = await asyncio.to_thread(failed_listed, tmp_path, postgres_url)
        assert [(job["args"]["url"], job["reason"]) for job in listed] == [
            (gone, "The page was not found (404).")
        ]

        await age(postgres_url, ids[gone], 23)  # 31 days now
        await queue.remove_old_jobs()
        assert await statuses(postgres_url) == {new: "succeeded"}
        assert await asyncio.to_thread(failed_listed, tmp_path, postgres_url) == []
        errors = await sql(postgres_url, "SELECT job_id FROM job_errors")
        assert ids[gone] not in {job_id for (job_id,) in errors}
        assert (await service.stats()).articles == 2  # the articles themselves stay
    finally:
        await queue.close()
