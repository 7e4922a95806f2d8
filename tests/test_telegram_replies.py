"""The replies a new user meets, through the real Application and the fake Bot API: the
greeting, tappable help, answers grouped by article, accusations, no answer, a refused
private address, a forwarded post's date, another language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import USER_ID, outcome_reply, start_bot, stop_bot, with_settings

from bot.conversation import PLAIN
from bot.conversation.render import render_answer_set
from bot.settings import Settings

POSTED = int(datetime(2026, 3, 6, 9, 30, tzinfo=UTC).timestamp())
HARBOUR_POST = """Harbour fire at Varna Point

Port director Elena Brask said the fire at Varna Point started in a fuel store.

Union leader Petar Lom accused the port authority of ignoring the fuel store's alarms.

The city council blamed the shipping firm Mareld for the delay in calling the fire brigade.

Elena Brask said the berths would reopen on Monday."""
DATED_POST = """Varna Point berths reopen

Published 2 March 2026

Port director Elena Brask said the berths at Varna Point had reopened after the fire."""


async def ask(bot_api: FakeBotApi, text: str) -> dict[str, Any]:
    bot_api.send(text)
    return await bot_api.next_reply(USER_ID)


def forward(bot_api: FakeBotApi, text: str, *, post_id: int) -> None:
    bot_api.forward_channel_post(
        text,
        channel_title="Varna Port News",
        channel_username="varnaport",
        post_id=post_id,
        posted=POSTED,
    )


async def test_start_greets_in_two_sentences_with_an_example_and_help_can_be_tapped(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    start = await ask(bot_api, "/start")
    first = start["text"].split("\n\n")[0]
    assert first.startswith("Hello! I answer questions about who said, denied or claimed what")
    assert first.count(". ") + first.endswith(".") == 2  # two sentences
    assert "Try asking: Who denied the strike on the market?" in start["text"]
    assert "/help" in start["text"]

    help_reply = await ask(bot_api, "/help")
    assert "<code>" not in help_reply["html"]
    assert "\n/ask <question> — " in help_reply["text"]
    assert "\n/watch <topic> — " in help_reply["text"]
    assert not bot_api.refusals()


async def test_answers_show_each_article_once_and_accusations_read_accused_x_of_y(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    forward(bot_api, HARBOUR_POST, post_id=5)
    await outcome_reply(bot_api)
    answer = await ask(bot_api, "what did Elena Brask say about Varna Point?")
    assert answer["text"].count("Harbour fire at Varna Point — Varna Port News") == 1
    assert "1. " in answer["text"] and "2. " in answer["text"]

    accused = await ask(bot_api, "who accused the port authority?")
    assert "accused the port authority of ignoring the fuel store's alarms" in accused["text"]
    assert "accused:" not in accused["text"]
    blamed = await ask(bot_api, "who blamed Mareld for the delay?")
    assert "accused the shipping firm Mareld of the delay" in blamed["text"]
    assert "Mareld for the delay" not in blamed["text"].split("\n\n", 1)[1]


async def test_no_answer_suggests_another_wording_or_sources_as_telegram_words_it(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    reply = await ask(bot_api, "who denied the Orrin dam leak?")
    assert "I have no stored claim about that. Try asking it another way" in reply["text"]
    assert "tap /sources" in reply["text"] and "Forward me a news post" in reply["text"]
    assert "type /sources" not in reply["text"]


async def test_a_refused_private_address_names_the_url_once_and_how_to_allow_it(
    bot_api: FakeBotApi, bot_settings: Settings, extractor: Any
) -> None:
    from bot.services.newsprov import Newsprov

    settings = with_settings(bot_settings, allow_private_networks=False)
    async with await Newsprov.open(settings, extractor=extractor) as service:
        application, stop = await start_bot(bot_api, settings, service)
        try:
            url = "http://10.0.0.7/internal/report"
            bot_api.send(url)
            reply = await outcome_reply(bot_api)
            assert reply["text"].count(url) == 1
            assert "private or local network" in reply["text"]
            assert "NEWSPROV_ALLOW_PRIVATE_NETWORKS=1" in reply["text"]
        finally:
            await stop_bot(application, stop)


async def test_a_forward_carries_the_date_of_the_post_or_the_date_it_states(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    forward(bot_api, HARBOUR_POST, post_id=5)
    stored = await outcome_reply(bot_api)
    assert "Dated 6 Mar 2026." in stored["text"]  # the post's date, not today's
    forward(bot_api, DATED_POST, post_id=6)
    stated = await outcome_reply(bot_api)
    assert "Dated 2 Mar 2026." in stated["text"]
    dates = {a.title: a.published for a in await newsprov.recent_articles()}
    assert dates["Harbour fire at Varna Point"].date().isoformat() == "2026-03-06"
    assert dates["Varna Point berths reopen"].date().isoformat() == "2026-03-02"


async def test_another_language_gets_one_plain_sentence(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    question = await ask(bot_api, "qui a nié l'incendie du port de Varna ?")
    assert question["text"] == (
        "I read English articles only, so I can answer questions and read articles in English only."
    )
    forward(
        bot_api,
        "Incendie au port de Varna\n\nLe directeur du port a déclaré que l'incendie avait "
        "commencé dans un dépôt de carburant, et le syndicat a accusé l'autorité portuaire.",
        post_id=9,
    )
    text = await outcome_reply(bot_api)
    assert text["text"].startswith("I read English articles only")
    assert (await newsprov.stats()).articles == 0  # nothing stored from it
    english = await ask(bot_api, "what did Recep Tayyip Erdoğan say about Kılıçdaroğlu?")
    assert "I have no stored claim about that." in english["text"]  # names are no language


def test_the_command_line_words_no_answer_for_itself() -> None:
    from bot.answer.model import AnswerSet

    text = render_answer_set(AnswerSet(question="q?", answers=[]), PLAIN, where="cli")
    assert "run newsprov sources" in text
