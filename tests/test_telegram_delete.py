"""/delete through the real Application and the fake Bot API: admins only (others get one
sentence), the title escaped in the reply, the article gone from /article and the answers."""

from __future__ import annotations

from typing import Any

from fake_bot_api import FakeBotApi
from removal_articles import REPORT, REPORT_TITLE, draft
from telegram_harness import ADMIN_ID, USER_ID


async def test_only_admins_delete_and_the_article_is_gone(
    bot_api: FakeBotApi, running_bot: Any, newsprov: Any
) -> None:
    stored = await newsprov.ingest_draft(draft(REPORT_TITLE, REPORT))
    article_id = stored.article_id

    bot_api.send(f"/delete {article_id}", user_id=USER_ID)
    refused = await bot_api.next_reply(USER_ID)
    assert refused["text"] == "Sorry, only the bot's administrators may use /delete."
    assert (await newsprov.article_claims(article_id))[1]  # still there

    bot_api.send(f"/delete {article_id}", user_id=ADMIN_ID)
    done = await bot_api.next_reply(ADMIN_ID)
    assert done["text"].startswith(f"Deleted article {article_id}, “{REPORT_TITLE}”, with its ")
    assert "Tarsk &lt;bridge&gt; &amp; tunnel tolls" in done["html"]
    assert "<bridge>" not in done["html"]

    bot_api.send(f"/article {article_id}", user_id=USER_ID)
    assert f"There is no article {article_id}." in (await bot_api.next_reply(USER_ID))["text"]
    bot_api.send("who accused the ministry of hiding the cost?", user_id=USER_ID)
    assert "Oren Dask" not in (await bot_api.next_reply(USER_ID))["text"]

    bot_api.send(f"/delete {article_id}", user_id=ADMIN_ID)
    assert (await bot_api.next_reply(ADMIN_ID))["text"] == f"There is no article {article_id}."
    bot_api.send("/delete first", user_id=ADMIN_ID)
    assert "Give a number: /delete <article id>" in (await bot_api.next_reply(ADMIN_ID))["text"]
    bot_api.send("/help", user_id=ADMIN_ID)
    assert "/delete" in (await bot_api.next_reply(ADMIN_ID))["text"]
    bot_api.send("/help", user_id=USER_ID)
    assert "/delete" not in (await bot_api.next_reply(USER_ID))["text"]
    assert not bot_api.refusals()
