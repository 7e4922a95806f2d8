"""cue polarity: whether an attribution's cue reports its act

``attributions.polarity`` says how the cue is written: ``affirmed`` ("said", "denied"),
``negated`` ("did not say", "has not denied"), ``refused`` ("declined to confirm") or ``modal``
("may announce"). A negated or refused cue is stored with the stance ``decline``, a modal one
with ``hedge`` (both fit the existing ``stance`` column); the cue keeps its words as written.
Rows stored before this revision are ``affirmed``, as the extractor then read every cue;
``newsprov reextract`` reads them anew.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A plain ALTER TABLE on SQLite too: a batch copy of the table would lose the triggers that
# keep its full-text index in step (0002).
def upgrade() -> None:
    op.add_column(
        "attributions",
        sa.Column("polarity", sa.String(16), nullable=False, server_default="affirmed"),
    )


def downgrade() -> None:
    op.drop_column("attributions", "polarity")
