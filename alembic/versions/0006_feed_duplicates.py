"""feed duplicates: entries known by their content, and how many a feed repeated

A feed that gives its entries a new guid (and link) on every poll would otherwise have every
entry read again each time. ``feed_entries.content_hash`` is the hash of an entry's own text
(title and content or summary, folded as ``bot.sources.draft.content_hash`` folds); an entry
whose hash the feed has had before is a duplicate and is not fetched or read again.
``feeds.duplicate_entries`` counts a feed's duplicate entries (by content, or whose article
was already stored another way), shown by ``/feeds`` and ``newsprov feeds list``.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feeds") as feeds:
        feeds.add_column(
            sa.Column("duplicate_entries", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("feed_entries") as entries:
        entries.add_column(sa.Column("content_hash", sa.String(64), nullable=True))
    op.create_index(
        "ix_feed_entries_feed_id_content_hash", "feed_entries", ["feed_id", "content_hash"]
    )


def downgrade() -> None:
    op.drop_index("ix_feed_entries_feed_id_content_hash", table_name="feed_entries")
    with op.batch_alter_table("feed_entries") as entries:
        entries.drop_column("content_hash")
    with op.batch_alter_table("feeds") as feeds:
        feeds.drop_column("duplicate_entries")
