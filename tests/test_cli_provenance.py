"""``newsprov provenance`` and ``newsprov db fingerprint`` on a real SQLite file."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from reuse_articles import ADDED_PARAGRAPH_COPY, EDITED_COPY, ORIGINAL, SAME_TOPIC, Written
from sqlalchemy import delete

from bot.cli import main
from store.db import create_engine
from store.models import PrintBand, ReuseLink, SentencePrint


def _jsonl(path: Path, *articles: Written) -> Path:
    lines = [
        json.dumps(
            {
                "title": a.title,
                "text": a.text,
                "url": a.url,
                "outlet": a.outlet,
                "published": a.published.isoformat(),
            }
        )
        for a in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["--env-file", "/nonexistent", *args])
    return status, capsys.readouterr().out.splitlines()


def run_failing(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--env-file", "/nonexistent", *args]) == 1
    return capsys.readouterr().err


def test_provenance_of_a_file_an_id_and_nothing(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = _jsonl(tmp_path / "batch.jsonl", ORIGINAL, EDITED_COPY, SAME_TOPIC)
    status, lines = run_cli(capsys, "--db", sqlite_url, "provenance", "--json", str(batch))
    assert status == 0 and len(lines) == 3
    original, copy, unrelated = (json.loads(line) for line in lines)
    assert set(copy) == {"article", "copies_of", "copied_by", "earliest_source"}
    assert [c["article"]["outlet"] for c in copy["copies_of"]] == ["Baltic Wire"]
    assert abs(copy["copies_of"][0]["share"] - EDITED_COPY.copied_share) <= 0.10
    assert copy["earliest_source"]["url"] == ORIGINAL.url
    assert unrelated["copies_of"] == [] and unrelated["copied_by"] == []

    status, lines = run_cli(
        capsys, "--db", sqlite_url, "provenance", str(original["article"]["id"])
    )
    assert status == 0
    assert lines[0].startswith(f"Article {original['article']['id']}: {ORIGINAL.title}")
    assert any("Coastal Daily" in line and "names it as its source" in line for line in lines)

    assert "There is no article 999" in run_failing(capsys, "--db", sqlite_url, "provenance", "999")
    missing = str(tmp_path / "none.txt")
    assert "neither an article id" in run_failing(capsys, "--db", sqlite_url, "provenance", missing)


async def _forget_fingerprints(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        for table in (ReuseLink, PrintBand, SentencePrint):
            await connection.execute(delete(table))
    await engine.dispose()


def test_db_fingerprint_links_articles_stored_before_text_reuse(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = _jsonl(tmp_path / "batch.jsonl", ADDED_PARAGRAPH_COPY, ORIGINAL)
    assert run_cli(capsys, "--db", sqlite_url, "ingest", str(batch))[0] == 0
    asyncio.run(_forget_fingerprints(sqlite_url))
    status, lines = run_cli(capsys, "--db", sqlite_url, "provenance", "--json", "1")
    assert json.loads(lines[0])["copies_of"] == []

    status, lines = run_cli(capsys, "--db", sqlite_url, "db", "fingerprint")
    assert status == 0 and lines == [
        "Fingerprinted and linked 2 articles that had no fingerprints."
    ]
    status, lines = run_cli(capsys, "--db", sqlite_url, "provenance", "--json", "1")
    copies = json.loads(lines[0])["copies_of"]
    assert [c["article"]["outlet"] for c in copies] == ["Baltic Wire"]
    status, lines = run_cli(capsys, "--db", sqlite_url, "db", "fingerprint")
    assert lines == ["Fingerprinted and linked 0 articles that had no fingerprints."]
