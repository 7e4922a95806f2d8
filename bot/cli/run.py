"""``newsprov run`` (also ``newsprov`` alone): the main job."""

from __future__ import annotations

import argparse

from bot.cli.chat import chat
from bot.cli.serve import serve
from bot.settings import Settings

HELP = "the bot when a token is set, otherwise the console"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


async def main(args: argparse.Namespace, settings: Settings) -> int:
    """The Telegram bot when there is a token, otherwise the console."""
    if settings.telegram_token:
        return await serve(settings)
    return await chat(settings)
