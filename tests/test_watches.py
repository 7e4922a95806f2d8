"""Watches in SQL, on SQLite and PostgreSQL: matched against new claims by the answering
path's scoring, each claim noticed once, per user and capped; and the pure helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.answer.answerer import ARTICLE_CONTEXT, rank_rows
from bot.answer.question import parse_question
from bot.answer.rank import ANSWER_THRESHOLD
from bot.conversation.render import accused_of
from bot.errors import NotFoundError, WatchError
from bot.extract.dates import stated_date
from bot.services.watches import matches
from bot.sources.draft import ArticleDraft, Origin
from store import watches as watch_store
from store.attributions import claims_by_ids

DAM = """Orrin dam inspection

Engineer Tomas Vell said the Orrin dam had leaked for three weeks before the inspection.

The water board denied that the Orrin dam leaked at all."""
MARKET = """Kessel market reopens

Council leader Mira Halden said the Kessel market would reopen on Monday."""


def draft(title_and_text: str) -> ArticleDraft:
    title, _, text = title_and_text.partition("\n\n")
    return ArticleDraft(title=title, text=text, origin=Origin.FILE)


async def test_new_claims_answering_a_topic_are_noticed_once_for_each_watcher(
    service: Any,
) -> None:
    first = await service.add_watch(user_id=1, chat_id=1, topic="the Orrin dam")
    await service.add_watch(user_id=2, chat_id=20, topic="Orrin dam leak")
    await service.add_watch(user_id=3, chat_id=3, topic="Kessel market")
    assert first.number == 1

    assert (await service.ingest_draft(draft(DAM))).status == "new"
    assert (await service.ingest_draft(draft(DAM))).status == "duplicate"
    await service.watches_matched()
    notices = await service.pending_notices()
    assert sorted(n.chat_id for n in notices) == [1, 20]  # one message each, not Kessel's
    for notice in notices:
        assert 1 <= len(notice.claims) <= 3
        assert all("Orrin dam" in claim.sentence for claim in notice.claims)
        assert len({claim.article.id for claim in notice.claims}) == 1
    await service.mark_notices_sent([i for n in notices for i in n.notice_ids])
    assert await service.pending_notices() == []

    # The same claims found again (a second match of the same article) are not new notices.
    ids = [claim.attribution_id for claim in (await service.ingest_draft(draft(DAM))).attributions]
    assert await service.watches.match(ids) == 0

    await service.ingest_draft(draft(MARKET))
    await service.watches_matched()
    (kessel,) = await service.pending_notices()
    assert kessel.chat_id == 3 and kessel.topic == "Kessel market"
    await service.release_notices(kessel.notice_ids, error="flood wait")
    assert [n.chat_id for n in await service.pending_notices()] == [3]  # put back, sent later


async def test_topics_matched_together_score_as_each_ranked_alone(service: Any) -> None:
    """Matching reads an article's claims once for all the topics and keeps each term's
    lookups: the topics sharing terms get the scores each gets ranked alone, as a question."""
    topics = ["Orrin dam", "the Orrin dam leak", "Tomas Vell dam", "Vell inspection", "water"]
    for user, topic in enumerate(topics, start=1):
        await service.add_watch(user_id=user, chat_id=user, topic=topic)
    outcome = await service.ingest_draft(draft(DAM))
    await service.watches_matched()
    ids = [claim.attribution_id for claim in outcome.attributions]
    async with service.sessions() as session:
        watches = await watch_store.all_watches(session)
        rows = await claims_by_ids(session, ids, opening=ARTICLE_CONTEXT)
    alone = [
        (watch.id, row.id, score)
        for watch in watches
        for score, row in rank_rows(parse_question(watch.topic), rows)
        if score >= ANSWER_THRESHOLD
    ]
    found = matches(watches, rows)
    assert sorted(found) == sorted(alone)
    assert len({watch for watch, _, _ in found}) >= 3


async def test_watches_are_per_user_capped_and_removed_by_number(service: Any) -> None:
    service.watches.per_user = 2
    await service.add_watch(user_id=1, chat_id=1, topic="Orrin dam")
    await service.add_watch(user_id=1, chat_id=1, topic="Kessel market")
    assert (await service.add_watch(user_id=1, chat_id=1, topic="orrin  DAM")).number == 1
    with pytest.raises(WatchError, match="the most one person may have"):
        await service.add_watch(user_id=1, chat_id=1, topic="Varna harbour")
    await service.add_watch(user_id=2, chat_id=2, topic="Varna harbour")
    assert [w.topic for w in await service.list_watches(1)] == ["Orrin dam", "Kessel market"]
    assert (await service.remove_watch(user_id=1, number=1)).topic == "Orrin dam"
    assert [w.number for w in await service.list_watches(1)] == [1]
    with pytest.raises(NotFoundError):
        await service.remove_watch(user_id=2, number=2)
    with pytest.raises(WatchError):
        await service.add_watch(user_id=1, chat_id=1, topic="x" * 400)
    with pytest.raises(WatchError):
        await service.add_watch(user_id=1, chat_id=1, topic="   ")
    await service.add_watch(user_id=2**40, chat_id=-(2**40), topic="big telegram ids")
    assert [w.topic for w in await service.list_watches(2**40)] == ["big telegram ids"]


def test_a_stated_date_is_read_from_the_opening() -> None:
    posted = datetime(2026, 3, 6, 9, 30, tzinfo=UTC)
    assert stated_date("Published 2 March 2026\n\nText.", not_after=posted) == datetime(
        2026, 3, 2, tzinfo=UTC
    )
    assert stated_date("SOFIA, March 4, 2026 — The mayor said ...") == datetime(
        2026, 3, 4, tzinfo=UTC
    )
    assert stated_date("Updated 2026-03-05: the mayor said") == datetime(2026, 3, 5, tzinfo=UTC)
    assert stated_date("The vote on 9 May 2030 was set.", not_after=posted) is None  # future
    assert stated_date("31 February 2026 is no date") is None
    assert stated_date("No date here at all.") is None


def test_blamed_for_reads_as_accused_of() -> None:
    assert accused_of("the ministry for the deaths") == "the ministry of the deaths"
    assert accused_of("the police of covering up the fire") == "the police of covering up the fire"
    assert accused_of("the coalition killed civilians") == "the coalition killed civilians"
