"""full-text search over attributions

SQLite: an FTS5 table over ``attributions.search_text`` (external content, kept in step by
triggers). PostgreSQL: a generated ``tsvector`` column with a GIN index.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE attribution_fts USING fts5(
        search_text, content='attributions', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER attributions_search_insert AFTER INSERT ON attributions BEGIN
        INSERT INTO attribution_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER attributions_search_delete AFTER DELETE ON attributions BEGIN
        INSERT INTO attribution_fts(attribution_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER attributions_search_update AFTER UPDATE OF search_text ON attributions BEGIN
        INSERT INTO attribution_fts(attribution_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO attribution_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO attribution_fts(attribution_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS attributions_search_update",
    "DROP TRIGGER IF EXISTS attributions_search_delete",
    "DROP TRIGGER IF EXISTS attributions_search_insert",
    "DROP TABLE IF EXISTS attribution_fts",
]
POSTGRES_UP = [
    """ALTER TABLE attributions ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED""",
    "CREATE INDEX ix_attributions_search_vector ON attributions USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_attributions_search_vector",
    "ALTER TABLE attributions DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run(SQLITE_UP if dialect == "sqlite" else POSTGRES_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run(SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN)
