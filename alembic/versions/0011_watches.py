"""watches: topics users follow, and the claims found for them

``watches`` holds each user's topics (/watch), ``watch_notices`` each claim found for a
watch: unique per (watch, claim), so that no claim is announced twice, with ``sent_at`` set
once it was sent (pending notices survive a restart).

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("topic", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watches")),
        sa.UniqueConstraint("user_id", "topic", name=op.f("uq_watches_user_id_topic")),
    )
    op.create_index(op.f("ix_watches_user_id"), "watches", ["user_id"])
    op.create_table(
        "watch_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("attribution_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["watch_id"],
            ["watches.id"],
            name=op.f("fk_watch_notices_watch_id_watches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attributions.id"],
            name=op.f("fk_watch_notices_attribution_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_notices")),
        sa.UniqueConstraint(
            "watch_id", "attribution_id", name=op.f("uq_watch_notices_watch_id_attribution_id")
        ),
    )
    op.create_index(op.f("ix_watch_notices_attribution_id"), "watch_notices", ["attribution_id"])
    op.create_index("ix_watch_notices_sent_at_id", "watch_notices", ["sent_at", "id"])


def downgrade() -> None:
    op.drop_table("watch_notices")
    op.drop_table("watches")
