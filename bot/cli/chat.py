"""``newsprov chat``: talk to newsprov in this terminal."""

from __future__ import annotations

import argparse

from bot.cli.output import EXIT_OK
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "talk to newsprov in this terminal"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await chat(settings)


async def chat(settings: Settings) -> int:
    from bot.console import run_console
    from bot.conversation.web_links import WebLinks

    async with await Newsprov.open(settings) as service:
        await run_console(service, web=WebLinks.of(settings.public_url))
    return EXIT_OK
