"""Speaker profiles across articles and ``who`` over a real service, on SQLite and PostgreSQL:
found in any case, by surname, alias, transliteration or a letter off; one profile for one
person written several ways; several to choose from; none."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from who_articles import BUDGET_DEBATE, BUS_DRIVER, DEPOT_ROW, DEPOT_VOTE, UNION_WARNING, draft

from bot.services.profile_index import index_speakers, role_words_apart
from store.models import Speaker, SpeakerWord
from store.speakers import get_or_create_speaker


async def store_all(service: Any, *articles: tuple[str, int]) -> None:
    for article, day in articles:
        outcome = await service.ingest_draft(draft(article, day))
        assert outcome.status == "new"


async def test_one_profile_found_by_any_spelling(service: Any) -> None:
    await store_all(
        service, (DEPOT_VOTE, 1), (DEPOT_ROW, 2), (BUDGET_DEBATE, 3), (UNION_WARNING, 4)
    )
    kolev = await service.who("Stefan Kolev", limit=20)
    assert kolev.profile is not None and not kolev.choices
    profile = kolev.profile
    assert profile.name == "Stefan Kolev"
    roles = [role for role, _ in profile.roles]
    assert roles[0] == "city councillor" and "councillor" in roles  # "a city councillor" x2
    assert "Mr" not in roles  # an honorific is no role
    assert "Mr Kolev" in profile.aliases and "He" not in profile.aliases
    assert profile.total_claims == 10 and profile.total_articles == 3
    days = [claim.article.published.day for claim in profile.claims]
    assert days == sorted(days, reverse=True) and days[0] == 3 and days[-1] == 1  # newest first
    assert profile.articles[0].article.title == "Varna budget debate runs late"
    assert sum(a.claims for a in profile.articles) == 10

    for asked in ("stefan kolev", "STEFAN KOLEV", "Kolev", "Mr Kolev", "Stephan Kolew", "S. Kolev"):
        found = await service.who(asked)
        assert found.profile is not None, asked
        assert found.profile.speaker_id == profile.speaker_id, asked

    petrova = await service.who("Petrova")
    assert petrova.profile is not None and petrova.profile.name == "Maria Petrova"
    # "Mariia Petrova" (another article's transliteration) is the same profile.
    assert petrova.profile.total_claims == 3 and "Mariia Petrova" in petrova.profile.aliases
    for asked in ("maria petrova", "Мария Петрова", "Mariia Petrova", "Petrva", "Petrowa"):
        found = await service.who(asked)
        assert found.profile is not None, asked
        assert found.profile.speaker_id == petrova.profile.speaker_id, asked

    # The web view's page of either row shows the one profile.
    for speaker_id in petrova.profile.speaker_ids:
        view = await service.speaker_view(speaker_id)
        assert view.name == "Maria Petrova" and len(view.claims) == 3
        assert "Mariia Petrova" in view.aliases

    nobody = await service.who("Gundula Oksanen")
    assert nobody.profile is None and not nobody.choices


async def test_pages_of_claims_and_several_speakers_to_choose_from(service: Any) -> None:
    await store_all(service, (DEPOT_ROW, 2), (BUDGET_DEBATE, 3), (BUS_DRIVER, 5))
    first = await service.who("Stefan Kolev", limit=4)
    assert first.profile is not None and first.profile.has_more
    assert len(first.profile.claims) == 4 and first.profile.total_claims == 9
    pages = [first.profile.claims]
    offset = 4
    while True:
        page = await service.speaker_profile(first.profile.speaker_id, limit=4, offset=offset)
        pages.append(page.claims)
        offset += len(page.claims)
        if not page.has_more:
            break
    ids = [claim.attribution_id for claims in pages for claim in claims]
    assert len(ids) == 9 and len(set(ids)) == 9

    both = await service.who("Kolev")
    assert both.profile is None
    assert [choice.name for choice in both.choices] == ["Stefan Kolev", "Ivan Kolev"]
    assert both.choices[1].roles == ["bus driver"] and both.choices[1].claims == 1
    ivan = await service.who("Ivan Kolev")
    assert ivan.profile is not None and ivan.profile.name == "Ivan Kolev"


async def test_role_words_and_a_surname_alone_join_the_profile(service: Any) -> None:
    """Speakers stored apart (as an older extractor stored them) are one profile, and a
    surname alone joins the one full name with it, until a second one makes it ambiguous."""
    async with service.sessions.begin() as session:
        full = await get_or_create_speaker(
            session, key="stefan kolev", name="Stefan Kolev", kind="person"
        )
        with_role = await get_or_create_speaker(
            session, key="councillor stefan kolev", name="councillor Stefan Kolev", kind="person"
        )
        surname = await get_or_create_speaker(session, key="kolev", name="Kolev", kind="person")
        await index_speakers(session, [surname, with_role, full])
        await index_speakers(session, [surname, with_role, full])  # idempotent
    async with service.sessions() as session:
        rows = (await session.scalars(select(Speaker).order_by(Speaker.id))).all()
        assert {row.profile_key for row in rows} == {"stefan kolev"}
        words = (await session.scalars(select(SpeakerWord.word).distinct())).all()
        assert set(words) == {"stefan", "kolev", "kounkilor"}
    found = await service.who("Stefan Kolev")
    assert found.profile is not None and sorted(found.profile.speaker_ids) == sorted(
        [full.id, with_role.id, surname.id]
    )
    assert [role for role, _ in found.profile.roles] == ["councillor"]

    async with service.sessions.begin() as session:
        ivan = await get_or_create_speaker(
            session, key="ivan kolev", name="Ivan Kolev", kind="person"
        )
        await index_speakers(session, [ivan])
    async with service.sessions() as session:
        alone = await session.get(Speaker, surname.id)
        assert alone is not None and alone.profile_key == "kolev"  # no longer one Kolev
    assert len((await service.who("Kolev")).choices) == 3


async def test_speakers_stored_before_profiles_are_indexed_once(service: Any) -> None:
    await store_all(service, (DEPOT_VOTE, 1), (UNION_WARNING, 4))
    async with service.sessions.begin() as session:
        before = dict((await session.execute(select(Speaker.id, Speaker.profile_key))).all())
        await session.execute(update(Speaker).values(profile_key=None))
        await session.execute(delete(SpeakerWord))  # as before migration 0014
    assert (await service.who("Maria Petrova")).profile is not None  # found while unindexed
    assert (await service.who("Petrova")).profile is None  # ... by full name only
    assert await service.index_profiles() == len(before)
    assert await service.index_profiles() == 0
    async with service.sessions() as session:
        after = dict((await session.execute(select(Speaker.id, Speaker.profile_key))).all())
    assert after == before


def test_role_words_written_before_a_name_are_held_apart() -> None:
    assert role_words_apart("councillor Stefan Kolev") == ("Stefan Kolev", "councillor")
    assert role_words_apart("Stefan Kolev") == ("Stefan Kolev", None)
    assert role_words_apart("the city council") == ("the city council", None)
