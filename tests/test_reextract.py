"""Re-extraction: stored articles read again by the current extractor, ids and speakers kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, update

from bot.services.newsprov import Newsprov
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text
from store.models import Attribution

PROJECT = Path(__file__).resolve().parents[1]
ARTICLE = """Ferry operator denies cutting safety checks
The Skerry Line ferry company denied on Tuesday that it had cut safety checks to save money.
"Every crossing is inspected, as the law requires," said Ines Maral, the company's director.
The harbour authority accused the company of ignoring two warnings last winter.
"""


async def _claims(service: Newsprov) -> list[tuple[int, str | None, int | None, str]]:
    async with service.sessions() as session:
        rows = await session.execute(
            select(
                Attribution.article_id,
                Attribution.speaker_name,
                Attribution.speaker_id,
                Attribution.stance,
            ).order_by(Attribution.article_id, Attribution.ordinal)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def test_reextract_replaces_stale_attributions_keeping_ids(service: Newsprov) -> None:
    stored = await service.ingest_draft(draft_from_plain_text(ARTICLE, origin=Origin.TEXT))
    fresh = await _claims(service)
    assert fresh and {row[0] for row in fresh} == {stored.article_id}
    # What an older extractor might have left: every claim a plain "say", one of them gone.
    async with service.sessions.begin() as session:
        await session.execute(update(Attribution).values(stance="say"))
        first = await session.scalar(select(Attribution.id).order_by(Attribution.id).limit(1))
        await session.execute(Attribution.__table__.delete().where(Attribution.id == first))
    assert await _claims(service) != fresh

    seen: list[tuple[int, int]] = []
    report = await service.reextract(progress=lambda done, total: seen.append((done, total)))

    assert (report.articles, report.before, report.after) == (1, len(fresh) - 1, len(fresh))
    assert seen == [(1, 1)]
    assert await _claims(service) == fresh  # same article id, same speakers, stances back
    answer = await service.ask("Who denied cutting safety checks?")
    assert answer.answers and "Skerry" in (answer.answers[0].speaker or "")


def test_reextract_command_reports_counts(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'newsprov.db'}"
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    def newsprov(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "--db", database, *args],
            capture_output=True,
            text=True,
            cwd=PROJECT,
            timeout=300,
            check=False,
        )

    assert newsprov("ingest", str(article)).returncode == 0
    done = newsprov("reextract", "--all", "--json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert counts["articles"] == 1
    assert counts["before"] == counts["after"] > 0
    plain = newsprov("reextract", "--all")
    assert "1 article read again" in plain.stdout
    # By default only what an older extractor read: nothing here; version 0 is older.
    assert "0 articles read again" in newsprov("reextract").stdout
    from bot.extract.version import EXTRACTOR_VERSION

    current, newer = str(EXTRACTOR_VERSION), str(EXTRACTOR_VERSION + 1)
    assert "0 articles read again" in newsprov("reextract", "--older-than", current).stdout
    assert "1 article read again" in newsprov("reextract", "--older-than", newer).stdout


async def test_every_attribution_records_the_extractor_version(service: Newsprov) -> None:
    from bot.extract.version import EXTRACTOR_VERSION
    from store.models import Article

    stored = await service.ingest_draft(draft_from_plain_text(ARTICLE, origin=Origin.TEXT))
    async with service.sessions() as session:
        versions = set(await session.scalars(select(Attribution.extractor_version)))
        article = await session.get(Article, stored.article_id)
        assert article is not None and article.extractor_version == EXTRACTOR_VERSION
    assert versions == {EXTRACTOR_VERSION}
    assert await service.reextract_ids(older_than=EXTRACTOR_VERSION) == []
    # What an extractor before versions were recorded left (as migration 0012 marks it):
    async with service.sessions.begin() as session:
        await session.execute(update(Article).values(extractor_version=0))
        await session.execute(update(Attribution).values(extractor_version=0))
    assert await service.reextract_ids(older_than=EXTRACTOR_VERSION) == [stored.article_id]
    await service.reextract_article(stored.article_id)
    async with service.sessions() as session:
        assert set(await session.scalars(select(Attribution.extractor_version))) == {
            EXTRACTOR_VERSION
        }
    assert await service.reextract_ids(older_than=EXTRACTOR_VERSION) == []
