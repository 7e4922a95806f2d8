"""Alembic environment: async engines for SQLite (aiosqlite) and PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from dotenv import dotenv_values
from sqlalchemy.engine import Connection

from alembic import context
from store.db import create_engine, sync_url
from store.locks import wait_for_migration_lock
from store.models import Base

config = context.config
target_metadata = Base.metadata

# Full-text search objects are made by hand in migrations (FTS5 tables, tsvector columns,
# the term statistics table): autogenerate must not mistake them for drift.
_SEARCH_TABLE_PREFIXES = ("attribution_fts", "search_terms")
_SEARCH_COLUMNS = {"search_vector"}
# procrastinate's tables (PostgreSQL), made by migration 0012 from the schema it ships.
_QUEUE_TABLE_PREFIX = "procrastinate_"


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    if type_ == "table" and name and name.startswith(_SEARCH_TABLE_PREFIXES):
        return False
    if type_ == "table" and reflected and name and name.startswith(_QUEUE_TABLE_PREFIX):
        return False
    if type_ == "column" and reflected and name in _SEARCH_COLUMNS:
        return False
    return not (type_ == "index" and reflected and name and "search" in name)


def database_url() -> str:
    """newsprov passes the URL; the ``alembic`` command line reads it as newsprov's settings do
    (the environment, then ``.env``), without importing ``bot``: the store stands below it."""
    return (
        config.get_main_option("sqlalchemy.url")
        or os.environ.get("NEWSPROV_DATABASE_URL")
        or dotenv_values(".env").get("NEWSPROV_DATABASE_URL")
        or "sqlite:///newsprov.db"
    )


def run_migrations_offline() -> None:
    context.configure(
        url=sync_url(database_url()).render_as_string(hide_password=False),
        target_metadata=target_metadata,
        literal_binds=True,
        include_object=include_object,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    wait_for_migration_lock(connection)
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    engine = create_engine(database_url())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
