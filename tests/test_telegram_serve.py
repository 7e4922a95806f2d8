"""`newsprov serve` as a process: logs in through the configured API, answers, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from fake_bot_api import TOKEN, FakeBotApi
from telegram_harness import USER_ID


async def test_serve_answers_and_stops_cleanly_on_sigterm(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": bot_api.base_url,
        "NEWSPROV_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
    }
    log = (tmp_path / "serve.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--env-file",
        str(tmp_path / "no.env"),
        "serve",
        env=environment,
        cwd=Path(__file__).resolve().parents[1],
        stdout=log,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await bot_api.wait_until(
            lambda: any(method == "getUpdates" for method, _ in bot_api.calls), within=60
        )
        bot_api.send("/stats")
        reply = await bot_api.next_reply(USER_ID)
        assert reply["text"].startswith("Stored: 0 articles")
        process.send_signal(signal.SIGTERM)
        status = await asyncio.wait_for(process.wait(), 30)
        assert status == 0, (tmp_path / "serve.log").read_text()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        log.close()
