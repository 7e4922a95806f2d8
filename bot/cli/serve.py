"""``newsprov serve``: run the Telegram bot."""

from __future__ import annotations

import argparse

from bot.cli.output import EXIT_OK
from bot.errors import ConfigError
from bot.settings import Settings

HELP = "run the Telegram bot (needs TELEGRAM_BOT_TOKEN)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await serve(settings)


async def serve(settings: Settings) -> int:
    if not settings.telegram_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env.")
    from bot.telegram.app import run_bot

    await run_bot(settings)
    return EXIT_OK
