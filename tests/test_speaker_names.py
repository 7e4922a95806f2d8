"""Speakers named in full, roles apart, datelines and objects never speakers, one entry per
name in an article's entity table; through the extractor and through a real store."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.extract.entities import EntityTable
from bot.extract.model import SpeakerKind
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text
from store.models import Attribution, Speaker
from store.speakers import speaker_profile
from tests.extract_helpers import extractor


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    return [(item.speaker, item.speaker_role) for item in extractor().extract(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bulgaria's Ministry of Transport said the pass would reopen on Monday.",
         "Bulgaria's Ministry of Transport"),
        ("The Ministry of Environment and Water said the river was clean again.",
         "Ministry of Environment and Water"),
        ("The Bureau of Coastal Statistics reported that catches fell by a third.",
         "Bureau of Coastal Statistics"),
        ("The State Department said it was concerned about the arrests.", "State Department"),
        ("The Lindham Evening Times reported that the mill would close.", "Lindham Evening Times"),
        ("The Harbour Safety Directorate of the Department of Coastal Affairs said the pier "
         "was safe.", "Harbour Safety Directorate of the Department of Coastal Affairs"),
        ("Procter and Gamble said its sales fell.", "Procter and Gamble"),
    ],
)  # fmt: skip
def test_an_organisation_is_named_in_full(text: str, name: str) -> None:
    assert _speakers(text)[0][0] == name


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("US Ambassador to Germany Richard Grenell said the pipeline was a mistake.",
         "Richard Grenell", "US Ambassador to Germany"),
        ("Television broadcaster PBS reported that the debate was cancelled.",
         "PBS", "Television broadcaster"),
        ("Opposition leader Jonas Berg said the count had been rigged.",
         "Jonas Berg", "Opposition leader"),
        ("Health Minister Ana Ruiz said the wards were full.", "Ana Ruiz", "Health Minister"),
    ],
)  # fmt: skip
def test_the_role_is_held_apart_from_the_name(text: str, name: str, role: str) -> None:
    assert _speakers(text)[0] == (name, role)


def test_an_ambassador_without_a_name_keeps_the_place_in_the_role() -> None:
    (speaker, _role), *_ = _speakers("The US Ambassador to Germany said the talks had failed.")
    assert speaker == "US Ambassador to Germany"


@pytest.mark.parametrize(
    "text",
    [
        "SOFIA (Reuters) — The government said on Tuesday it would raise fuel taxes.",
        "KARLOVO — The government said on Tuesday it would raise fuel taxes.",
        "Karlovo, Bulgaria (Balkan Wire) - The government said on Tuesday it would raise taxes.",
    ],
)
def test_a_dateline_is_never_the_speaker(text: str) -> None:
    found = extractor().extract(text)
    assert [(item.source.text if item.source else None) for item in found] == ["The government"]
    assert found[0].speaker_kind is SpeakerKind.ORGANISATION


def test_a_name_set_off_by_dashes_is_no_dateline() -> None:
    assert _speakers("Ana Ruiz - the mayor - said the bridge was safe.")[0] == (
        "Ana Ruiz",
        "the mayor",
    )


def test_a_counted_object_is_no_speaker_but_counted_people_are() -> None:
    found = extractor().extract(
        "The two tankers denied entry to the port reported damage to their hulls. "
        "Two doctors said the wards were full."
    )
    tankers = [item for item in found if item.source and "tankers" in item.source.text]
    assert tankers and all(item.speaker is None and not item.agent for item in tankers)
    doctors = [item for item in found if item.source and item.source.text == "Two doctors"]
    assert doctors and doctors[0].agent and doctors[0].speaker == "Two doctors"


def test_a_person_named_in_a_whose_clause_is_not_who_speaks_next() -> None:
    text = (
        "The mother, whose son, Omar Haddad, died in the attack, said the police had lied. "
        "She said the officers never came."
    )
    speakers = [speaker for speaker, _role in _speakers(text)]
    assert "Omar Haddad" not in speakers


def test_near_spellings_of_one_name_merge_in_an_article() -> None:
    text = (
        "Rebel spokesman Yahya Sarea said the drones hit the oil field. "
        "Later, Yahya Saree said more attacks would follow."
    )
    assert _speakers(text) == [
        ("Yahya Sarea", "Rebel spokesman"),
        ("Yahya Sarea", "Rebel spokesman"),
    ]


def test_two_people_sharing_a_surname_stay_apart() -> None:
    text = "Jane Jacques said the plan was bad. Josh Jacques said the plan was good."
    assert [speaker for speaker, _ in _speakers(text)] == ["Jane Jacques", "Josh Jacques"]


def test_descriptions_are_linked_to_the_names_they_stand_for() -> None:
    text = (
        "Health Minister Ana Ruiz said the hospitals were full. "
        "Brightwing Air Lines said its flights to Varna were delayed. "
        "The Ministry of Transport said the airport would stay open. "
        "The health minister added that more beds were coming. "
        "The airline said passengers would be refunded. "
        "The ministry said repairs would take a week."
    )
    found, table = extractor().extract_with_entities(text)
    assert [item.speaker for item in found] == [
        "Ana Ruiz",
        "Brightwing Air Lines",
        "Ministry of Transport",
        "Ana Ruiz",
        "Brightwing Air Lines",
        "Ministry of Transport",
    ]
    by_name = {entity.name: entity for entity in table.entities}
    assert "health minister" in by_name["Ana Ruiz"].descriptions
    assert "ministry" in by_name["Ministry of Transport"].descriptions


def test_an_airline_is_not_a_ministry() -> None:
    table = EntityTable()
    table.add("Ministry of Transport", SpeakerKind.ORGANISATION, position=0, spoke=True)
    assert table.described("the airline", before=100) is None
    table.add("Brightwing", SpeakerKind.ORGANISATION, position=50, spoke=True)
    found = table.described("the airline", before=100)
    assert found is not None and found.name == "Brightwing"
    assert table.described("the rival airline", before=100) is None  # a new one, not a guess


ARTICLE = """Storm closes the Shipka pass

KARLOVO (Balkan Wire) — Bulgaria's Ministry of Transport said on Monday that the \
Shipka pass would stay closed until Friday.

Rebel spokesman Yahya Sarea said the convoy had been turned back. Regional governor \
Petar Ilev said snow ploughs were on their way. Later, Yahya Saree said the convoy \
would try again.
"""

SECOND = """Convoy reaches the pass

Yahya Sarea, the rebel spokesman, told reporters the convoy had reached the pass.
Convoy commander Yahya Sarea later said the road was clear.
"""


async def test_stored_speakers_are_whole_with_roles_in_their_profile(service) -> None:  # type: ignore[no-untyped-def]
    await service.ingest_draft(draft_from_plain_text(ARTICLE, origin=Origin.TEXT))
    await service.ingest_draft(draft_from_plain_text(SECOND, origin=Origin.TEXT))
    async with service.sessions() as session:
        rows = (await session.scalars(select(Attribution).order_by(Attribution.id))).all()
        names = [row.speaker_name for row in rows]
        assert names[0] == "Bulgaria's Ministry of Transport"
        assert "KARLOVO" not in " ".join(name or "" for name in names)
        assert ("Petar Ilev", "Regional governor") in [
            (row.speaker_name, row.speaker_role) for row in rows
        ]
        sarea = [row for row in rows if row.speaker_name == "Yahya Sarea"]
        assert len(sarea) >= 3 and "Yahya Saree" not in names
        speaker = (
            await session.scalars(select(Speaker).where(Speaker.name == "Yahya Sarea"))
        ).one()
        profile = await speaker_profile(session, speaker.id)
    assert profile is not None
    roles = dict(profile.roles)
    assert roles["Rebel spokesman"] >= 2
    assert "Convoy commander" in roles or "the rebel spokesman" in roles
    assert any("Saree" in alias for alias in profile.aliases)


def test_a_surname_takes_the_full_name_written_earlier_when_ner_missed_it() -> None:
    text = (
        "The paper published an interview with Gáspár Maróth, the commissioner for defence. "
        "Maróth said the bid won. He said there would be no turmoil."
    )
    found = extractor().extract(text)
    named = [item.speaker for item in found if item.source and item.source.text in {"Maróth", "He"}]
    assert named == ["Gáspár Maróth", "Gáspár Maróth"]


def test_a_hyphened_role_is_whole() -> None:
    text = "Mara Lind of Ostby University, co-author of the survey, said the results were clear."
    assert _speakers(text) == [("Mara Lind", "co-author of the survey")]
