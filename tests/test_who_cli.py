"""``newsprov who`` as a real process, on SQLite and PostgreSQL: a profile as text and JSON,
paged with --limit/--offset, several speakers to choose from, a speaker by #ID, none."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cli_process import cli_command, cli_environment
from who_articles import BUDGET_DEBATE, BUS_DRIVER, DEPOT_ROW, DEPOT_VOTE, UNION_WARNING


def newsprov(folder: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(folder, "--db", database_url, *args),
        cwd=folder,
        env=cli_environment(),
        input="",
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_who_on_the_command_line(tmp_path: Path, database_url: str) -> None:
    batch = tmp_path / "varna.jsonl"
    articles = [DEPOT_VOTE, DEPOT_ROW, BUDGET_DEBATE, UNION_WARNING, BUS_DRIVER]
    with batch.open("w", encoding="utf-8") as out:
        for day, article in enumerate(articles, start=1):
            title, text = article.split("\n\n", 1)
            row = {"title": title, "text": text, "published": f"2026-11-0{day}T09:00:00+00:00"}
            out.write(json.dumps(row) + "\n")
    ingested = newsprov(tmp_path, database_url, "ingest", str(batch))
    assert ingested.returncode == 0, ingested.stderr

    indexed = newsprov(tmp_path, database_url, "db", "profiles")
    assert indexed.returncode == 0, indexed.stderr
    assert indexed.stdout == "Worked out the profiles of 0 speakers stored before them.\n"

    shown = newsprov(tmp_path, database_url, "who", "--limit", "3", "Stefan", "Kolev")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Stefan Kolev\nRoles: city councillor; councillor\n")
    assert "10 claims in 3 articles; the newest 3:" in shown.stdout
    speaker_id = int(shown.stdout.rsplit("'#", 1)[1].split("'", 1)[0])
    assert f"(newsprov who --offset 3 '#{speaker_id}' for more)" in shown.stdout

    paged = newsprov(
        tmp_path, database_url, "who", "--json", "--limit", "4", "--offset", "8", f"#{speaker_id}"
    )
    assert paged.returncode == 0, paged.stderr
    profile = json.loads(paged.stdout)["profile"]
    assert profile["name"] == "Stefan Kolev" and profile["offset"] == 8
    assert len(profile["claims"]) == 2 and profile["total_claims"] == 10  # the oldest two
    assert [c["article"]["published"][:10] for c in profile["claims"]] == [
        "2026-11-02",
        "2026-11-01",
    ]
    assert "Mr Kolev" in profile["aliases"]
    # "Mr Kolev said" and "Kolev said" are the city councillor their article names
    # ("Mr" is no role): 2 claims in the second article, 7 in the third
    assert {"role": "city councillor", "mentions": 9} in profile["roles"]
    assert [a["claims"] for a in profile["articles"]] == [7, 2, 1]

    petrova = json.loads(newsprov(tmp_path, database_url, "who", "--json", "petrova").stdout)
    assert petrova["profile"]["name"] == "Maria Petrova" and not petrova["choices"]
    assert petrova["profile"]["total_claims"] == 3  # "Mariia Petrova" too

    several = newsprov(tmp_path, database_url, "who", "--json", "KOLEV")
    choices = json.loads(several.stdout)["choices"]
    assert several.returncode == 0 and json.loads(several.stdout)["profile"] is None
    assert [c["name"] for c in choices] == ["Stefan Kolev", "Ivan Kolev"]
    assert choices[0]["id"] == speaker_id and choices[1]["roles"] == ["bus driver"]

    nobody = newsprov(tmp_path, database_url, "who", "Gundula", "Oksanen")
    assert nobody.returncode == 1
    assert nobody.stdout == (
        "I know no speaker called “Gundula Oksanen”. Try the surname alone or another "
        "spelling, or run newsprov sources for the articles stored.\n"
    )
    gone = newsprov(tmp_path, database_url, "who", "#987654")
    assert gone.returncode == 1 and "There is no speaker 987654." in gone.stderr
