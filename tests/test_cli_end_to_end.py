"""From files to answers through the ``newsprov`` command line, on a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[1]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["--env-file", "/nonexistent", *args])
    return status, capsys.readouterr().out.splitlines()


def test_ingest_then_ask_then_duplicate(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article = str(FIXTURES / "valmora-fire.txt")
    status, lines = run_cli(capsys, "--db", sqlite_url, "ingest", "--json", article)
    assert status == 0
    first = json.loads(lines[0])
    assert first["status"] == "new" and first["attributions"] >= 3

    status, lines = run_cli(
        capsys, "--db", sqlite_url, "ask", "--json", "who denied causing the Valmora fire?"
    )
    answer = json.loads(lines[0])["answers"][0]
    assert "Northwind" in answer["speaker"]
    assert answer["stance"] == "deny"
    assert answer["article"]["title"] == "Shipping company denies starting the Valmora harbour fire"

    status, lines = run_cli(capsys, "--db", sqlite_url, "ingest", "--json", article)
    assert json.loads(lines[0])["status"] == "duplicate"
    assert json.loads(lines[0])["article_id"] == first["article_id"]


def test_question_nothing_answers(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "--db", sqlite_url, "ingest", str(FIXTURES / "valmora-fire.txt"))
    status, lines = run_cli(
        capsys, "--db", sqlite_url, "ask", "--json", "who won the 2030 world cup?"
    )
    assert status == 0
    assert json.loads(lines[0])["answers"] == []
    status, lines = run_cli(capsys, "--db", sqlite_url, "ask", "who won the 2030 world cup?")
    assert "no stored claim" in "\n".join(lines).lower()


def test_a_bad_source_is_reported_and_the_rest_go_in(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"title": "Mayor opens bridge", "text": "The mayor said the bridge opens."})
        + "\nnot json\n"
        + json.dumps({"title": "No text"})
        + "\n"
    )
    status, lines = run_cli(
        capsys, "--db", sqlite_url, "ingest", "--json", str(jsonl), str(tmp_path / "missing.txt")
    )
    records = [json.loads(line) for line in lines]
    assert [r["status"] for r in records] == ["new", "error", "error", "error"]
    assert "not JSON" in records[1]["error"]
    assert "does not exist" in records[3]["error"]
    assert status == 1  # any source that failed makes the exit status 1


def test_ask_reads_questions_from_standard_input(sqlite_url: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "--db",
            sqlite_url,
            "ingest",
            str(FIXTURES / "valmora-fire.txt"),
        ],
        check=True,
        cwd=PROJECT,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--db", sqlite_url, "ask", "--json", "-"],
        input="who blamed the company?\nwho won the 2030 world cup?\n",
        check=True,
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == [
        "who blamed the company?",
        "who won the 2030 world cup?",
    ]
    assert answers[0]["answers"][0]["stance"] == "accuse"
    assert answers[1]["answers"] == []


def test_extract_prints_offsets_into_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "valmora-fire.txt"
    status, lines = run_cli(capsys, "extract", "--json", str(path))
    assert status == 0
    payload = json.loads(lines[0])
    text = path.read_text(encoding="utf-8")
    assert payload["file"] == str(path)
    for item in payload["attributions"]:
        for role in ("source", "cue", "content"):
            span = item[role]
            if span is not None and role != "content":
                assert text[span["start"] : span["end"]] == span["text"]
    stances = {item["stance"] for item in payload["attributions"]}
    assert {"deny", "accuse", "warn"} <= stances
