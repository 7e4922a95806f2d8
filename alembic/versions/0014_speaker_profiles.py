"""speaker profiles: one person across articles, found by any word of their name

- ``speakers.profile_key``: the speakers that are one person or organisation share it (a
  spelling that transliteration or role words changed, a surname alone that names one known
  person); ``bot.services.profiles`` computes it. NULL for speakers stored before, until
  ``newsprov db profiles`` (or ``newsprov reextract``) fills it.
- ``speaker_words``: the words of each speaker's key, spelt as ``bot.folding.name_skeleton``
  writes them, with the last one marked: ``/who Petrova`` finds "Maria Petrova" by index.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("speakers", sa.Column("profile_key", sa.String(length=300), nullable=True))
    op.create_index(op.f("ix_speakers_profile_key"), "speakers", ["profile_key"], unique=False)
    op.create_table(
        "speaker_words",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.Column("last", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_words_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("speaker_id", "word", name=op.f("pk_speaker_words")),
    )
    op.create_index(op.f("ix_speaker_words_word"), "speaker_words", ["word"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_speaker_words_word"), table_name="speaker_words")
    op.drop_table("speaker_words")
    op.drop_index(op.f("ix_speakers_profile_key"), table_name="speakers")
    with op.batch_alter_table("speakers") as batch:
        batch.drop_column("profile_key")
