"""``newsprov article``, ``sources`` and ``stats`` as real processes on a real SQLite file:
what /article, /sources and /stats show on Telegram."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cli_process import PROJECT, cli_command, cli_environment

ARTICLE = """Varna Point berths reopen

Port director Elena Brask said the berths at Varna Point had reopened after the fire.

Union leader Petar Lom accused the port authority of ignoring the alarms.
"""


def newsprov(folder: Path, database: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(folder, "--db", database, *args),
        env=cli_environment(),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_article_sources_and_stats_show_what_is_stored(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'newsprov.db'}"
    record = {"title": "Varna Point berths reopen", "text": ARTICLE.partition("\n\n")[2],
              "url": "https://news.example/varna/berths", "outlet": "Varna Port News"}  # fmt: skip
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps(record) + "\n")
    assert newsprov(tmp_path, database, "ingest", str(batch)).returncode == 0

    by_id = newsprov(tmp_path, database, "article", "1")
    assert by_id.returncode == 0, by_id.stderr
    assert "Article 1: Varna Point berths reopen" in by_id.stdout
    assert "Elena Brask" in by_id.stdout
    by_url = newsprov(tmp_path, database, "article", "--json", record["url"])
    article = json.loads(by_url.stdout)
    assert article["id"] == 1 and article["outlet"] == "Varna Port News"
    assert any(claim["speaker"] == "Petar Lom" for claim in article["claims"])
    missing = newsprov(tmp_path, database, "article", "https://news.example/none")
    assert missing.returncode == 1
    assert "No stored article has the link https://news.example/none." in missing.stderr

    listed = newsprov(tmp_path, database, "sources")
    assert "Recent articles" in listed.stdout and "1. Varna Point berths reopen" in listed.stdout
    lines = newsprov(tmp_path, database, "sources", "--json").stdout.splitlines()
    assert [json.loads(line)["url"] for line in lines] == [record["url"]]

    counts = json.loads(newsprov(tmp_path, database, "stats", "--json").stdout)
    assert counts["articles"] == 1 and counts["attributions"] >= 2 and counts["feeds"] == 0
    assert "Stored: 1 article, " in newsprov(tmp_path, database, "stats").stdout
