"""``newsprov sources``: what ``/sources`` shows on Telegram, the articles stored last."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.cli.output import EXIT_OK, print_json
from bot.conversation.render import render_recent
from bot.conversation.style import PLAIN
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "the articles stored last, newest first"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=10, help="how many (default 10)")
    parser.add_argument("--json", action="store_true", help="one JSON line per article")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await sources(settings, limit=args.limit, as_json=args.json)


async def sources(
    settings: Settings, *, limit: int, as_json: bool, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    async with await Newsprov.open(settings) as service:
        articles = await service.recent_articles(limit=max(1, min(limit, 1000)))
    if as_json:
        for article in articles:
            print_json(article.as_json(), out=out)
    else:
        out.write(render_recent(articles, PLAIN) + "\n")
    return EXIT_OK
