"""Locks between processes sharing one database: schema upgrades take turns.

(Feed polls are kept apart by the job queue's own locks: ``bot.services.queue``.)
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

MIGRATION_LOCK_SPACE = 0x6E6D  # "nm": one lock, (space, 0), for schema upgrades


def wait_for_migration_lock(connection: Connection) -> None:
    """Wait until no other process migrates this database, then hold it off until commit.

    Two processes upgrading a new PostgreSQL database at once would both create the tables
    (the second fails on a duplicate ``pg_type``); with the lock the second waits, then finds
    the schema at the newest migration and does nothing. Alembic runs every migration in the
    transaction this begins, so the lock lasts exactly as long as the upgrade.
    """
    if connection.dialect.name != "postgresql":
        return
    connection.execute(
        text("SELECT pg_advisory_xact_lock(:space, 0)"), {"space": MIGRATION_LOCK_SPACE}
    )
