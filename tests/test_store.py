"""Store functions against real databases: natural keys make writes idempotent."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from store import articles, speakers
from store.attributions import claims_by_ids, claims_with_stances
from store.db import create_engine, session_factory, upgrade_to_head
from store.models import Attribution


@pytest.fixture
async def session(database_url: str) -> AsyncIterator[AsyncSession]:
    await upgrade_to_head(database_url)
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as opened:
            yield opened
    finally:
        await engine.dispose()


def _article(**overrides: object) -> articles.Article:
    values: dict[str, object] = {
        "title": "Harbour reopens",
        "text": "The harbour reopened on Monday, the port authority said.",
        "content_hash": "a" * 64,
        "origin": "file",
        "url": "https://news.example/harbour",
    }
    values.update(overrides)
    return articles.new_article(**values)  # type: ignore[arg-type]


async def test_article_found_by_url_or_by_text(session: AsyncSession) -> None:
    session.add(_article())
    await session.commit()
    by_url = await articles.find_existing(
        session, url="https://news.example/harbour", content_hash="b" * 64
    )
    by_text = await articles.find_existing(session, url=None, content_hash="a" * 64)
    assert by_url is not None and by_text is not None and by_url.id == by_text.id
    assert await articles.find_existing(session, url=None, content_hash="c" * 64) is None


async def test_same_text_cannot_be_stored_twice(session: AsyncSession) -> None:
    session.add(_article())
    await session.commit()
    session.add(_article(url="https://other.example/copy"))
    with pytest.raises(IntegrityError):
        await session.commit()
    await session.rollback()
    assert await articles.count_articles(session) == 1


async def test_speaker_get_or_create_merges_and_keeps_aliases(session: AsyncSession) -> None:
    first = await speakers.get_or_create_speaker(
        session, key="josh jacques", name="Josh Jacques", kind="person", alias="Jacques"
    )
    again = await speakers.get_or_create_speaker(
        session, key="josh jacques", name="Major Josh Jacques", kind="person", alias="He"
    )
    await session.commit()
    assert first.id == again.id
    assert again.name == "Major Josh Jacques"  # the fullest form wins
    assert await speakers.count_speakers(session) == 1
    found = await speakers.find_speakers(session, key="nobody", name="jacques")
    assert [s.id for s in found] == [first.id]


async def test_recent_articles_newest_first(session: AsyncSession) -> None:
    session.add(_article())
    session.add(_article(title="Second", content_hash="d" * 64, url=None))
    await session.commit()
    titles = [a.title for a in await articles.recent_articles(session, limit=5)]
    assert titles == ["Second", "Harbour reopens"]


def _attribution(ordinal: int, stance: str, content: str) -> Attribution:
    sentence = f"The port authority said {content}."
    return Attribution(
        ordinal=ordinal,
        sentence_index=ordinal,
        sentence_start=0,
        sentence_end=len(sentence),
        sentence=sentence,
        source_text="The port authority",
        speaker_name="port authority",
        stance=stance,
        cue="said",
        content=content,
        is_quote=False,
        via="Harbour Wire",
        search_text=sentence,
    )


async def test_claims_come_back_in_the_order_asked_with_their_article(
    session: AsyncSession,
) -> None:
    article = _article()
    article.attributions = [
        _attribution(0, "say", "the harbour reopened"),
        _attribution(1, "deny", "a strike had closed it"),
        _attribution(2, "deny", "ships were turned away"),
    ]
    session.add(article)
    await session.commit()
    first, second, third = (a.id for a in article.attributions)

    claims = await claims_by_ids(session, [third, 10_000, first])
    assert [c.id for c in claims] == [third, first]  # an id that is not stored is left out
    assert claims[1].content == "the harbour reopened" and claims[1].via == "Harbour Wire"
    assert claims[1].article.title == "Harbour reopens"
    assert claims[1].article.url == "https://news.example/harbour"
    assert claims[1].article.id == claims[1].article_id == article.id
    assert claims[1].article.opening == ""  # the text only when asked for
    opened = await claims_by_ids(session, [first], opening=11)
    assert opened[0].article.opening == "The harbour"

    denials = await claims_with_stances(session, [article.id], ["deny"], excluding=[third], limit=5)
    assert [c.id for c in denials] == [second]
    assert await claims_by_ids(session, []) == []
