"""Nothing one user sends holds up another: the real Application against the fake Bot API.

Updates from different chats are handled side by side; one chat's updates keep their order.
The times compared here are taken in the same run (the machine is shared and noisy); the
precise figures are in docs/benchmarks.md (bench/fairness.py).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import KESSEL_POST, READING, USER_ID

from bot.sources.draft import ArticleDraft, Origin

OTHER_USER = USER_ID + 1
QUESTION = "who denied the Kessel market strike?"
QUOTES = '"' * 4080  # a paste spaCy's tokenizer would take seconds over, untamed


async def store_kessel(newsprov: Any) -> None:
    title, _, text = KESSEL_POST.partition("\n\n")
    await newsprov.ingest_draft(ArticleDraft(title=title, text=text, origin=Origin.TEXT))


async def answer_time(bot_api: FakeBotApi, *, user_id: int = OTHER_USER) -> float:
    started = time.monotonic()
    bot_api.send(QUESTION, user_id=user_id)
    reply = await bot_api.next_reply(user_id, within=60)
    assert reply["text"].startswith(f"Q: {QUESTION}")
    assert "defence ministry" in reply["text"]
    return time.monotonic() - started


async def usual_answer_time(bot_api: FakeBotApi) -> float:
    return statistics.median([await answer_time(bot_api) for _ in range(3)])


async def test_pastes_of_quotation_marks_do_not_hold_up_another_users_question(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    await store_kessel(newsprov)
    usual = await usual_answer_time(bot_api)

    for _ in range(3):
        bot_api.send(QUOTES)
    during = await answer_time(bot_api)

    assert during < usual + 1.0, (usual, during)
    # Each paste was acknowledged at once and got its one-line answer when its job ended.
    replies = [(await bot_api.next_reply(USER_ID, within=60))["text"] for _ in range(6)]
    assert sum(reply.startswith(READING) for reply in replies) == 3
    results = [reply for reply in replies if not reply.startswith(READING)]
    assert all("found no attributed claims" in r or "already have" in r for r in results)


async def test_a_chat_whose_replies_are_slow_does_not_hold_up_other_chats(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    await store_kessel(newsprov)
    usual = await usual_answer_time(bot_api)
    bot_api.slow("sendMessage", 4.0, chat_id=USER_ID)

    bot_api.send(QUESTION)  # this chat's answer takes four seconds to deliver
    during = await answer_time(bot_api)

    assert during < usual + 1.0, (usual, during)
    assert bot_api.unread(USER_ID) == []  # the slow one is still on its way
    slow_reply = await bot_api.next_reply(USER_ID, within=30)
    assert slow_reply["text"].startswith(f"Q: {QUESTION}")


async def test_one_chats_messages_are_answered_in_the_order_sent(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.slow("sendMessage", 0.5, chat_id=USER_ID)
    texts = ["/help", QUOTES, "who accused the council of the ferry delay?", "/stats"]
    for text in texts:
        bot_api.send(text)
    replies = [(await bot_api.next_reply(USER_ID, within=60))["text"] for _ in range(5)]
    assert "/ask" in replies[0]
    assert replies[1].startswith(READING)  # the paste's job answers when it ends, in between
    stored = next(n for n, reply in enumerate(replies) if reply.startswith('Stored "'))
    in_order = [reply for n, reply in enumerate(replies[2:], start=2) if n != stored]
    assert in_order[0].startswith("Q: who accused the council of the ferry delay?")
    assert in_order[1].startswith("Stored:")


async def test_a_failing_send_to_one_chat_leaves_the_others_answered(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.fail("sendMessage", code=500, description="Internal Server Error", times=1)
    bot_api.send("/help")
    await bot_api.wait_until(lambda: bot_api.refusals("sendMessage"))
    bot_api.send("/help", user_id=OTHER_USER)
    assert "/ask" in (await bot_api.next_reply(OTHER_USER))["text"]
