"""Every ingest source is isolated: what one hostile source holds is refused or fitted, and
the rest still go in, on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.cli.ingest import ingest_sources
from bot.settings import Settings
from store.db import create_engine, session_factory
from store.models import Article

BODY = (
    "The harbour master denied that the ferry had left without its safety checks. "
    "The crew's union accused the operator of cutting corners to keep the timetable. "
)


def line(**record: Any) -> str:
    return json.dumps(record)


def nested(depth: int) -> str:
    return '{"title": "Deep", "text": ' + "[" * depth + "]" * depth + "}"


async def stored_articles(database_url: str) -> list[Article]:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            return list((await session.scalars(select(Article).order_by(Article.id))).all())
    finally:
        await engine.dispose()


async def test_hostile_jsonl_lines_are_refused_or_fitted_and_the_rest_go_in(
    settings: Settings, tmp_path: Path
) -> None:
    settings = replace(settings, max_article_chars=3_000)
    batch = tmp_path / "batch.jsonl"
    lines = [
        line(title="Ferry checks", text=BODY),
        line(title="Nul\x00 title", text="The mayor\x00 said the pier would reopen. " + BODY),
        nested(200_000),
        line(title=["a", "b"], text=BODY),
        line(title="Object outlet", text=BODY, outlet={"x": 1}),
        line(title="Number text", text=12345),
        line(
            title="Long fields " + "t" * 2_000,
            text="The coastguard said the channel was clear. " + BODY,
            author="A" * 400,
            outlet="O" * 400,
            url="https://news.example/" + "p" * 3_000,
        ),
        line(title="Very long", text=(BODY + "\n\n") * 200),
        '{"title": "Digits", "text": ' + "9" * 5_000 + "}",
        line(title="Last one", text="The council confirmed the new ferry route. " + BODY),
    ]
    batch.write_text("\n".join(lines), encoding="utf-8")
    out = io.StringIO()

    status = await ingest_sources(settings, [str(batch)], as_json=True, out=out)

    reports = [json.loads(text) for text in out.getvalue().splitlines()]
    assert status == 1  # some lines failed: the exit status says so, the rest went in
    assert [r["status"] for r in reports] == [
        "new", "new", "error", "error", "error", "error", "new", "new", "error", "new",
    ]  # fmt: skip
    errors = [r["error"] for r in reports if r["status"] == "error"]
    assert errors == [
        "Line 3 is nested too deeply to read.",
        "The field 'title' must be text, not a list.",
        "The field 'outlet' must be text, not an object.",
        "The field 'text' must be text, not a number.",
        errors[4],
    ]
    assert errors[4].startswith("Line 9 cannot be read: Exceeds the limit")
    assert "first 2," in reports[7]["note"] and "characters" in reports[7]["note"]

    articles = await stored_articles(settings.database_url)
    assert [a.title for a in articles][:2] == ["Ferry checks", "Nul title"]
    assert all("\x00" not in a.text and "\x00" not in a.title for a in articles)
    assert articles[1].text.startswith("The mayor said the pier would reopen.")
    fitted = articles[2]
    assert len(fitted.title) == 500 and fitted.title.endswith("…")
    assert fitted.author is not None and len(fitted.author) == 300
    assert fitted.outlet is not None and len(fitted.outlet) == 300
    assert fitted.url is None  # a URL cut short would be another URL
    assert len(articles[3].text) <= 3_000
    assert articles[-1].title == "Last one"
