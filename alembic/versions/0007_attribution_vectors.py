"""attribution vectors: one sentence embedding per attribution

``attribution_vectors`` holds each attribution's embedding (``bot.embedding``: 384 int8
components, and their 384 sign bits for nearest-neighbour search), the same on SQLite and
PostgreSQL. Attributions stored before this revision get theirs from ``newsprov db embed``.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attribution_vectors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attribution_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(64), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.Column("bits", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attributions.id"],
            name=op.f("fk_attribution_vectors_attribution_id_attributions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_vectors")),
        sa.UniqueConstraint("attribution_id", name=op.f("uq_attribution_vectors_attribution_id")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("attribution_vectors")
