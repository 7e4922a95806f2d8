"""The bot token, the webhook secret and the database password are never shown."""

from __future__ import annotations

import asyncio
import io
import logging
import subprocess
from pathlib import Path

import pytest
from cli_process import cli_command, cli_environment
from fake_bot_api import FakeBotApi

from bot.cli import RedactSecrets, main
from bot.settings import Settings

TOKEN = "987654:never-show-this-token"
PASSWORD = "never-show-this-password"


def secret_settings() -> Settings:
    return Settings.from_mapping(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "NEWSPROV_WEBHOOK_SECRET": "never-show-this-webhook-secret",
            "NEWSPROV_DATABASE_URL": f"postgresql://newsprov:{PASSWORD}@db.example/newsprov",
        }
    )


def test_repr_and_str_hide_the_secrets() -> None:
    settings = secret_settings()
    for shown in (repr(settings), str(settings), f"{settings}", f"{[settings]}"):
        assert "never-show" not in shown
        assert "postgresql://newsprov:***@db.example/newsprov" in shown
        assert "telegram_token='***'" in shown
    assert settings.telegram_token == TOKEN  # the value itself is still there to use
    assert "telegram_token=None" in repr(Settings())


def test_log_records_and_tracebacks_hide_the_secrets() -> None:
    settings = secret_settings()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets(settings.secrets()))
    log = logging.getLogger("newsprov-secrets-test")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("calling https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"could not log in with {PASSWORD}")
        except RuntimeError:
            log.exception("connecting failed")
    finally:
        log.removeHandler(handler)
    written = stream.getvalue()
    assert "never-show" not in written
    assert "bot***/getMe" in written
    assert "RuntimeError: could not log in with ***" in written


async def test_serve_with_a_rejected_token_says_so_without_the_token(tmp_path: Path) -> None:
    api = FakeBotApi()  # it answers 401 to any token but its own
    await api.start()
    try:
        environment = cli_environment(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE=api.base_url,
            NEWSPROV_DATABASE_URL=f"sqlite:///{tmp_path / 'newsprov.db'}",
            NEWSPROV_LOG_LEVEL="DEBUG",
        )
        process = await asyncio.create_subprocess_exec(
            *cli_command(tmp_path, "serve"),
            cwd=tmp_path, env=environment,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    finally:
        await api.stop()
    text = out.decode() + err.decode()
    assert process.returncode == 1, text
    assert "never-show" not in text
    assert "Traceback" not in text
    assert err.decode().splitlines()[-1] == (
        "newsprov: Telegram rejected TELEGRAM_BOT_TOKEN: copy the token again from @BotFather."
    )


def test_db_upgrade_prints_the_url_without_its_password(postgres_url: str, tmp_path: Path) -> None:
    with_password = postgres_url.replace("postgres@", f"postgres:{PASSWORD}@", 1)
    assert PASSWORD in with_password  # the server trusts local logins: any password will do
    result = subprocess.run(
        cli_command(tmp_path, "--db", with_password, "db", "upgrade"),
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=cli_environment(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "never-show" not in result.stdout + result.stderr
    assert "postgres:***@" in result.stdout


def test_a_malformed_database_url_is_reported_without_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"postgresql://newsprov:{PASSWORD}@db.example:not-a-port/newsprov"
    assert main(["--env-file", "no-such.env", "--db", url, "ask", "who?"]) == 1
    err = capsys.readouterr().err
    assert "never-show" not in err
    assert err.startswith("newsprov: 'postgresql://newsprov:***@db.example:not-a-port/newsprov'")
