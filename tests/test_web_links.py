"""With NEWSPROV_PUBLIC_URL set, the bot's replies link to the web view's pages."""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fake_bot_api import FakeBotApi
from telegram_harness import KESSEL_POST, USER_ID, job_reply, start_bot, stop_bot

from bot.console import run_console
from bot.errors import ConfigError
from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin

PUBLIC = "https://news.example/prov"
QUESTION = "who denied the Kessel market strike?"


def test_the_public_url_is_read_from_the_environment() -> None:
    settings = Settings.from_mapping({"NEWSPROV_PUBLIC_URL": PUBLIC + "/"})
    assert settings.public_url == PUBLIC
    assert Settings.from_mapping({}).public_url is None
    with pytest.raises(ConfigError, match="NEWSPROV_PUBLIC_URL"):
        Settings.from_mapping({"NEWSPROV_PUBLIC_URL": "javascript:alert(1)"})


def hrefs(reply: dict[str, Any]) -> list[str]:
    return [html.unescape(url) for url in re.findall(r'<a href="([^"]*)">', reply["html"])]


async def test_telegram_replies_link_to_the_pages(
    bot_api: FakeBotApi, bot_settings: Settings, newsprov: Any
) -> None:
    settings = replace(bot_settings, public_url=PUBLIC)
    application, stop = await start_bot(bot_api, settings, newsprov)
    try:
        bot_api.send(KESSEL_POST)
        stored = await job_reply(bot_api)
        article_id = (await newsprov.recent_articles(limit=1))[0].id
        assert stored["text"].startswith("Stored")

        bot_api.send(QUESTION)
        answer = await bot_api.next_reply(USER_ID)
        assert "Open in the browser" in answer["text"]
        assert f'<a href="{PUBLIC}/articles/{article_id}">Open in the browser</a>' in answer["html"]
        asked = [url for url in hrefs(answer) if url.startswith(f"{PUBLIC}/ask?")]
        assert len(asked) == 1
        assert parse_qs(urlsplit(asked[0]).query) == {"q": [QUESTION]}

        bot_api.send(f"/article {article_id}")
        article = await bot_api.next_reply(USER_ID)
        assert f"{PUBLIC}/articles/{article_id}" in hrefs(article)

        bot_api.send("/sources")
        recent = await bot_api.next_reply(USER_ID)
        assert f"{PUBLIC}/articles/{article_id}" in hrefs(recent)

        bot_api.send("/who Mira Halden")
        speaker = await bot_api.next_reply(USER_ID)
        speaker_links = [url for url in hrefs(speaker) if url.startswith(f"{PUBLIC}/speakers/")]
        assert speaker_links, speaker["html"]
        view = await newsprov.speaker_view(int(speaker_links[0].rsplit("/", 1)[1]))
        assert view.name == "Mira Halden"
    finally:
        await stop_bot(application, stop)


async def test_without_a_public_url_replies_have_no_such_link(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.send(KESSEL_POST)
    await job_reply(bot_api)
    bot_api.send(QUESTION)
    answer = await bot_api.next_reply(USER_ID)
    assert "denied" in answer["text"]
    assert "Open in the browser" not in answer["text"]


async def test_the_console_writes_the_links_out(newsprov: Any) -> None:
    from bot.conversation.web_links import WebLinks

    title, text = KESSEL_POST.split("\n\n", 1)
    draft = ArticleDraft(title=title, text=text, origin=Origin.TEXT)
    article_id = (await newsprov.ingest_draft(draft)).article_id
    output = io.StringIO()
    await run_console(
        newsprov, input=io.StringIO(f"{QUESTION}\n"), output=output, web=WebLinks.of(PUBLIC)
    )
    text = output.getvalue()
    assert f"Open in the browser <{PUBLIC}/articles/{article_id}>" in text
    assert f"<{PUBLIC}/ask?q=who+denied+the+Kessel+market+strike%3F>" in text
