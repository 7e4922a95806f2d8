"""``newsprov article ID|URL``: what ``/article`` shows on Telegram, the claims of one article."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.cli.output import EXIT_OK, print_json
from bot.conversation.render import render_article_claims
from bot.conversation.style import PLAIN
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "the claims stored from one article, by its id or its link"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ID|URL", help="the article's id, or its link")
    parser.add_argument("--json", action="store_true", help="the article and claims as JSON")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await show_article(settings, args.article, as_json=args.json)


async def show_article(
    settings: Settings, which: str, *, as_json: bool, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    async with await Newsprov.open(settings) as service:
        article_id = (
            int(which)
            if which.isascii() and which.isdigit() and len(which) <= 18
            else await service.article_id_by_url(which)
        )
        article, claims = await service.article_claims(article_id)
    if as_json:
        print_json({**article.as_json(), "claims": [c.as_json() for c in claims]}, out=out)
    else:
        out.write(render_article_claims(article, claims, PLAIN) + "\n")
    return EXIT_OK
