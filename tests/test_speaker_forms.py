"""Speakers the parser cuts or misplaces: honorifics are no role, short forms spell out the
name, "it" stands for the body last named, a name set off before its cue or before a place is
the speaker, a share of a statement is its issuer's, a transcript's initials its speaker's.
Every text here is written for the test."""

from __future__ import annotations

import pytest

from bot.extract.lexicon import honorifics
from bot.extract.model import ExtractedAttribution, SpeakerKind
from bot.extract.short_forms import spelt_out
from bot.extract.speakers import role_without_honorifics
from tests.extract_helpers import extractor


def _first(text: str) -> ExtractedAttribution:
    found = extractor().extract(text)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Mr Stefan Kolev said the bridge would reopen.", "Stefan Kolev", None),
        ("Mrs Ivanova told reporters the bridge would reopen.", "Ivanova", None),
        ("Finance Minister Mr Stefan Kolev said taxes would rise.", "Stefan Kolev",
         "Finance Minister"),
        ("Lord Chancellor Ana Vale said the court would sit.", "Ana Vale", "Lord Chancellor"),
    ],
)  # fmt: skip
def test_an_honorific_is_no_role(text: str, name: str, role: str | None) -> None:
    found = _first(text)
    assert (found.speaker, found.speaker_role) == (name, role)


def test_honorifics_are_trimmed_from_the_end_of_a_role_only() -> None:
    words = honorifics()
    assert role_without_honorifics("Mr", words) is None
    assert role_without_honorifics("Deputy Mayor Dr.", words) == "Deputy Mayor"
    assert role_without_honorifics("Lady Justice of Appeal", words) == "Lady Justice of Appeal"


@pytest.mark.parametrize(
    ("words", "short", "spelt"),
    [
        ("transport for london", "TfL", "transport for london"),
        ("the world health organization", "WHO", "world health organization"),
        ("department of health", "DoH", "department of health"),
        ("ana ruiz", "Reuters", ""),
    ],
)
def test_a_short_form_spells_out_the_words_before_it(words: str, short: str, spelt: str) -> None:
    assert " ".join(spelt_out(words.split(), short)) == spelt


def test_a_name_a_short_form_spells_out_is_whole_and_it_stands_for_it() -> None:
    first, second = extractor().extract(
        "Transport for London (TfL) said the line would close. It said buses would run."
    )
    assert (first.speaker, first.speaker_kind) == ("Transport for London", SpeakerKind.ORGANISATION)
    assert second.speaker == "Transport for London"


def test_it_is_the_body_named_in_a_sentence_with_no_cue() -> None:
    (found,) = extractor().extract(
        "The Harbour Board met on Monday to discuss the pier. It said repairs would take a month."
    )
    assert found.speaker == "Harbour Board"


def test_they_is_no_body_named_in_passing_beside_people() -> None:
    (found,) = extractor().extract(
        "Ana Ruiz and Tom Berg met the Harbour Board on Monday. They said repairs would take "
        "a month."
    )
    assert found.speaker != "Harbour Board"


def test_a_cue_in_a_relative_clause_describes_the_noun_the_pronoun_stands_for() -> None:
    found = next(
        item
        for item in extractor().extract(
            "The law lets suspects be tried under its courts, which the Herald describes as "
            '"slow and secretive."'
        )
        if item.cue is not None and item.cue.text == "describes"
    )
    assert found.speaker == "Herald"
    assert found.content_text == 'its courts … as "slow and secretive."'


def test_a_name_set_off_between_content_and_cue_is_the_speaker() -> None:
    found = _first(
        'The river is dying, Anna Novak of "Clean Rivers Now", a conservation group, said.'
    )
    assert found.speaker == "Anna Novak"
    assert found.content_text == "The river is dying"


def test_a_place_after_a_body_is_where_it_is_not_who_acted() -> None:
    found = _first(
        "Yesterday, the Parliament of Western Ostland (WOP), Australia voted to pass the bill."
    )
    assert found.speaker == "Parliament of Western Ostland"
    assert _first("Berlin, Germany said the talks would go on.").speaker == "Germany"


def test_a_share_of_a_statement_is_its_issuers() -> None:
    found = _first('Part of the judge\'s statement reads "the rule was unfair to many".')
    assert found.speaker is not None
    assert "Part" not in found.speaker
    assert "judge" in found.speaker


def test_initials_in_a_transcript_stand_for_the_person_introduced_before() -> None:
    text = (
        "Nadia Grant is a climate scientist at Kestrel University. She spoke to us this week."
        "\n\nWN: Is the ice melting?\n\nNG: Yes, faster than we thought. The shelf lost a "
        "tenth of its mass.\n\nWN: What should be done?\n\nNG: Cut emissions now."
    )
    turns = [item for item in extractor().extract(text) if item.cue and item.cue.text == ":"]
    assert [item.speaker for item in turns] == ["Nadia Grant", "Nadia Grant"]
    assert turns[0].content_text.startswith("Yes, faster than we thought.")
    assert turns[0].quote
    assert not extractor().extract("The New Guinea office opened.\n\nNG: Nothing here.")


def test_a_name_with_its_role_set_off_before_a_cue_with_no_subject_is_the_speaker() -> None:
    found = _first(
        "Speaking to Nord-Presse Agence, the chair of the Baltic League for the Defence of "
        'Fishing Rights, Tomas Brenner, said, "We are for fishing, but not now."'
    )
    assert found.speaker == "Tomas Brenner"
    assert found.speaker_role == "chair of the Baltic League for the Defence of Fishing Rights"
    assert found.content_text == '"We are for fishing, but not now."'


def test_a_relative_clause_with_a_speech_verb_is_a_report_and_others_are_not() -> None:
    found = _first("Officials pointed to the new tax, which critics call a burden on the poor.")
    calls = [
        item
        for item in extractor().extract(
            "Officials pointed to the new tax, which critics call a burden on the poor."
        )
        if item.cue is not None and item.cue.text == "call"
    ]
    assert found.speaker == "Officials"
    assert [(item.speaker, item.content_text) for item in calls] == [
        ("critics", "the new tax … a burden on the poor")
    ]
    assert not extractor().extract("The dam, which engineers built in 1950, is cracking.")


def test_reports_side_by_side_do_not_run_into_each_other() -> None:
    found = extractor().extract(
        "Republican senators attacked the inquiry, with Tom Berg of Ohio calling the probe into "
        'Vale "Soviet-style" and Ana Ruiz of Maine calling the process "a blatant coup".'
    )
    calls = [(item.speaker, item.content_text) for item in found if item.cue.text == "calling"]
    assert calls == [
        ("Tom Berg", 'the probe into Vale "Soviet-style"'),
        ("Ana Ruiz", 'the process "a blatant coup"'),
    ]
    nested = _first("Ana Ruiz said the plan, which critics call a burden, would pass.")
    assert nested.content_text == "the plan, which critics call a burden, would pass"


def test_who_with_a_speech_verb_and_a_clause_reports_for_the_noun_before() -> None:
    found = _first(
        "The court heard from the firm's lawyers, who argued that the fine was too high."
    )
    assert (found.speaker, found.content_text) == (
        "the firm's lawyers",
        "that the fine was too high",
    )
    assert not extractor().extract("The nurses, who work nights, were tired.")


def test_a_clause_hung_on_the_medium_is_what_was_said() -> None:
    found = _first("The Supreme Court said in a statement that Ana Vale died of a stroke.")
    assert found.speaker == "Supreme Court"
    assert found.cue is not None and found.cue.text == "said in a statement"
    assert found.content_text == "that Ana Vale died of a stroke"


def test_an_honorific_still_says_which_pronoun_fits() -> None:
    _, she = extractor().extract(
        "Mr Stefan Kolev said the bridge would reopen. She said it would open in May."
    )
    assert she.speaker != "Stefan Kolev"
