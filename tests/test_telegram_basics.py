"""The bot over the fake Bot API: commands, questions, groups, admins."""

from __future__ import annotations

from typing import Any

from fake_bot_api import FakeBotApi
from telegram_harness import ADMIN_ID, USER_ID

from bot.conversation.commands import menu


async def test_start_publishes_one_command_list_and_help_shows_it(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    public = [c.name for c in menu(telegram=True, admin=False)]
    assert [c["command"] for c in bot_api.commands["default"]] == public
    bot_api.send("/help")
    reply = await bot_api.next_reply(USER_ID)
    for name in public:
        assert f"/{name}" in reply["text"]
    assert "/addfeed" not in reply["text"]


async def test_a_question_without_stored_claims_says_so(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.send("who denied the harbour fire?")
    reply = await bot_api.next_reply(USER_ID)
    assert reply["text"].startswith("Q: who denied the harbour fire?")
    assert "I have no stored claim about that." in reply["text"]
    assert "Forward me" in reply["text"]
    assert not bot_api.refusals()


async def test_an_unknown_command_gets_a_help_hint(bot_api: FakeBotApi, running_bot: Any) -> None:
    bot_api.send("/frobnicate now")
    reply = await bot_api.next_reply(USER_ID)
    assert "/frobnicate" in reply["text"] and "/help" in reply["text"]


async def test_admin_commands_are_refused_to_others(bot_api: FakeBotApi, running_bot: Any) -> None:
    bot_api.send("/feeds", user_id=USER_ID)
    refused = await bot_api.next_reply(USER_ID)
    assert "only the bot's administrators" in refused["text"]
    bot_api.send("/help", user_id=ADMIN_ID)
    admin_help = await bot_api.next_reply(ADMIN_ID)
    assert "/addfeed" in admin_help["text"] and "/removefeed" in admin_help["text"]


async def test_group_messages_are_ignored_unless_addressed(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    group = bot_api.group_chat()
    bot_api.send("who denied the harbour fire?", chat=group)
    bot_api.send("/ask@some_other_bot who denied it?", chat=group)
    bot_api.send("/frobnicate", chat=group)
    await bot_api.settle()
    assert bot_api.unread(group["id"]) == []

    bot_api.send("@newsprov_test_bot who denied the harbour fire?", chat=group)
    mentioned = await bot_api.next_reply(group["id"])
    assert mentioned["text"].startswith("Q: who denied the harbour fire?")

    bot_api.send("and who blamed the port?", chat=group, reply_to=mentioned)
    replied = await bot_api.next_reply(group["id"])
    assert replied["text"].startswith("Q: and who blamed the port?")

    bot_api.send("/ask@newsprov_test_bot who said it?", chat=group)
    asked = await bot_api.next_reply(group["id"])
    assert asked["text"].startswith("Q: who said it?")
    await bot_api.settle()
    assert bot_api.unread(group["id"]) == []


async def test_an_edited_question_is_not_answered_twice(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    message = bot_api.send("who denied the harbour fire?")
    await bot_api.next_reply(USER_ID)
    bot_api.push({"edited_message": {**message, "text": "who denied the fire?", "edit_date": 1}})
    await bot_api.settle()
    assert bot_api.unread(USER_ID) == []
