"""Engines, sessions and schema upgrades. URLs are plain; the async drivers are picked here."""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util.exc import CommandError
from sqlalchemy import event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from alembic import command
from store.errors import (
    DatabaseURLError,
    MigrationsMissingError,
    SchemaTooNewError,
    StoreError,
    redacted_url,
    translate,
    where,
)


def migrations_dir() -> Path:
    """The Alembic scripts: ``store/migrations`` in a built package, ``alembic/`` in a checkout.

    The wheel maps the checkout's top-level ``alembic/`` folder into the package (see
    ``[tool.setuptools.package-dir]`` in pyproject.toml); an editable install and a checkout
    run from the folder itself.
    """
    packaged = Path(__file__).resolve().parent / "migrations"
    if (packaged / "env.py").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[1] / "alembic"
    if (checkout / "env.py").is_file():
        return checkout
    raise MigrationsMissingError(
        f"newsprov's migrations are missing: neither {packaged} nor {checkout} holds them."
    )


_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(url: str) -> URL:
    """``sqlite:///x.db`` -> ``sqlite+aiosqlite:///x.db``; ``postgresql://`` -> asyncpg."""
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabaseURLError(
            f"{redacted_url(url)!r} is not a database URL (try sqlite:///newsprov.db)."
        ) from None
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise DatabaseURLError(
            f"Unsupported database {backend!r}: use sqlite:/// or postgresql://."
        )
    return parsed.set(drivername=_ASYNC_DRIVERS[backend])


def sync_url(url: str) -> URL:
    """The same database for Alembic's offline commands and tools without asyncio."""
    parsed = async_url(url)
    return parsed.set(drivername=parsed.get_backend_name())


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An engine whose errors about an unusable database are ``store.errors`` ones."""
    engine_url = async_url(url)
    if engine_url.get_backend_name() == "sqlite":
        database = engine_url.database
        if database and database != ":memory:":
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise translate(error, url=url) or error from None
        engine = create_async_engine(engine_url, **options)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    else:
        options.setdefault("pool_pre_ping", True)
        engine = create_async_engine(engine_url, **options)
    event.listen(engine.sync_engine, "handle_error", functools.partial(_store_error, url=url))
    return engine


def _store_error(context: ExceptionContext, *, url: str) -> BaseException | None:
    return translate(context.original_exception, url=url)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    # Alembic's config is ConfigParser-based: a literal % must be doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _open_sqlite_file(url: str) -> None:
    """Open an SQLite file once without asyncio, so a file that cannot be opened or is not a
    database fails here, plainly, and not inside aiosqlite's worker thread (which then also
    prints a traceback of its own when the event loop has gone)."""
    parsed = sync_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    connection = sqlite3.connect(parsed.database)
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    finally:
        connection.close()


def upgrade_to_head_sync(url: str) -> None:
    config = alembic_config(url)
    try:
        _open_sqlite_file(url)
        command.upgrade(config, "head")
    except StoreError:
        raise
    except CommandError as error:
        unknown = error.__cause__ if isinstance(error.__cause__, ResolutionError) else None
        if unknown is None:
            raise
        newest = ScriptDirectory.from_config(config).get_current_head()
        raise SchemaTooNewError(
            f"{where(url)[:1].upper()}{where(url)[1:]} is at migration {unknown.argument!r}, "
            f"which this newsprov does not know (its newest is {newest!r}): a newer newsprov "
            "migrated it; run that one."
        ) from None
    except Exception as error:
        translated = translate(error, url=url)
        if translated is None:
            raise
        raise translated from None


async def upgrade_to_head(url: str) -> None:
    """Bring the schema to the newest migration (Alembic runs its own event loop, in a thread)."""
    await asyncio.to_thread(upgrade_to_head_sync, url)
