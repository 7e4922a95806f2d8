"""jobs: procrastinate's queue on PostgreSQL, extractor versions, failed feed entries retried

- On PostgreSQL only: the schema procrastinate ships (``procrastinate/sql/schema.sql``) for
  the exact version pyproject.toml pins, applied as it is: its tables (``procrastinate_jobs``,
  ``procrastinate_workers``, ``procrastinate_periodic_defers``, ``procrastinate_events``), types
  and functions. SQLite has no queue (jobs run inside the bot process), so nothing there.
  procrastinate's own upgrade scripts (``procrastinate schema --migrations-path``) are applied
  by later migrations, one per procrastinate release that brings any, never by hand.
- ``job_errors``: the last error of each queued job, by procrastinate job id, so that
  ``newsprov jobs --failed`` can say why (procrastinate keeps only the status).
- ``articles.extractor_version``, ``attributions.extractor_version``: the version of the
  extractor that read them (``bot.extract.version.EXTRACTOR_VERSION``); 0 for what was stored
  before versions were recorded, so ``newsprov reextract`` finds it.
- ``feed_entries.retries_left``: how many later polls will try an entry again whose page failed
  for a reason that may pass (a timeout, a 5xx, a site down); 0 for every other entry.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.util import await_only

from alembic import context, op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROCRASTINATE_VERSION = "3.10.0"  # the version whose schema.sql this migration applies


def _procrastinate_schema() -> str:
    from importlib.metadata import version

    from procrastinate.schema import SchemaManager

    installed = version("procrastinate")
    if installed != PROCRASTINATE_VERSION:
        raise RuntimeError(
            f"Migration 0012 applies procrastinate {PROCRASTINATE_VERSION}'s schema, but "
            f"procrastinate {installed} is installed: install the version pyproject.toml pins."
        )
    return str(SchemaManager.get_schema())


def _execute_script(script: str) -> None:
    """Run a multi-statement SQL script (PL/pgSQL bodies and all) in the migration's
    transaction: asyncpg runs a script without parameters through the simple query protocol."""
    if context.is_offline_mode():
        op.execute(script)
        return
    driver = op.get_bind().connection.dbapi_connection
    assert driver is not None
    await_only(driver.driver_connection.execute(script))  # type: ignore[union-attr]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _execute_script(_procrastinate_schema())
    op.create_table(
        "job_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.BigInteger(), nullable=False),
        sa.Column("task", sa.String(128), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_errors")),
        sa.UniqueConstraint("job_id", name=op.f("uq_job_errors_job_id")),
    )
    for table in ("articles", "attributions"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("extractor_version", sa.Integer(), nullable=False, server_default="0")
            )
    with op.batch_alter_table("feed_entries") as entries:
        entries.add_column(
            sa.Column("retries_left", sa.Integer(), nullable=False, server_default="0")
        )


_DROP_PROCRASTINATE = """
DROP TABLE IF EXISTS procrastinate_periodic_defers, procrastinate_events, procrastinate_jobs,
    procrastinate_workers CASCADE;
DO $$
DECLARE item record;
BEGIN
    FOR item IN SELECT oid::regprocedure AS signature FROM pg_proc
                WHERE proname LIKE 'procrastinate\\_%' LOOP
        EXECUTE 'DROP FUNCTION IF EXISTS ' || item.signature || ' CASCADE';
    END LOOP;
    FOR item IN SELECT typname FROM pg_type WHERE typname LIKE 'procrastinate\\_%'
                AND typtype IN ('e', 'c') LOOP
        EXECUTE 'DROP TYPE IF EXISTS ' || quote_ident(item.typname) || ' CASCADE';
    END LOOP;
END $$;
"""


def downgrade() -> None:
    with op.batch_alter_table("feed_entries") as entries:
        entries.drop_column("retries_left")
    for table in ("attributions", "articles"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("extractor_version")
    op.drop_table("job_errors")
    if op.get_bind().dialect.name == "postgresql":
        _execute_script(_DROP_PROCRASTINATE)
