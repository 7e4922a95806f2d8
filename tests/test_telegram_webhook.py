"""Webhook mode: updates arrive over HTTP with Telegram's secret token, answers go to the API."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
from fake_bot_api import FakeBotApi
from telegram_harness import USER_ID, start_bot, stop_bot, with_settings

from bot.settings import Settings

SECRET = "a-secret-only-telegram-and-the-bot-know"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode_registers_its_secret_and_refuses_updates_without_it(
    bot_api: FakeBotApi, bot_settings: Settings, newsprov: Any
) -> None:
    port = free_port()
    settings = with_settings(
        bot_settings,
        webhook_url="https://bot.example/telegram/hook",
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    application, stop = await start_bot(bot_api, settings, newsprov)
    try:
        assert bot_api.webhook is not None
        assert bot_api.webhook["url"] == "https://bot.example/telegram/hook"
        assert bot_api.webhook["secret_token"] == SECRET
        assert not any(method == "getUpdates" for method, _ in bot_api.calls)

        message = bot_api.message("/stats")
        update = json.dumps({"update_id": 1, "message": message})
        hook = f"http://127.0.0.1:{port}/telegram/hook"
        headers = {"Content-Type": "application/json"}
        async with httpx.AsyncClient() as client:
            refused = await client.post(hook, content=update, headers=headers)
            assert refused.status_code == 403
            secret = {**headers, "X-Telegram-Bot-Api-Secret-Token": SECRET}
            accepted = await client.post(hook, content=update, headers=secret)
            assert accepted.status_code == 200
        reply = await bot_api.next_reply(USER_ID)
        assert reply["text"].startswith("Stored: 0 articles")
        assert len(bot_api.unread(USER_ID)) == 0
    finally:
        await stop_bot(application, stop)
