"""What each ``newsprov`` command does, over the Newsprov service."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.answer.model import AnswerSet
from bot.cli import EXIT_FAILED, EXIT_OK, print_json
from bot.errors import ConfigError, SourceError
from bot.ingest.files import Loaded, load_file
from bot.service import IngestOutcome, Newsprov
from bot.settings import Settings
from store.db import upgrade_to_head
from store.errors import redacted_url


async def upgrade_database(settings: Settings) -> int:
    await upgrade_to_head(settings.database_url)
    print(f"The database is at the newest schema: {redacted_url(settings.database_url)}")
    return EXIT_OK


async def embed_missing(settings: Settings) -> int:
    if not settings.semantic:
        print("Embeddings are turned off (NEWSPROV_SEMANTIC=false): nothing to do.")
        return EXIT_OK
    async with await Newsprov.open(settings) as service:
        embedded = await service.embed_missing()
    print(f"Embedded {embedded} attributions that had no vector.")
    return EXIT_OK


async def extract_files(files: list[Path], *, as_json: bool, out: TextIO | None = None) -> int:
    from bot.extract.pipeline import load_extractor
    from bot.ingest.files import read_text_file

    out = out or sys.stdout
    extractor = load_extractor()
    status = EXIT_OK
    for path in files:
        try:
            found = extractor.extract(read_text_file(path))
        except SourceError as error:
            print(f"newsprov: {path}: {error}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        if as_json:
            print_json({"file": str(path), "attributions": [a.as_json() for a in found]}, out=out)
            continue
        out.write(f"{path}: {len(found)} attributions\n")
        for item in found:
            who = item.speaker or (item.source.text if item.source else "(no source)")
            quoted = " (quote)" if item.quote else ""
            via = f" via {item.via}" if item.via else ""
            out.write(f"  {who} [{item.stance}{quoted}{via}]: {item.content_text}\n")
    return status


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _loaded_sources(sources: list[str]) -> Iterator[Loaded | str]:
    for source in sources:
        if _is_url(source):
            yield source
        else:
            yield from load_file(Path(source))


async def ingest_sources(
    settings: Settings, sources: list[str], *, as_json: bool, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    counts = {"new": 0, "duplicate": 0, "error": 0}
    show_progress = sys.stderr.isatty() and not as_json
    async with await Newsprov.open(settings) as service:
        for number, item in enumerate(_loaded_sources(sources), start=1):
            label = item if isinstance(item, str) else item.label
            try:
                outcome = await _ingest_one(service, item)
            except SourceError as error:
                counts["error"] += 1
                _report_error(label, error, as_json=as_json, out=out)
                continue
            counts[outcome.status] += 1
            _report_outcome(outcome, as_json=as_json, out=out)
            if show_progress:
                print(f"\r{number} read, {counts['new']} new…", end="", file=sys.stderr)
    if show_progress:
        print(file=sys.stderr)
    if not as_json:
        out.write(
            f"{counts['new']} new, {counts['duplicate']} already stored, "
            f"{counts['error']} could not be read.\n"
        )
    return (
        EXIT_FAILED if counts["error"] and not (counts["new"] or counts["duplicate"]) else EXIT_OK
    )


async def _ingest_one(service: Newsprov, item: Loaded | str) -> IngestOutcome:
    if isinstance(item, str):
        return await service.ingest_url(item)
    if item.error is not None:
        raise item.error
    assert item.draft is not None
    return await service.ingest_draft(item.draft)


def _report_outcome(outcome: IngestOutcome, *, as_json: bool, out: TextIO) -> None:
    if as_json:
        print_json(
            {
                "article_id": outcome.article_id,
                "title": outcome.title,
                "status": outcome.status,
                "attributions": len(outcome.attributions),
                "note": outcome.note,
            },
            out=out,
        )
    elif outcome.status == "duplicate":
        out.write(f"already stored: [{outcome.article_id}] {outcome.title}\n")
    else:
        out.write(
            f"stored: [{outcome.article_id}] {outcome.title} "
            f"({len(outcome.attributions)} attributions)"
            + (f" {outcome.note}" if outcome.note else "")
            + "\n"
        )


def _report_error(label: str, error: SourceError, *, as_json: bool, out: TextIO) -> None:
    if as_json:
        print_json(
            {
                "article_id": None,
                "title": None,
                "status": "error",
                "attributions": 0,
                "source": label,
                "error": str(error),
            },
            out=out,
        )
    else:
        out.write(f"could not read {label}: {error}\n")


async def ask_questions(
    settings: Settings, question: str, *, as_json: bool, limit: int, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    questions = (
        [line.strip() for line in sys.stdin if line.strip()] if question == "-" else [question]
    )
    async with await Newsprov.open(settings) as service:
        for text in questions:
            answer_set = await service.ask(text, limit=limit)
            if as_json:
                print_json(answer_set.as_json(), out=out)
            else:
                out.write(render_plain(answer_set) + "\n")
    return EXIT_OK


def render_plain(answer_set: AnswerSet) -> str:
    from bot.conversation.render import render_answer_set
    from bot.conversation.style import PLAIN

    return render_answer_set(answer_set, PLAIN)


async def chat(settings: Settings) -> int:
    from bot.console import run_console

    async with await Newsprov.open(settings) as service:
        await run_console(service)
    return EXIT_OK


async def serve(settings: Settings) -> int:
    if not settings.telegram_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env.")
    from bot.telegram.app import run_bot

    await run_bot(settings)
    return EXIT_OK


async def run(settings: Settings) -> int:
    """The main job: the Telegram bot when there is a token, otherwise the console."""
    if settings.telegram_token:
        return await serve(settings)
    return await chat(settings)
