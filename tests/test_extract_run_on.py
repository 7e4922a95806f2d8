"""Contents that run into a quotation, and speakers read off two subjects or an apposition,
on sentences written for these tests."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.extract.model import ExtractedAttribution
from bot.extract.rules import find_subject
from tests.extract_helpers import extractor


def by_cue(text: str, cue: str) -> ExtractedAttribution:
    found = [item for item in extractor().extract(text) if item.cue and item.cue.text == cue]
    assert len(found) == 1, [item.as_json() for item in extractor().extract(text)]
    return found[0]


def test_a_quotation_after_the_colon_closing_the_cue_phrase_is_the_content() -> None:
    text = (
        "The harbour had been closed for a month.\n\n"
        "Senator Ines Moreau spoke to the press after the vote: “We waited far too long. "
        "The fishermen lost a whole season. Nobody in this town will forget it.”\n\n"
        "The harbour reopens on Monday."
    )
    item = by_cue(text, "spoke to")
    assert item.speaker == "Ines Moreau"
    assert item.quote
    assert item.content_text.endswith("Nobody in this town will forget it.”")
    assert "The harbour reopens" not in item.content_text


def test_a_quotation_right_after_the_content_continues_it() -> None:
    text = (
        "Pavel Duris of the Lindham Water Board commented on the audit: “The pipes are "
        "older than we were told. But the audit shows that the water itself is clean.”"
    )
    item = by_cue(text, "commented on")
    assert item.content[0].text == "the audit"
    assert item.content[-1].text.endswith("the water itself is clean.”")


def test_a_content_ending_in_and_runs_into_the_quotation_after_it() -> None:
    text = (
        "Mayor Tomas Lind said he was “grateful” to the voters and “I will never take this "
        "city for granted. I will work every day to keep your trust.”\n\nThe count ended late."
    )
    item = by_cue(text, "said")
    assert item.content_text.startswith("he was “grateful”")
    assert item.content[-1].text.endswith("to keep your trust.”")


def test_a_quotation_opening_the_next_sentence_is_not_run_into() -> None:
    text = (
        "Ana Berg commented on the budget. “It is the tightest in ten years,” said Olof "
        "Lind, the treasurer."
    )
    item = by_cue(text, "commented on")
    assert item.content_text == "the budget"


def test_of_two_subjects_set_apart_by_but_the_nearer_is_the_source() -> None:
    # The parse the model gave a sentence of an article: "stated" has both subjects.
    words = ["The", "partner", "asked", "for", "secrecy", ",", "but", "the", "commissioner",
             "stated", "the", "deal", "was", "paid", "by", "a", "loan", "."]  # fmt: skip
    heads = [1, 9, 1, 2, 3, 1, 1, 8, 9, 9, 11, 13, 13, 9, 13, 16, 14, 9]
    deps = ["det", "nsubj", "acl", "prep", "pobj", "punct", "cc", "det", "nsubj", "ROOT",
            "det", "nsubjpass", "auxpass", "ccomp", "agent", "det", "pobj", "punct"]  # fmt: skip
    doc = Doc(extractor().nlp.vocab, words=words, heads=heads, deps=deps)
    subject = find_subject(doc[9])
    assert subject is not None and subject.text == "commissioner"


def test_a_subject_cut_in_two_by_the_parser_keeps_its_first_part() -> None:
    words = ["study", "co", "-", "author", "Carl", "Lipo", "said", "it", "was", "old", "."]
    heads = [1, 6, 3, 6, 5, 3, 6, 8, 6, 8, 6]
    deps = ["compound", "nsubj", "punct", "nsubj", "compound", "appos", "ROOT", "nsubj",
            "ccomp", "acomp", "punct"]  # fmt: skip
    doc = Doc(extractor().nlp.vocab, words=words, heads=heads, deps=deps)
    subject = find_subject(doc[6])
    assert subject is not None and subject.text == "co"


def test_a_name_set_after_a_role_in_apposition_is_the_speaker() -> None:
    text = (
        "Regional news site Valley Post's managing editor, Hanna Koivu, said the paper would "
        "keep its office open."
    )
    item = by_cue(text, "said")
    assert item.speaker == "Hanna Koivu"
    assert item.speaker_role is not None and "managing editor" in item.speaker_role


def test_a_surname_is_not_joined_to_the_end_of_the_sentence_before() -> None:
    text = (
        "The court heard from two nurses, according to KVLN-TV. Brandt, 41, has two "
        "children.\n\nBrandt testified in his own defence, claiming the records were wrong."
    )
    item = by_cue(text, "claiming")
    assert item.speaker == "Brandt"


def test_a_speech_verb_after_a_closed_quotation_is_its_cue() -> None:
    text = (
        "“With all that has happened to our town, we feel that the new park is going to heal "
        "us[,]” Rosa Tanaka of the Hill Valley heritage office told those gathered to watch "
        "the opening."
    )
    item = by_cue(text, "told")
    assert item.speaker == "Rosa Tanaka"
    assert item.quote and item.content_text.startswith("“With all that has happened")


def test_a_text_put_out_by_someone_is_theirs() -> None:
    item = by_cue(
        "The bridge is unsafe, according to a report released by the Lindham council.",
        "according to",
    )
    assert item.speaker is not None and item.speaker.endswith("Lindham council")
    item = by_cue("A video posted by the ministry showed that the dam had burst.", "showed")
    assert item.speaker is not None and item.speaker.endswith("ministry")


def test_a_passive_announcement_by_someone_leaves_out_the_placeholder_it() -> None:
    text = "It was announced by the Lindham council that the library would close."
    item = by_cue(text, "was announced")
    assert item.speaker is not None and item.speaker.endswith("Lindham council")
    assert item.content_text == "that the library would close"


def test_a_quotation_broken_off_by_a_frame_of_its_own_is_not_run_into() -> None:
    text = "The council commented on the delays, “we cannot promise a date,” Karl Aune added."
    item = by_cue(text, "commented on")
    assert item.content_text == "the delays"


def test_a_quotation_opening_the_paragraph_after_a_colon_is_the_content() -> None:
    text = (
        "The ferry to Skarholm has not sailed since the storm in January.\n\n"
        "Mayor Ana Lind told the council on Friday:\n\n"
        "“The ferry will run again in May. We owe that to the islanders.”\n\n"
        "The council meets again next week."
    )
    item = by_cue(text, "told")
    assert item.speaker == "Ana Lind"
    assert item.quote
    assert item.content_text == "“The ferry will run again in May. We owe that to the islanders.”"


def test_a_quotation_filling_the_paragraph_after_its_frame_goes_on_with_it() -> None:
    text = (
        "The ferry to Skarholm has not sailed since the storm in January.\n\n"
        "“The ferry will run again in May,” Mayor Ana Lind said.\n\n"
        "“We owe that to the islanders. Nobody should wait a winter for a boat.”\n\n"
        "The council meets again next week."
    )
    item = by_cue(text, "said")
    assert item.content[0].text == "“The ferry will run again in May,”"
    assert item.content[-1].text.endswith("Nobody should wait a winter for a boat.”")
    assert "council meets" not in item.content_text


def test_a_quotation_in_the_next_paragraph_with_a_frame_of_its_own_is_not_taken() -> None:
    text = (
        "The ferry to Skarholm has not sailed since the storm in January.\n\n"
        "“The ferry will run again in May,” Mayor Ana Lind said.\n\n"
        "“We have heard that before,” the harbour master Olof Berg replied.\n\n"
        "The council meets again next week."
    )
    item = by_cue(text, "said")
    assert item.content_text == "“The ferry will run again in May,”"


def test_a_trailing_apposition_stays_in_the_content_a_relative_clause_does_not() -> None:
    # Learned from PolNeAR train (data/content_edges.tsv): gold contents mostly keep a
    # comma-set apposition at their end and mostly leave out a comma-set relative clause.
    apposition = "Ana Ruiz said the levy would fund the ferry to Skarholm, an island of 900 people."
    relative = "The mayor said the count was won by Olof Berg, who ran on cheaper fares."
    assert by_cue(apposition, "said").content_text.endswith("Skarholm, an island of 900 people")
    assert by_cue(relative, "said").content_text == "the count was won by Olof Berg"


def test_a_content_ending_in_and_takes_the_conjunct_the_parser_hung_on_the_cue() -> None:
    text = "Lena Osk wants to be the candidate of the coast — and the first choice of the islands."
    item = by_cue(text, "wants")
    assert item.content_text.endswith("of the coast — and the first choice of the islands")


def test_a_quotation_after_the_next_sentence_s_own_frame_is_not_the_first_cue_s() -> None:
    text = (
        "“The harbour will open in May,” Ana Lind said at the pier. The boats were ready, "
        "she added, “but the crews are not.”"
    )
    assert by_cue(text, "said").content_text == "“The harbour will open in May,”"
