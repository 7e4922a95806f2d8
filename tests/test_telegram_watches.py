"""/watch, /watches, /unwatch through the real Application and the fake Bot API: a watcher
hears once of a claim another user's forward stored, within Telegram's limits, and watches
and unsent notices outlive the bot."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import (
    KESSEL_POST,
    USER_ID,
    outcome_reply,
    start_bot,
    stop_bot,
    with_settings,
)

from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin

OTHER_USER = 502
POSTED = int(datetime(2026, 3, 6, 9, 30, tzinfo=UTC).timestamp())
ORRIN_REPORT = """Orrin dam inspection

Engineer Tomas Vell said the Orrin dam had leaked for three weeks before the inspection.

The water board denied that the Orrin dam leaked at all."""


async def ask(bot_api: FakeBotApi, text: str, *, user_id: int = USER_ID) -> dict[str, Any]:
    bot_api.send(text, user_id=user_id)
    return await bot_api.next_reply(user_id)


def forward_from_other_user(bot_api: FakeBotApi) -> None:
    bot_api.forward_channel_post(
        KESSEL_POST,
        channel_title="Kessel Daily",
        channel_username="kesseldaily",
        post_id=77,
        posted=POSTED,
        user_id=OTHER_USER,
    )


async def test_a_watcher_hears_once_of_a_claim_another_users_forward_stored(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    added = await ask(bot_api, "/watch Kessel market")
    assert "Watching “Kessel market” (watch 1)" in added["text"]
    bot_api.throttle("sendMessage", retry_after=1)  # a flood wait, waited out by the limiter

    forward_from_other_user(bot_api)
    stored = await outcome_reply(bot_api, OTHER_USER)
    assert stored["text"].startswith("Stored Drone strike hits the Kessel market")

    notice = await bot_api.next_reply(USER_ID, within=20)
    assert notice["text"].startswith("New on your watch: Kessel market")
    assert "defence ministry" in notice["text"].lower()
    assert notice["text"].count("Drone strike hits the Kessel market — Kessel Daily") == 1
    assert 'href="https://t.me/kesseldaily/77"' in notice["html"]

    forward_from_other_user(bot_api)  # the same post again: a duplicate, nothing new
    assert "stored once" in (await outcome_reply(bot_api, OTHER_USER))["text"]
    await asyncio.sleep(5)  # more than two rounds of the notice job
    assert bot_api.unread(USER_ID) == []
    assert bot_api.unread(OTHER_USER) == []  # the forwarder watches nothing
    assert not bot_api.refusals("sendMessage")[1:]  # only the throttled call was refused


async def test_watches_are_listed_removed_and_capped_per_user(
    bot_api: FakeBotApi, bot_settings: Settings, newsprov: Any
) -> None:
    settings = with_settings(bot_settings, watches_per_user=2)
    newsprov.watches.per_user = 2
    application, stop = await start_bot(bot_api, settings, newsprov)
    try:
        assert "You watch no topics" in (await ask(bot_api, "/watches"))["text"]
        await ask(bot_api, "/watch Kessel market")
        again = await ask(bot_api, "/watch kessel MARKET")
        assert "(watch 1)" in again["text"]  # the same topic is watched once
        await ask(bot_api, "/watch <Orrin> & dam")
        refused = await ask(bot_api, "/watch the harbour fire")
        assert "the most one person may have" in refused["text"]
        listed = await ask(bot_api, "/watches")
        assert "1. Kessel market\n2. <Orrin> & dam" in listed["text"]
        assert "&lt;Orrin&gt; &amp; dam" in listed["html"]
        other = await ask(bot_api, "/watches", user_id=OTHER_USER)
        assert "You watch no topics" in other["text"]  # watches are per user
        removed = await ask(bot_api, "/unwatch 1")
        assert "No longer watching “Kessel market”" in removed["text"]
        assert "1. <Orrin> & dam" in (await ask(bot_api, "/watches"))["text"]
        assert "no watch 5" in (await ask(bot_api, "/unwatch 5"))["text"]
        assert "Give a number" in (await ask(bot_api, "/unwatch first"))["text"]
        assert "Which topic?" in (await ask(bot_api, "/watch"))["text"]
        assert not bot_api.refusals()
    finally:
        await stop_bot(application, stop)


async def test_watches_and_unsent_notices_outlive_the_bot(
    bot_api: FakeBotApi, bot_settings: Settings, extractor: Any
) -> None:
    from bot.services.newsprov import Newsprov

    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        application, stop = await start_bot(bot_api, bot_settings, service)
        await ask(bot_api, "/watch the Orrin dam")
        await stop_bot(application, stop)

    # The bot is down; another process reads an article, as `newsprov ingest` or a feed would.
    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        draft = ArticleDraft(title="Orrin dam inspection", text=ORRIN_REPORT, origin=Origin.FILE)
        assert (await service.ingest_draft(draft)).status == "new"

    async with await Newsprov.open(bot_settings, extractor=extractor) as service:
        application, stop = await start_bot(bot_api, bot_settings, service)
        try:
            notice = await bot_api.next_reply(USER_ID, within=20)
            assert notice["text"].startswith("New on your watch: the Orrin dam")
            assert "leaked" in notice["text"]
            await asyncio.sleep(5)
            assert bot_api.unread(USER_ID) == []
        finally:
            await stop_bot(application, stop)
