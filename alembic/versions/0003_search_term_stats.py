"""search term statistics: how many attributions each common indexed term occurs in

``search_terms`` holds the document frequency of every indexed term that occurs in at least a
few attributions (rarer terms are left out: absent means rare). It is filled from the index's
own vocabulary (SQLite: an ``fts5vocab`` table; PostgreSQL: ``ts_stat``) by
``store.term_stats.refresh_term_stats`` and read once into memory by the answering service,
so that retrieval can pick a question's selective words without asking the database. The row
with the empty term holds the number of attributions counted.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The first count, for databases that already hold attributions (the same as
# store.term_stats.refresh_term_stats with its default of 50 attributions).
SQLITE_COUNT = "SELECT term, doc FROM attribution_fts_vocab WHERE doc >= 50"
POSTGRES_COUNT = (
    "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM attributions') WHERE ndoc >= 50"
)


def upgrade() -> None:
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(200), primary_key=True),
        sa.Column("documents", sa.Integer(), nullable=False),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute(
            "CREATE VIRTUAL TABLE attribution_fts_vocab USING fts5vocab(attribution_fts, 'row')"
        )
    op.execute(
        f"INSERT INTO search_terms (term, documents) {SQLITE_COUNT if sqlite else POSTGRES_COUNT}"
    )
    op.execute("INSERT INTO search_terms (term, documents) SELECT '', count(*) FROM attributions")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS attribution_fts_vocab")
    op.drop_table("search_terms")
