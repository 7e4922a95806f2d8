"""``newsprov who NAME``: what ``/who`` shows on Telegram, a speaker's profile across articles
(roles, other names, claims newest first, the articles), found by any spelling of the name."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.cli.output import EXIT_FAILED, EXIT_OK, print_json
from bot.conversation.profiles import render_who
from bot.conversation.style import PLAIN
from bot.services.newsprov import Newsprov
from bot.services.profiles import WhoResult
from bot.settings import Settings

HELP = "a speaker's roles, claims and articles, by name, surname, alias or a near spelling"
MAX_LIMIT = 1000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name", nargs="+", metavar="NAME", help="the speaker's name, or #ID as a list shows it"
    )
    parser.add_argument("--json", action="store_true", help="the profile (or choices) as JSON")
    parser.add_argument(
        "--limit", type=int, default=10, help="claims to show (default 10, at most 1000)"
    )
    parser.add_argument(
        "--offset", type=int, default=0, help="claims to skip, newest first (default 0)"
    )


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await who(
        settings, " ".join(args.name), limit=args.limit, offset=args.offset, as_json=args.json
    )


async def who(
    settings: Settings,
    name: str,
    *,
    limit: int = 10,
    offset: int = 0,
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, offset)
    async with await Newsprov.open(settings) as service:
        number = name.strip().removeprefix("#")
        if name.strip().startswith("#") and number.isascii() and number.isdigit():
            chosen = await service.speaker_profile(int(number), limit=limit, offset=offset)
            found = WhoResult(name=name, profile=chosen)
        else:
            found = await service.who(name, limit=limit, offset=offset)
    if as_json:
        print_json(found.as_json(), out=out)
    else:
        out.write(render_who(found, PLAIN, where="cli") + "\n")
        profile = found.profile
        if profile is not None and profile.has_more:
            after = profile.offset + len(profile.claims)
            out.write(f"(newsprov who --offset {after} '#{profile.speaker_id}' for more)\n")
    return EXIT_OK if found.profile or found.choices else EXIT_FAILED
