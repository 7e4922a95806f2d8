"""pending jobs: the bot's in-process jobs survive a stop

``pending_jobs``: each job the bot runs in its own process (SQLite, the embedded default),
written before the person hears "reading it…" and deleted when the job ends, so a bot that
stopped mid-job (a restart, SIGKILL, a crash) runs what is left when it starts again and
replies in the same chat. Made on PostgreSQL too (the models describe one schema); it stays
empty there, where procrastinate keeps the jobs.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(64), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_jobs")),
    )


def downgrade() -> None:
    op.drop_table("pending_jobs")
