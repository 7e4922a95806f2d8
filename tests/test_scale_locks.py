"""Only one process migrates at a time: an advisory lock on PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from cli_process import cli_command, cli_environment
from sqlalchemy import text

from store.db import alembic_config, create_engine
from store.locks import MIGRATION_LOCK_SPACE


async def _start_upgrade(url: str, folder: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *cli_command(folder, "--db", url, "db", "upgrade"),
        cwd=folder, env=cli_environment(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _finished(process: asyncio.subprocess.Process) -> tuple[int, str]:
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, out.decode() + err.decode()


def _newest(url: str) -> list[str]:
    """The head revision, whichever migration a branch adds last."""
    return [str(ScriptDirectory.from_config(alembic_config(url)).get_current_head())]


async def _schema_version(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return [row[0] for row in rows]
    finally:
        await engine.dispose()


async def _until_someone_waits_for_the_lock(url: str) -> None:
    engine = create_engine(url)
    waiting = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND classid = :space AND objid = 0"
    )
    try:
        async with engine.connect() as connection:
            while not await connection.scalar(waiting, {"space": MIGRATION_LOCK_SPACE}):
                await connection.rollback()
                await asyncio.sleep(0.1)
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_two_processes_upgrading_a_new_database_at_once_both_succeed(
    postgres_url: str, tmp_path: Path
) -> None:
    processes = [await _start_upgrade(postgres_url, tmp_path) for _ in range(2)]
    results = await asyncio.gather(*(_finished(process) for process in processes))
    for code, output in results:
        assert code == 0, output
        assert "newest schema" in output
    assert await _schema_version(postgres_url) == _newest(postgres_url)


@pytest.mark.postgres
async def test_an_upgrade_waits_while_another_holds_the_migration_lock(
    postgres_url: str, tmp_path: Path
) -> None:
    holder = create_engine(postgres_url)
    try:
        async with holder.connect() as connection:
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:space, 0)"), {"space": MIGRATION_LOCK_SPACE}
            )
            process = await _start_upgrade(postgres_url, tmp_path)
            await asyncio.wait_for(_until_someone_waits_for_the_lock(postgres_url), timeout=60)
            assert process.returncode is None  # still waiting
            await connection.rollback()  # releases the lock
        code, output = await _finished(process)
    finally:
        await holder.dispose()
    assert code == 0, output
    assert await _schema_version(postgres_url) == _newest(postgres_url)
