"""``newsprov stats``: what ``/stats`` shows on Telegram, how much is stored."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.cli.output import EXIT_OK, print_json
from bot.conversation.render import render_stats
from bot.conversation.style import PLAIN
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "how many articles, attributions, speakers and feeds are stored"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="the counts as JSON")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await stats(settings, as_json=args.json)


async def stats(settings: Settings, *, as_json: bool, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    async with await Newsprov.open(settings) as service:
        counts = await service.stats()
    if as_json:
        print_json(
            {
                "articles": counts.articles,
                "attributions": counts.attributions,
                "speakers": counts.speakers,
                "feeds": counts.feeds,
            },
            out=out,
        )
    else:
        out.write(render_stats(counts, PLAIN) + "\n")
    return EXIT_OK
