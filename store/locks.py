"""Locks between bot processes sharing one database.

Several bot processes may serve the same PostgreSQL database; each polls feeds, and a feed
must be polled by one of them at a time. A transaction-scoped advisory lock does that without
a table or a lease to clean up: it is released when the transaction ends, also when the
process dies. SQLite is served by one process, which needs no lock between processes.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Advisory locks share one key space per database: this first key marks ours as feed locks.
FEED_LOCK_SPACE = 0x6E70  # "np"


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
