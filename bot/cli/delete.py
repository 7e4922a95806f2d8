"""``newsprov delete ARTICLE_ID``: remove an article and everything that refers to it."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.cli.output import EXIT_OK, print_json
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "remove an article with its attributions, search rows, vectors and reuse links"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id", type=int, metavar="ARTICLE_ID", help="as sources shows it")
    parser.add_argument("--json", action="store_true", help="what was removed, as JSON")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await delete(settings, args.article_id, as_json=args.json)


async def delete(
    settings: Settings, article_id: int, *, as_json: bool, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    async with await Newsprov.open(settings) as service:
        removed = await service.delete_article(article_id)
    if as_json:
        print_json(
            {
                "article_id": removed.article_id,
                "title": removed.title,
                "attributions": removed.attributions,
                "watch_notices": removed.watch_notices,
                "reuse_links": removed.reuse_links,
                "speakers": removed.speakers,
            },
            out=out,
        )
    else:
        from bot.conversation.reports import render_removed
        from bot.conversation.style import PLAIN

        out.write(render_removed(removed, PLAIN) + "\n")
    return EXIT_OK
