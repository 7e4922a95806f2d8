"""``newsprov export``, ``delete``, ``ask "Q1" "Q2"`` and ``ingest``'s summary and exit status,
as real processes on a real SQLite file; the ingest progress line on a real pty."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

from cli_process import PROJECT, cli_command, cli_environment
from removal_articles import COPY, COPY_TITLE, OTHER, OTHER_TITLE, REPORT, REPORT_TITLE
from terminal import Terminal

from store.export import COLUMNS


def newsprov(
    folder: Path, database: str, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(folder, "--db", database, *args),
        env=cli_environment(),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        input=stdin,
    )


def write_articles(folder: Path) -> list[Path]:
    paths = []
    for name, title, body in (
        ("report.txt", REPORT_TITLE, REPORT),
        ("copy.txt", COPY_TITLE, COPY),
        ("other.txt", OTHER_TITLE, OTHER),
    ):
        path = folder / name
        path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_export_streams_every_attribution_and_delete_removes_an_article(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'newsprov.db'}"
    report, copy, other = write_articles(tmp_path)
    stored = newsprov(tmp_path, database, "ingest", "--json", str(report), str(copy), str(other))
    assert stored.returncode == 0, stored.stderr
    outcomes = [json.loads(line) for line in stored.stdout.splitlines()]
    ids = {o["title"]: o["article_id"] for o in outcomes}
    claims = {o["article_id"]: o["attributions"] for o in outcomes}

    exported = newsprov(tmp_path, database, "export")
    assert exported.returncode == 0, exported.stderr
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(rows) == sum(claims.values())
    assert all(list(row) == list(COLUMNS) for row in rows)
    by_article = {r["article_id"] for r in rows}
    assert by_article == set(ids.values())
    accusation = next(r for r in rows if r["stance"] == "accuse")
    assert accusation["speaker"] == "Oren Dask"
    council = next(r for r in rows if r["speaker"] == "The city council")
    assert council["speaker_canonical"] == "The city council" and council["speaker_id"]
    assert accusation["article_title"] == REPORT_TITLE  # as stored: < and & are not escaped
    assert accusation["article_url"] is None and accusation["article_ingested_at"]
    assert "hiding the cost of the repairs" in accusation["content"]

    out = tmp_path / "claims.csv"
    as_csv = newsprov(tmp_path, database, "export", "--format", "csv", "--out", str(out))
    assert as_csv.returncode == 0 and as_csv.stdout == ""
    assert f"{len(rows)} attributions written to {out}." in as_csv.stderr
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["attribution_id"] for r in table] == [str(r["attribution_id"]) for r in rows]
    assert {r["anonymous"] for r in table} <= {"true", "false"}

    deleted = newsprov(tmp_path, database, "delete", str(ids[REPORT_TITLE]))
    assert deleted.returncode == 0, deleted.stderr
    assert deleted.stdout.startswith(
        f"Deleted article {ids[REPORT_TITLE]}, “{REPORT_TITLE}”, with its "
        f"{claims[ids[REPORT_TITLE]]} attributions"
    )
    left = [json.loads(line) for line in newsprov(tmp_path, database, "export").stdout.splitlines()]
    assert {r["article_id"] for r in left} == {ids[COPY_TITLE], ids[OTHER_TITLE]}
    missing = newsprov(tmp_path, database, "delete", str(ids[REPORT_TITLE]))
    assert missing.returncode == 1
    assert missing.stderr == f"newsprov: There is no article {ids[REPORT_TITLE]}.\n"

    again = newsprov(tmp_path, database, "ingest", "--json", str(report))
    assert json.loads(again.stdout)["status"] == "new"  # a later ingest of it is new


def test_ask_answers_each_quoted_question_in_turn(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'newsprov.db'}"
    report, _, other = write_articles(tmp_path)
    assert newsprov(tmp_path, database, "ingest", str(report), str(other)).returncode == 0
    first, second = "who accused the ministry?", "what did Piet Ankers say about the harvest?"

    plain = newsprov(tmp_path, database, "ask", first, second)
    assert plain.returncode == 0, plain.stderr
    one, rule, two = plain.stdout.partition("\n" + "─" * 40 + "\n")
    assert rule, plain.stdout
    assert f"Q: {first}" in one and "Oren Dask" in one and "Ankers" not in one
    assert f"Q: {second}" in two and "Piet Ankers" in two and "Oren Dask" not in two

    as_json = newsprov(tmp_path, database, "ask", "--json", first, second)
    lines = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [line["question"] for line in lines] == [first, second]
    assert lines[0]["answers"][0]["speaker"] == "Oren Dask"

    words = newsprov(tmp_path, database, "ask", "--json", "who", "accused", "the", "ministry?")
    assert [json.loads(line)["question"] for line in words.stdout.splitlines()] == [first]


def test_ingest_counts_new_duplicates_and_failed_and_fails_when_any_failed(
    tmp_path: Path,
) -> None:
    database = f"sqlite:///{tmp_path / 'newsprov.db'}"
    report, copy, _ = write_articles(tmp_path)
    assert newsprov(tmp_path, database, "ingest", str(report)).returncode == 0
    missing = tmp_path / "missing.txt"

    mixed = newsprov(tmp_path, database, "ingest", str(report), str(copy), str(missing))
    assert mixed.returncode == 1
    assert mixed.stdout.splitlines()[-1] == "1 new, 1 duplicate, 1 failed."
    assert f"could not read {missing}" in mixed.stdout

    clean = newsprov(tmp_path, database, "ingest", str(report), str(copy))
    assert clean.returncode == 0
    assert clean.stdout.splitlines()[-1] == "0 new, 2 duplicates, 0 failed."


def test_the_progress_line_shows_a_count_and_an_eta_and_is_cleared(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'newsprov.db'}"
    paths = write_articles(tmp_path)
    terminal = Terminal(
        cli_command(tmp_path, "--db", database, "ingest", *map(str, paths)),
        env=cli_environment(),
        cwd=PROJECT,
    )
    try:
        assert terminal.wait(within=300) == 0
    finally:
        terminal.close()
    raw = terminal.raw
    assert "1/3 read, 1 new · ETA " in raw and "2/3 read, 2 new · ETA " in raw
    assert "3/3 read, 3 new" in raw
    # Erased before each report line and before the summary, which starts a clean line.
    assert "\r\x1b[K3 new, 0 duplicates, 0 failed." in raw
    assert "\r\x1b[Kstored: [3] " in raw
