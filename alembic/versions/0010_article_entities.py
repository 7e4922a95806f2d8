"""article entities: each article's entity table

``article_entities`` holds, per article, every name that spoke in it with the descriptions the
article uses for it ("the airline" -> "Brightwing Air Lines", "the health minister" -> "Ana
Ruiz") and its spellings there ("Yahya Sarea", "Saree"), linked to the speaker's row when it has
one. `newsprov reextract` fills it for articles stored before.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("descriptions", sa.JSON(), nullable=False),
        sa.Column("spellings", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_entities_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_article_entities_speaker_id_speakers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_entities")),
        sa.UniqueConstraint(
            "article_id", "ordinal", name=op.f("uq_article_entities_article_id_ordinal")
        ),
    )
    op.create_index(
        op.f("ix_article_entities_article_id"), "article_entities", ["article_id"], unique=False
    )
    op.create_index(
        op.f("ix_article_entities_speaker_id"), "article_entities", ["speaker_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_article_entities_speaker_id"), table_name="article_entities")
    op.drop_index(op.f("ix_article_entities_article_id"), table_name="article_entities")
    op.drop_table("article_entities")
