"""text reuse: sentence fingerprints, their LSH bands, and links between articles

``sentence_prints`` holds each fingerprinted sentence's MinHash signature
(``bot.extract.fingerprints``: 32 uint32 values) and offsets; ``print_bands`` its band keys,
the primary key's first column, so finding the sentences that share a band is an index
look-up on SQLite and PostgreSQL alike. ``reuse_links`` says which article repeats text of
which earlier one, the share, and whether the copy names its source. Articles stored before
this revision are fingerprinted by ``newsprov db fingerprint``.

Revision ID: 0009
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _article_fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["articles.id"],
        name=op.f(f"fk_{table}_{column}_articles"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "sentence_prints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("stop", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        _article_fk("article_id", "sentence_prints"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sentence_prints")),
        sa.UniqueConstraint(
            "article_id", "ordinal", name=op.f("uq_sentence_prints_article_id_ordinal")
        ),
    )
    op.create_table(
        "print_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        _article_fk("article_id", "print_bands"),
        sa.PrimaryKeyConstraint("band_key", "article_id", "ordinal", name=op.f("pk_print_bands")),
    )
    op.create_index(op.f("ix_print_bands_article_id"), "print_bands", ["article_id"])
    op.create_table(
        "reuse_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("source_share", sa.Float(), nullable=False),
        sa.Column("shared_sentences", sa.Integer(), nullable=False),
        sa.Column("names_source", sa.Boolean(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        _article_fk("copy_id", "reuse_links"),
        _article_fk("source_id", "reuse_links"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reuse_links")),
        sa.UniqueConstraint("copy_id", "source_id", name=op.f("uq_reuse_links_copy_id_source_id")),
    )
    op.create_index(op.f("ix_reuse_links_source_id"), "reuse_links", ["source_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_reuse_links_source_id"), table_name="reuse_links")
    op.drop_table("reuse_links")
    op.drop_index(op.f("ix_print_bands_article_id"), table_name="print_bands")
    op.drop_table("print_bands")
    op.drop_table("sentence_prints")
