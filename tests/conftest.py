"""Fixtures shared by the tests: real SQLite files, a real PostgreSQL server, the real extractor."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.settings import Settings
from store.db import async_url

# Fixtures that live beside their helpers: the Telegram tests' fake Bot API and running bot,
# and a real local HTTP server (http_fixtures).
pytest_plugins = ["telegram_harness", "http_fixtures"]

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
POSTGRES_ADMIN_URL = os.environ.get(
    "NEWSPROV_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def shared_path(relative: str) -> Path:
    """A file of ../shared, or a skip saying it is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is not beside the project")
    return path


@pytest.fixture
def seed_article() -> Path:
    return shared_path("corpus/seed/al-bukamal.txt")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'newsprov.db'}"


async def _postgres_admin(statement: str) -> None:
    import asyncpg

    url = async_url(POSTGRES_ADMIN_URL)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
        timeout=5,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of its own on the PostgreSQL server, dropped afterwards."""
    name = f"newsprov_test_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(_postgres_admin(f'CREATE DATABASE "{name}"'))
    except (TimeoutError, OSError, Exception) as exc:
        if os.environ.get("NEWSPROV_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL at {POSTGRES_ADMIN_URL} is required here: {exc}")
        pytest.skip(f"no PostgreSQL server at {POSTGRES_ADMIN_URL} ({exc})")
    url = async_url(POSTGRES_ADMIN_URL).set(database=name, drivername="postgresql")
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        asyncio.run(_postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using this runs on a real SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'newsprov.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from bot.extract.pipeline import load_extractor

    return load_extractor()


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Without the sentence model (its load and embeddings are tests/test_semantic.py's and the
    # seed questions' to pay for), as the default was before ``auto``.
    return Settings(database_url=database_url, semantic="off")


@pytest.fixture
async def service(settings: Settings, extractor) -> AsyncIterator[object]:  # type: ignore[no-untyped-def]
    from bot.services.newsprov import Newsprov

    async with await Newsprov.open(settings, extractor=extractor) as opened:
        yield opened
