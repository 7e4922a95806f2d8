"""The dependency rules on sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.extract.model import ExtractedAttribution, SpeakerKind, Stance
from bot.extract.rules import find_subject
from tests.extract_helpers import extractor


def only(text: str) -> ExtractedAttribution:
    found = extractor().extract(text)
    assert len(found) == 1, [item.as_json() for item in found]
    return found[0]


def test_paraphrase_with_that_clause() -> None:
    item = only("The mayor of Lindham said that the bridge would reopen in May.")
    assert item.source is not None and item.source.text == "The mayor of Lindham"
    assert item.cue is not None and item.cue.text == "said"
    assert item.content_text == "that the bridge would reopen in May"
    assert item.stance is Stance.SAY
    assert not item.quote


def test_quote_before_inverted_cue() -> None:
    text = "“The water is safe to drink,” said Anna Berg, a chemist at the plant."
    item = only(text)
    assert item.quote
    assert item.content_text == "“The water is safe to drink,”"
    assert item.speaker == "Anna Berg"
    assert item.speaker_role == "a chemist at the plant"
    assert item.speaker_kind is SpeakerKind.PERSON


def test_interrupted_quote_has_two_pieces() -> None:
    text = '"We will not close the school," Tom Reyes said, "not this year and not next year."'
    item = only(text)
    assert item.quote
    assert [piece.text for piece in item.content] == [
        '"We will not close the school,"',
        '"not this year and not next year."',
    ]


def test_no_cue_taken_from_inside_a_quote() -> None:
    text = "“I think they said it was over,” the farmer told the Valley Gazette."
    item = only(text)
    assert item.cue is not None and item.cue.text == "told"
    assert item.via == "the Valley Gazette" or item.via is None


def test_according_to_names_the_source() -> None:
    item = only("The factory will close next year, according to two union leaders.")
    assert item.source is not None and item.source.text == "two union leaders"
    assert item.content_text == "The factory will close next year"
    assert item.stance is Stance.REPORT


def test_deny_with_gerund_content() -> None:
    item = only("The company denied dumping waste into the river.")
    assert item.stance is Stance.DENY
    assert item.content_text == "dumping waste into the river"


def test_accuse_and_warn_stances() -> None:
    accused = only("The minister accused the rebels of shelling the market.")
    assert accused.stance is Stance.ACCUSE
    warned = only("Doctors warned that the outbreak could spread.")
    assert warned.stance is Stance.WARN
    assert warned.content_text == "that the outbreak could spread"


def test_coordinated_verb_borrows_the_subject() -> None:
    found = extractor().extract(
        "The governor visited the flooded town and said that help was on the way."
    )
    said = [item for item in found if item.cue is not None and item.cue.text == "said"]
    assert said and said[0].source is not None and said[0].source.text == "The governor"


def test_told_reuters_sets_via() -> None:
    item = only("A police spokesman told Reuters that two people had been arrested.")
    assert item.via == "Reuters"
    assert item.content_text == "that two people had been arrested"


def test_pronoun_resolves_to_last_named_speaker() -> None:
    text = (
        "Health Minister Veronika Skvortsova said the clinics were ready. "
        "She added that more doctors would be hired."
    )
    found = extractor().extract(text)
    assert [item.speaker for item in found] == ["Veronika Skvortsova", "Veronika Skvortsova"]
    assert found[0].speaker_role == "Health Minister"


def test_sentence_without_attribution_gives_nothing() -> None:
    assert extractor().extract("The river rose two metres overnight after heavy rain.") == []


def test_fronted_statement_frames_the_content() -> None:
    found = extractor().extract("In a statement, the ministry said that the dam was safe.")
    said = [item for item in found if item.cue is not None and "said" in item.cue.text]
    assert said and said[0].content_text == "that the dam was safe"


def test_coordinated_plans_stay_in_the_content_but_added_starts_a_new_one() -> None:
    kept = extractor().extract("The mayor said he would cut taxes and raise wages.")
    assert kept[0].content_text == "he would cut taxes and raise wages"
    split = extractor().extract(
        "The mayor said the budget was balanced and added that taxes would fall."
    )
    contents = [item.content_text for item in split]
    assert "the budget was balanced" in contents
    assert "that taxes would fall" in contents


def test_rulings_of_courts_and_bodies_are_announcements() -> None:
    text = (
        "The appeals tribunal ruled that the dismissal of the nurse was unfair. "
        "The high court found that the minister had acted unlawfully. "
        "The licensing board decided that the fee was too high."
    )
    found = extractor().extract(text)
    assert [(item.source.text if item.source else None, item.stance) for item in found] == [
        ("The appeals tribunal", Stance.ANNOUNCE),
        ("The high court", Stance.ANNOUNCE),
        ("The licensing board", Stance.ANNOUNCE),
    ]


def test_a_study_finding_stays_a_report() -> None:
    item = only("The survey of farmers found that most of them had lost money.")
    assert item.stance is Stance.REPORT


def test_document_read_with_colon_and_quotation() -> None:
    text = (
        'The summary of the verdict read in part: "The panel has concluded that the merger '
        'was unlawful. The deal is void. This is the view of all five members."'
    )
    item = only(text)
    assert item.cue is not None and item.cue.text == "read"
    assert item.source is not None and item.source.text == "The summary of the verdict"
    assert item.quote and item.content_text.startswith('"The panel has concluded')


def test_read_parsed_as_a_modifier_still_opens_its_quotation() -> None:
    text = (
        "The panel sat for a week.\n\nThe outline of the decision read in part: "
        '"This Panel has found that the permit was invalid and must be withdrawn. '
        'The permit is void."'
    )
    item = only(text)
    assert item.cue is not None and item.cue.text == "read"
    assert item.source is not None and item.source.text == "The outline of the decision"
    assert item.quote and item.content_text.endswith('The permit is void."')


def test_words_of_a_verdict_are_announced() -> None:
    item = only("The verdict said the landlord must repay the tenants.")
    assert item.stance is Stance.ANNOUNCE


def test_passive_participle_noun_is_not_the_source() -> None:
    doc = extractor().nlp("Officers were studying a letter posted online to a forum by the driver.")
    posted = next(tok for tok in doc if tok.text == "posted")
    assert posted.dep_ == "acl"
    subject = find_subject(posted)
    assert subject is not None and subject.text == "driver"


def test_reported_clause_misread_as_adverbial() -> None:
    text = (
        "In an interview with a local paper, she said as a child she was forced to work "
        "on a farm by her uncle."
    )
    item = only(text)
    assert item.content_text == "she was forced to work on a farm by her uncle"


def test_according_to_a_role_keeps_the_name_set_off_after_it() -> None:
    text = (
        "According to the county mayor, Ray Dunn, during the weekend, police were checking "
        "whether a letter was written by the driver."
    )
    found = [
        item for item in extractor().extract(text) if item.cue and item.cue.text == "According to"
    ]
    assert len(found) == 1
    item = found[0]
    assert item.source is not None and item.source.text == "the county mayor, Ray Dunn"
    assert (item.speaker, item.speaker_role) == ("Ray Dunn", "county mayor")
    assert item.content_text.startswith("during the weekend, police")


def test_according_to_leaves_a_named_subject_in_the_content() -> None:
    item = only("According to the report, Tom Hale, 45, was arrested on Monday.")
    assert item.source is not None and item.source.text == "the report"


@pytest.mark.parametrize(
    ("text", "denial", "next_claim"),
    [
        (
            "The minister denied the report; the opposition claimed it was true.",
            ("The minister", "the report"),
            ("the opposition", "it was true"),
        ),
        (
            "Marek denied any financial activity, but upon learning his DNA was on Dorne's jacket"
            " he claimed the deal had been legal; Brisk consistently claimed the deal was legal.",
            ("Marek", "any financial activity"),
            ("Brisk", "the deal was legal"),
        ),
    ],
)
def test_a_clause_ended_by_a_semicolon_is_not_what_the_next_speaker_said(
    text: str, denial: tuple[str, str], next_claim: tuple[str, str]
) -> None:
    # The parser hangs the first clause under the next one's verb, as what was claimed.
    found = [
        (item.stance, item.source.text if item.source else None, item.content_text)
        for item in extractor().extract(text)
    ]
    assert (Stance.DENY, *denial) in found
    assert (Stance.CLAIM, *next_claim) in found


@pytest.mark.parametrize(
    ("text", "speaker", "denied"),
    [
        (
            "Anton Varga was later accused of leaking the report in some way, which he denied.",
            "Anton Varga",
            "Anton Varga was later accused of leaking the report in some way",
        ),
        (
            "Police said the driver had been drinking, which his lawyer disputed.",
            None,
            "the driver had been drinking",
        ),
    ],
)
def test_what_was_denied_with_which_is_the_clause_before_it(
    text: str, speaker: str | None, denied: str
) -> None:
    denial = next(item for item in extractor().extract(text) if item.stance is Stance.DENY)
    assert denial.content_text == denied
    if speaker is not None:
        assert denial.speaker == speaker
