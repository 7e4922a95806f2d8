"""The ``newsprov`` command line: one module per subcommand, dispatched by ``COMMANDS``.

Each subcommand module has ``HELP`` (its line in ``newsprov --help``), ``add_arguments`` and
``main``, a thin wrapper over the services; domain errors become one line on stderr here.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Mapping, Sequence
from typing import Protocol

from bot.cli import (
    article,
    ask,
    chat,
    db,
    delete,
    export,
    extract,
    feeds,
    ingest,
    jobs,
    provenance,
    reextract,
    run,
    serve,
    sources,
    stats,
    web,
    who,
    worker,
)
from bot.cli.logs import RedactSecrets, configure_logging
from bot.cli.output import EXIT_FAILED
from bot.errors import USER_ERRORS
from bot.process import tune_garbage_collector
from bot.settings import Settings

__all__ = ["COMMANDS", "RedactSecrets", "build_parser", "main"]


class Subcommand(Protocol):
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    async def main(self, args: argparse.Namespace, settings: Settings) -> int: ...


COMMANDS: Mapping[str, Subcommand] = {
    "run": run,
    "chat": chat,
    "serve": serve,
    "web": web,
    "ingest": ingest,
    "extract": extract,
    "ask": ask,
    "article": article,
    "sources": sources,
    "stats": stats,
    "who": who,
    "provenance": provenance,
    "reextract": reextract,
    "feeds": feeds,
    "worker": worker,
    "jobs": jobs,
    "export": export,
    "delete": delete,
    "db": db,
}
DEFAULT_COMMAND = "run"


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
    for name, command in COMMANDS.items():
        command.add_arguments(commands.add_parser(name, help=command.HELP))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args.command = DEFAULT_COMMAND
    tune_garbage_collector()
    secrets: tuple[str, ...] = ()
    try:
        settings = Settings.load(env_file=args.env_file).with_database(args.db)
        secrets = settings.secrets()
        configure_logging(settings.log_level, secrets=secrets)
        return asyncio.run(COMMANDS[args.command].main(args, settings))
    except USER_ERRORS as error:
        print(f"newsprov: {RedactSecrets(secrets).redact(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
