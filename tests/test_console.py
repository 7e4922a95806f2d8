"""The console over a real service and SQLite file: questions, pastes, paging, commands."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram_harness import KESSEL_POST

from bot.console import run_console
from bot.settings import Settings


@pytest.fixture
async def service(tmp_path: Path, extractor: Any) -> AsyncIterator[Any]:
    from bot.services.newsprov import Newsprov

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'newsprov.db'}", semantic="off")
    async with await Newsprov.open(settings, extractor=extractor) as opened:
        yield opened


async def chat(service: Any, *lines: str) -> str:
    output = io.StringIO()
    await run_console(service, input=io.StringIO("\n".join(lines) + "\n"), output=output)
    return output.getvalue()


async def test_paste_then_ask_in_plain_text(service: Any) -> None:
    transcript = await chat(
        service, "/paste", *KESSEL_POST.splitlines(), ".", "who denied the Kessel market strike?"
    )
    assert "Stored Drone strike hits the Kessel market as article 1." in transcript
    assert "I used the title “Drone strike hits the Kessel market”." in transcript
    assert "Q: who denied the Kessel market strike?" in transcript
    assert "defence ministry" in transcript.lower()
    assert "<b>" not in transcript and "&amp;" not in transcript


async def test_more_pages_on_from_the_last_question(service: Any) -> None:
    article = "\n\n".join(
        ["Statements on the Orrin dam"]
        + [f"Minister number {n} denied that the Orrin dam leaked in week {n}." for n in range(7)]
    )
    transcript = await chat(
        service,
        "/paste",
        article,
        ".",
        "who denied that the Orrin dam leaked?",
        "/more",
        "/more",
        "/more",
    )
    assert "(/more for more answers)" in transcript
    assert "\n4. " in transcript and "\n7. " in transcript
    assert "There are no more answers" in transcript


async def test_commands_and_failures_are_plain_sentences(service: Any) -> None:
    transcript = await chat(
        service,
        "/help",
        "/stats",
        "/article 99",
        "/who Nobody Known",
        "/frobnicate",
        "/quit",
        "/stats",
    )
    assert "/paste" in transcript and "/quit" in transcript and "/start" not in transcript
    assert transcript.count("Stored: 0 articles") == 1  # nothing is read after /quit
    assert "There is no article 99." in transcript
    assert "Nobody Known" in transcript
    assert "I don't know /frobnicate" in transcript


async def test_a_pasted_text_without_paste_command_is_read_as_an_article(service: Any) -> None:
    one_line = " ".join(line for line in KESSEL_POST.splitlines()[2:] if line)
    one_line += " Traders said the stalls had been rebuilt twice since the spring."
    assert len(one_line) > 280
    transcript = await chat(service, one_line, "/sources")
    assert "I used the title “The defence ministry denied that its drones struck" in transcript
    assert "Recent articles" in transcript


async def test_a_link_that_cannot_be_read_is_explained_in_one_sentence(service: Any) -> None:
    transcript = await chat(service, "http://127.0.0.1:9/nothing-listens-here")
    line = next(text for text in transcript.splitlines() if "127.0.0.1:9" in text)
    assert line.startswith("newsprov> http://127.0.0.1:9/nothing-listens-here")
    assert len(line) > len("newsprov> http://127.0.0.1:9/nothing-listens-here: ")
