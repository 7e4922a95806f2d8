"""The ``newsprov`` command line: thin wrappers that turn domain errors into messages."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.errors import USER_ERRORS
from bot.ingest.feeds_cli import add_feeds_parser, run_feeds_command
from bot.jobs_cli import COMMANDS as JOB_COMMANDS
from bot.jobs_cli import add_jobs_parsers, enqueue_sources, run_jobs_command
from bot.process import tune_garbage_collector
from bot.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsprov",
        description="Answers news-provenance questions from the attributions in stored articles.",
    )
    parser.add_argument(
        "--db", metavar="URL", help="database URL (overrides NEWSPROV_DATABASE_URL)"
    )
    parser.add_argument("--env-file", default=".env", help="settings file (default: .env)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("run", help="the bot when a token is set, otherwise the console")
    commands.add_parser("chat", help="talk to newsprov in this terminal")
    commands.add_parser("serve", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")

    ingest = commands.add_parser("ingest", help="store articles and their attributions")
    ingest.add_argument(
        "sources", nargs="+", metavar="SOURCE", help=".txt .html .jsonl .csv or URL"
    )
    ingest.add_argument("--json", action="store_true", help="one JSON line per article")

    extract = commands.add_parser("extract", help="print the attributions found in files")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--json", action="store_true", help="one JSON line per file")

    ask = commands.add_parser("ask", help="answer a question ('-' reads one per line)")
    ask.add_argument("question", nargs="+", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--limit", type=int, default=3, help="answers to show (default 3)")

    ingest.add_argument(
        "--enqueue", action="store_true", help="queue them for the workers and return (PostgreSQL)"
    )

    add_jobs_parsers(commands)
    add_feeds_parser(commands)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="bring the schema to the newest migration")
    db_commands.add_parser("embed", help="embed stored attributions that have no vector yet")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "run"
    tune_garbage_collector()
    secrets: tuple[str, ...] = ()
    try:
        settings = Settings.load(env_file=args.env_file).with_database(args.db)
        secrets = settings.secrets()
        configure_logging(settings.log_level, secrets=secrets)
        return asyncio.run(dispatch(args, settings))
    except USER_ERRORS as error:
        print(f"newsprov: {RedactSecrets(secrets).redact(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED


async def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from bot import commands

    if args.command == "extract":
        return await commands.extract_files([Path(f) for f in args.files], as_json=args.json)
    if args.command == "db" and args.db_command == "embed":
        return await commands.embed_missing(settings)
    if args.command == "db":
        return await commands.upgrade_database(settings)
    if args.command == "ingest" and args.enqueue:
        return await enqueue_sources(settings, args.sources, out=sys.stdout)
    if args.command == "ingest":
        return await commands.ingest_sources(settings, args.sources, as_json=args.json)
    if args.command in JOB_COMMANDS:
        return await run_jobs_command(args, settings)
    if args.command == "ask":
        return await commands.ask_questions(
            settings, " ".join(args.question), as_json=args.json, limit=args.limit
        )
    if args.command == "feeds":
        return await run_feeds_command(args, settings)
    if args.command == "chat":
        return await commands.chat(settings)
    if args.command == "serve":
        return await commands.serve(settings)
    return await commands.run(settings)


def configure_logging(level: str, *, secrets: Sequence[str] = ()) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    # Their INFO lines (every migration check, every HTTP request) drown what newsprov says.
    for chatty in ("alembic", "httpx", "httpcore", "apscheduler"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.getLevelName(level)))


class RedactSecrets(logging.Filter):
    """Writes ``***`` for the bot token and the database password in every record a handler
    emits: PTB, httpx and SQLAlchemy messages and tracebacks may carry them."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def print_json(payload: dict[str, Any], *, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
    out.flush()


if __name__ == "__main__":
    raise SystemExit(main())
