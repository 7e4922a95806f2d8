"""/who through the real PTB Application and the fake Bot API: a profile, its next claims
by a button, several speakers to choose from by button, none; and in the console."""

from __future__ import annotations

import io
from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import USER_ID
from who_articles import BUDGET_DEBATE, BUS_DRIVER, DEPOT_ROW, DEPOT_VOTE, UNION_WARNING, draft

from bot.console import run_console

HOSTILE = """<script>alert('x')</script> & <b>Varna</b> trams

Stefan Kolev, a city councillor, said the <new> trams & buses would run on time."""


async def store(service: Any, *articles: tuple[str, int]) -> None:
    for article, day in articles:
        await service.ingest_draft(draft(article, day))


async def test_who_shows_a_profile_and_pages_on_by_button(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    await store(newsprov, (DEPOT_VOTE, 1), (DEPOT_ROW, 2), (BUDGET_DEBATE, 3), (UNION_WARNING, 4))
    await store(newsprov, (HOSTILE, 6))
    bot_api.send("/who stefan kolev")
    reply = await bot_api.next_reply(USER_ID)
    text, markup = reply["text"], reply["html"]
    assert text.startswith("Stefan Kolev\nRoles: city councillor; councillor\n")
    assert "Also written: " in text and "Mr Kolev" in text
    assert "11 claims in 4 articles; the newest 5:" in text
    assert "\n5. " in text and "\n6. " not in text
    assert "the <new> trams & buses" in text  # the newest article's claim comes first
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;Varna&lt;/b&gt;" in markup
    assert "<script>" not in markup and "<new>" not in markup
    assert (
        "\nArticles\n" in text and "Varna budget debate runs late — 3 Nov 2026 (7 claims)" in text
    )

    more = bot_api.buttons(reply)
    assert [button["text"] for button in more] == ["More"]
    bot_api.press(reply, more[0]["callback_data"])
    edited = await bot_api.wait_until(lambda: bot_api.edits and bot_api.edits[-1])
    assert edited["message_id"] == reply["message_id"]
    assert edited["text"].startswith("Stefan Kolev: claims 6–10 of 11, newest first")
    assert "\n6. " in edited["text"] and "\n1. " not in edited["text"]
    bot_api.press(edited, bot_api.buttons(edited)[0]["callback_data"])
    last = await bot_api.wait_until(lambda: len(bot_api.edits) == 2 and bot_api.edits[-1])
    assert last["text"].startswith("Stefan Kolev: claims 11–11 of 11")
    assert not bot_api.buttons(last)  # nothing more
    assert not bot_api.refusals()

    bot_api.send("/who Petrva")
    petrova = await bot_api.next_reply(USER_ID)
    assert petrova["text"].startswith("Maria Petrova\n")
    assert "Mariia Petrova" in petrova["text"]  # the other article's spelling, one profile


async def test_who_offers_a_choice_and_says_when_there_is_none(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    await store(newsprov, (DEPOT_ROW, 2), (BUS_DRIVER, 5))
    bot_api.send("/who Kolev")
    reply = await bot_api.next_reply(USER_ID)
    assert reply["text"].startswith("Several speakers match “Kolev”:\n1. Stefan Kolev (#")
    assert "2. Ivan Kolev (#" in reply["text"] and "bus driver: 1 claim" in reply["text"]
    assert "Tap one" in reply["text"]
    buttons = bot_api.buttons(reply)
    assert len(buttons) == 2 and buttons[1]["text"].startswith("Ivan Kolev (#")
    bot_api.press(reply, buttons[1]["callback_data"])
    chosen = await bot_api.next_reply(USER_ID)
    assert chosen["text"].startswith("Ivan Kolev\nRoles: bus driver\n")
    assert "the night buses had been late all week" in chosen["text"]

    bot_api.send("/who <b>Gundula</b> & co")
    nobody = await bot_api.next_reply(USER_ID)
    assert nobody["text"] == (
        "I know no speaker called “<b>Gundula</b> & co”. Try the surname alone or another "
        "spelling, or tap /sources for the articles I have read."
    )
    assert "&lt;b&gt;Gundula&lt;/b&gt; &amp; co" in nobody["html"]
    bot_api.send("/who")
    assert "Whose claims?" in (await bot_api.next_reply(USER_ID))["text"]
    bot_api.press(reply, "who:0:987654")  # a speaker that is gone
    await bot_api.settle()
    assert not bot_api.refusals()


async def chat(service: Any, *lines: str) -> str:
    output = io.StringIO()
    await run_console(service, input=io.StringIO("\n".join(lines) + "\n"), output=output)
    return output.getvalue()


async def test_who_in_the_console_pages_with_more(newsprov: Any) -> None:
    await store(newsprov, (DEPOT_VOTE, 1), (DEPOT_ROW, 2), (BUDGET_DEBATE, 3), (BUS_DRIVER, 5))
    transcript = await chat(
        newsprov, "/who Stephan Kolew", "/more", "/more", "/who kolev", "/who #999999", "/who Zed"
    )
    assert "newsprov> Stefan Kolev\nRoles: city councillor; councillor\n" in transcript
    assert "(/more for more claims)" in transcript
    assert "Stefan Kolev: claims 6–10 of 10, newest first" in transcript
    assert "There are no more answers" in transcript
    assert "Several speakers match “kolev”:" in transcript
    assert "Type /who #N with the number after the name" in transcript
    assert "There is no speaker 999999." in transcript
    assert "or type /sources for the articles I have read." in transcript
    assert "<b>" not in transcript
