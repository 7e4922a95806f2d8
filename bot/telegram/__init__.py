"""The Telegram front end."""

from bot.telegram.app import build_application, run_bot, serve

__all__ = ["build_application", "run_bot", "serve"]
