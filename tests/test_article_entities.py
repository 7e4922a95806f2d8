"""Each article's entity table is stored: the names that spoke, the descriptions the article
uses for them, their spellings, linked to their speaker rows; reextract fills it again."""

from __future__ import annotations

from sqlalchemy import delete, select

from bot.services.newsprov import Newsprov
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text
from store.entities import article_entities, name_described
from store.models import ArticleEntity, Attribution, Speaker

ARTICLE = """Strike grounds Brightwing flights

Brightwing Air Lines said on Monday that 300 flights to Varna were cancelled. \
The airline said passengers would be rebooked within two days.

Health Minister Ana Ruiz said hospitals in the city were ready. The health minister added \
that the army would help.

The World Health Organization (WHO) said it saw no risk to travellers. \
The WHO said it would send two experts.
"""


async def _table(service: Newsprov, article_id: int) -> dict[str, ArticleEntity]:
    async with service.sessions() as session:
        return {row.name: row for row in await article_entities(session, article_id)}


async def test_the_entity_table_is_stored_with_descriptions_and_speakers(
    service: Newsprov,
) -> None:
    stored = await service.ingest_draft(draft_from_plain_text(ARTICLE, origin=Origin.TEXT))
    assert stored.article_id is not None
    table = await _table(service, stored.article_id)

    airline = table["Brightwing Air Lines"]
    assert "airline" in airline.descriptions and airline.kind == "organisation"
    ruiz = table["Ana Ruiz"]
    assert {"health minister", "minister"} <= set(ruiz.descriptions)
    who = table["World Health Organization"]
    assert set(who.spellings) == {"World Health Organization", "WHO"}
    async with service.sessions() as session:
        speaker = await session.get(Speaker, ruiz.speaker_id)
        said = (
            await session.scalars(
                select(Attribution.speaker_name).where(Attribution.source_text == "The airline")
            )
        ).all()
    assert speaker is not None and speaker.name == "Ana Ruiz"
    assert said == ["Brightwing Air Lines"]  # the claim names whom "the airline" stands for
    rows = list(table.values())
    assert name_described(rows, "the airline") == "Brightwing Air Lines"
    assert name_described(rows, "the health minister") == "Ana Ruiz"
    assert name_described(rows, "the rival airline") is None


async def test_reextract_fills_in_the_entity_table(service: Newsprov) -> None:
    stored = await service.ingest_draft(draft_from_plain_text(ARTICLE, origin=Origin.TEXT))
    assert stored.article_id is not None
    before = await _table(service, stored.article_id)
    async with service.sessions.begin() as session:  # as stored before the table existed
        await session.execute(delete(ArticleEntity))
    assert await _table(service, stored.article_id) == {}

    await service.reextract()

    after = await _table(service, stored.article_id)
    assert sorted(after) == sorted(before)
    assert after["Ana Ruiz"].descriptions == before["Ana Ruiz"].descriptions
    assert after["Ana Ruiz"].speaker_id == before["Ana Ruiz"].speaker_id  # speakers are kept
