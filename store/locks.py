"""Locks between bot processes sharing one database.

Several bot processes may serve the same PostgreSQL database; each polls feeds, and a feed
must be polled by one of them at a time. A transaction-scoped advisory lock does that without
a table or a lease to clean up: it is released when the transaction ends, also when the
process dies. SQLite is served by one process, which needs no lock between processes.
Schema upgrades take a lock of their own, for the whole migration.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession

# Advisory locks share one key space per database: this first key marks ours as feed locks.
FEED_LOCK_SPACE = 0x6E70  # "np"
MIGRATION_LOCK_SPACE = 0x6E6D  # "nm": one lock, (space, 0), for schema upgrades


async def try_feed_lock(session: AsyncSession, feed_id: int) -> bool:
    """Take the feed's lock for the session's current transaction, if no one else holds it.

    True: this process may poll the feed until the transaction commits or rolls back.
    False: another process is polling it now; skip the feed this round.
    """
    if session.get_bind().dialect.name != "postgresql":
        return True
    taken = await session.scalar(
        text("SELECT pg_try_advisory_xact_lock(:space, :feed)"),
        {"space": FEED_LOCK_SPACE, "feed": feed_id},
    )
    return bool(taken)


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
