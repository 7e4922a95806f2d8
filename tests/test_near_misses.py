"""Near misses get no answer: questions about an article's own names and topics that none of
its claims answers (``abstain.unmet``), each beside a close question
that the article does answer and that still gets its answer."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pytest

from bot.answer.abstain import Placement, unmet
from bot.answer.question import ParsedQuestion, parse_question
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


async def _ingest(service) -> None:  # type: ignore[no-untyped-def]
    for name in ("brekke-ferry.txt", "valmora-fire.txt", "orland-bridge.txt", "kelso-treaty.txt"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))


@pytest.mark.parametrize(
    ("near_miss", "answered", "speaker", "content_part"),
    [
        # a place the article never names
        (
            "What did the Norwegian transport minister say about the Brekke ferry?",
            "What did the transport minister say about the Brekke ferry?",
            "Ana Ruiz",
            "night ferry",
        ),
        # a kind of speaker (her lawyers) the claims' speakers are not
        (
            "What did Ana Ruiz's lawyers say about the night ferry?",
            "What did Ana Ruiz say about the night ferry?",
            "Ana Ruiz",
            "night ferry",
        ),
        # someone the article names who said nothing ("what exactly did X say": X is asked)
        (
            "What exactly did Lena Holm say about the timetable?",
            "What exactly did Ana Ruiz say about the timetable?",
            "Ana Ruiz",
            "timetable",
        ),
        # whom a speaker blamed: only a blame by that speaker answers
        (
            "Who did harbour police blame for the grounding?",
            "Who did the Seafarers' Union blame for the grounding?",
            "Union",
            "ferry operator",
        ),
        # one engineer asked for: "Engineers said" names none of them, and the one engineer
        # named said nothing of an inspection
        (
            "Which Orland University engineer said the bridge had been inspected in March?",
            "Which engineers said the bridge had been inspected in March?",
            "Engineers",
            "inspected in March",
        ),
        # typed in lower case: Paul Fischer is named beside the bridge, Elena Fischer spoke
        (
            "what did paul fischer say about the ferry",
            "what did elena fischer say about the ferry",
            "Elena Fischer",
            "free ferry",
        ),
        # whom a blame is about: not the speaker ("Police said ..."), and named in the claim
        (
            "Who blamed the police for the bridge closure?",
            "Who blamed the maintenance contractor for the bridge closure?",
            "Tomas Reyes",
            "contractor",
        ),
        (
            "Who blamed the mayor for the ferry crossing?",
            "Who blamed the ferry operator for the crossing?",
            "Union",
            "ferry operator",
        ),
        # a father of the speaker's surname, named in the article, said nothing
        (
            "What did Dick Harlan say about a hearing on the treaty?",
            "What did Liz Harlan say about a hearing on the treaty?",
            "Liz Harlan",
            "hearing on the treaty in April",
        ),
        # "Germany's president": the president who spoke is France's
        (
            "What did Germany's president say about shipping costs for grain farmers?",
            "What did France's president say about shipping costs for grain farmers?",
            "Claire Dumas",
            "shipping costs",
        ),
        # "When did X say": X is the speaker asked about, as in "What did X say"
        (
            "When did Peter Voss say the committee would hold a hearing on the treaty?",
            "When did Liz Harlan say the committee would hold a hearing on the treaty?",
            "Liz Harlan",
            "hearing on the treaty",
        ),
    ],
)
async def test_a_near_miss_gets_no_answer_and_its_close_question_does(  # type: ignore[no-untyped-def]
    service, near_miss: str, answered: str, speaker: str, content_part: str
) -> None:
    await _ingest(service)
    missed = await service.ask(near_miss)
    assert missed.answers == [], (near_miss, missed.answers)
    assert missed.related, near_miss  # the claims it nearly matched are still offered
    found = (await service.ask(answered)).answers
    assert found, answered
    assert found[0].speaker == speaker, (answered, found[0])
    assert content_part in found[0].content, (answered, found[0])


def test_who_did_x_blame_asks_whom_and_reads_x_as_the_speaker() -> None:
    parsed = parse_question("Who did the Seafarers' Union blame for the grounding?")
    assert parsed.asks_whom
    assert [term.text for term in parsed.terms if term.speaker] == ["Seafarers Union"]
    assert not parse_question("Who blamed the ferry operator?").asks_whom
    assert not parse_question("Who has claimed the crossing was safe?").asks_whom


def test_what_exactly_did_x_say_reads_x_as_the_named_speaker() -> None:
    parsed = parse_question("What exactly did Lena Holm say about the timetable?")
    assert [term.text for term in parsed.terms if term.speaker_name] == ["Lena Holm"]


def test_unmet_names_what_the_claim_lacks() -> None:
    question = parse_question("What did the Norwegian transport minister say about the ferry?")
    # Norwegian, transport, minister, ferry: the first nowhere in the claim's article
    assert [term.text for term in question.terms] == ["Norwegian", "transport", "minister", "ferry"]
    features = {"stance": 0.0}
    assert unmet(question, [0.0, 1.0, 1.0, 1.0], features) == "its article does not name Norwegian"
    # capitals a lower-case question was given from its candidates are not the user's names
    assert unmet(question, [0.0, 1.0, 1.0, 1.0], features, typed_names=False) is None
    assert unmet(question, [0.3, 1.0, 1.0, 1.0], features) is None  # named in the article


def test_said_by_someone_else_only_against_a_speaker_given_by_name() -> None:
    question = parse_question("What did Lena Holm say about the timetable?")
    assert [term.text for term in question.terms] == ["Lena Holm", "timetable"]
    credits, features = [0.6, 1.0], {"stance": 0.0}  # named in the claim, not its speaker
    assert unmet(question, credits, features, speaker="Ana Ruiz") == "said by someone else"
    # "the ministry" or "It" may be the one asked about, under another name
    assert unmet(question, credits, features, speaker="the ministry") is None
    assert unmet(question, credits, features, speaker="It") is None
    assert unmet(question, [0.9, 1.0], features, speaker="Holm") is None  # her surname alone


def test_when_or_where_did_x_say_reads_x_as_the_named_speaker() -> None:
    for question in (
        "When did Liz Harlan say the committee would hold a hearing?",
        "Where did Liz Harlan announce the hearing?",
    ):
        parsed = parse_question(question)
        assert [term.text for term in parsed.terms if term.speaker_name] == ["Liz Harlan"]
        credits, features = [0.6] + [1.0] * (len(parsed.terms) - 1), {"stance": 0.0}
        assert unmet(parsed, credits, features, speaker="Peter Voss") == "said by someone else"
    # a who-question's subject after its verb is no speaker asked about
    parsed = parse_question("Who said Liz Harlan would hold a hearing?")
    assert not any(term.speaker for term in parsed.terms)


def test_a_name_is_not_shortened_to_a_word_of_no_topic() -> None:
    terms = parse_question("What did Ivan Tork say to the National Health Service?").terms
    assert [term.alternatives for term in terms] == [
        ("ivan tork",),  # not "it"
        ("national health service", "nhs"),
    ]


def test_a_speaker_asked_by_place_is_not_one_who_speaks_for_another() -> None:
    question = parse_question("What did Germany's president say about the treaty?")
    assert [(term.text, term.speaker) for term in question.terms] == [
        ("Germany", True),
        ("president", True),
        ("treaty", False),
    ]
    features = {"stance": 0.0}
    # Germany in the claim's sentence, not its speaker's name or role
    credits = [0.6, 1.0, 1.0]
    for role in ("French President", "President of France", "U.S. president"):
        assert unmet(question, credits, features, speaker="Claire Dumas", role=role) == (
            "speaks for another place"
        ), role
    # a role naming no place, or the asked one in another form, may be hers
    for role in ("President", "German President", None):
        assert unmet(question, credits, features, speaker="Anna Weber", role=role) is None, role
    assert (
        unmet(question, [1.0, 1.0, 1.0], features, speaker="Anna Weber", role="Germany's envoy")
        is None
    )


def _placed(
    question: ParsedQuestion, *, own: Collection[str], speaker: Collection[str] = ()
) -> Placement:
    return Placement(
        in_claim=[term.text in own for term in question.terms],
        in_speaker=[term.text in speaker for term in question.terms],
    )


def test_a_who_question_needs_some_of_its_statement_in_the_claim() -> None:
    question = parse_question("Who said the bridge had been inspected in March?")
    assert [term.text for term in question.terms] == ["bridge", "inspected", "March"]
    features = {"stance": 0.0}
    # the bridge in the title, the inspection in the article, none of it in the claim
    nothing = _placed(question, own=set())
    assert unmet(question, [1.0, 0.7, 0.7], features, placed=nothing) == (
        "says none of the statement asked about"
    )
    held = _placed(question, own={"inspected"})
    assert unmet(question, [1.0, 1.0, 0.7], features, placed=held) is None
    # one letter off in the claim's own words ("inspectd") holds it too
    assert unmet(question, [1.0, 0.8, 0.7], features, placed=nothing) is None
    # a title word alone, and nothing else of the article: no statement said elsewhere
    assert unmet(question, [1.0, 0.0, 0.0], features, placed=nothing) is None
    # a marked stance is itself what is asked ("who denied ...")
    denied = parse_question("Who denied the bridge had been inspected in March?")
    assert unmet(denied, [1.0, 0.7, 0.7], features, placed=_placed(denied, own=set())) is None


def test_one_speaker_asked_is_not_a_plural_of_them() -> None:
    question = parse_question("Which Orland University engineer said the cables snapped?")
    credits, features = [0.2, 1.0, 1.0, 1.0], {"stance": 0.0}
    placed = _placed(question, own={"cables", "snapped"})
    assert [term.text for term in question.terms] == [
        "Orland University",
        "engineer",
        "cables",
        "snapped",
    ]
    for many in ("Engineers", "the engineers", "structural engineers"):
        assert unmet(question, credits, features, speaker=many, placed=placed) == (
            "many speakers, none named, for the one asked about"
        ), many
    for one in ("Mira Castell", "the engineer", "Orland University engineers", "Police"):
        assert unmet(question, credits, features, speaker=one, placed=placed) is None, one
    plural = parse_question("Which engineers said the cables snapped?")
    assert (
        unmet(
            plural,
            [1.0, 1.0, 1.0],
            features,
            speaker="Engineers",
            placed=_placed(plural, own={"cables", "snapped"}),
        )
        is None
    )


def test_whom_a_blame_is_about_is_named_and_is_not_the_speaker() -> None:
    question = parse_question("Who blamed the police for the closure?")
    assert [term.text for term in question.terms if term.target] == ["police"]
    features = {"stance": 0.0}
    said = _placed(question, own={"police", "closure"}, speaker={"police"})
    assert unmet(question, [1.0, 1.0], features, placed=said) == "said by whom the act is about"
    other = _placed(question, own={"closure"})
    assert unmet(question, [0.7, 1.0], features, placed=other) == (
        "does not name whom the act is about"
    )
    blamed = _placed(question, own={"police", "closure"})
    assert unmet(question, [1.0, 1.0], features, placed=blamed) is None
