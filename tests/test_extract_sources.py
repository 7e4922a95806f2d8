"""Sources the parser hung elsewhere (ninth session): the articles are written for the tests."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.extract.model import ExtractedAttribution
from bot.extract.rules import source_tokens
from bot.extract.stray_subjects import phrase_before
from tests.extract_helpers import extractor


def _by_cue(text: str, cue: str) -> ExtractedAttribution:
    found = [item for item in extractor().extract(text) if item.cue and item.cue.text == cue]
    assert found, f"no attribution with the cue {cue!r}"
    return found[0]


def _source(text: str, cue: str) -> str | None:
    item = _by_cue(text, cue)
    return item.source.text if item.source else None


def test_a_quote_read_as_a_subject_gives_way_to_the_speaker_after_the_cue() -> None:
    text = (
        "The ferry to Mirna Island will stop running in October, and the islanders are "
        'worried.\n\n"Money," said Mira Holm, a Harbour Party voter. "Money for the whole '
        'island, everybody."'
    )
    item = _by_cue(text, "said")
    assert item.source is not None and item.source.text == "Mira Holm, a Harbour Party voter"
    assert item.speaker == "Mira Holm"


def test_a_name_read_as_an_apposition_before_the_cue_is_its_source() -> None:
    text = (
        "On Friday in Port Alder, while on the road for his sister Harbour Party candidate "
        "Lena Kovac, former mayor Ivo Kovac said his sister was ready to lead the city."
    )
    item = _by_cue(text, "said")
    assert item.source is not None and item.source.text == "former mayor Ivo Kovac"
    assert item.speaker == "Ivo Kovac"


def test_a_name_after_a_dateline_is_the_source_when_the_parser_hangs_it_on_the_place() -> None:
    text = (
        "KESTRIA, May 4 (UPI) — Former Attorney General Paula Greaves told delegates at "
        "the Harbour Party Convention that Dana Reyes’s use of a private boat should "
        "disqualify her."
    )
    item = _by_cue(text, "told")
    assert item.source is not None and item.source.text == "Former Attorney General Paula Greaves"
    assert item.speaker == "Paula Greaves"


def test_a_verb_read_as_a_modifier_of_the_name_before_it_keeps_the_name_only() -> None:
    # The parse spaCy gives some such sentences: the name is the root, "called" its modifier.
    words = ["Paula", "Greaves", "called", "Wednesday", "for", "Dana", "Reyes", "to", "resign", "."]
    heads = [1, 1, 1, 2, 8, 6, 8, 8, 2, 1]
    deps = ["compound", "ROOT", "acl", "npadvmod", "mark", "compound", "nsubj", "aux", "advcl"]
    tags = ["NNP", "NNP", "VBD", "NNP", "IN", "NNP", "NNP", "TO", "VB", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "SCONJ", "PROPN", "PROPN", "PART", "VERB", "PUNCT"]
    doc = Doc(
        extractor().nlp.vocab, words=words, heads=heads, deps=[*deps, "punct"], tags=tags, pos=pos
    )
    cue = doc[2]
    subject = phrase_before(cue, cue, doc[:], lambda token: False)
    assert subject is not None and subject.text == "Greaves"
    kept = [tok.text for tok in source_tokens(subject, cue) if tok.i < cue.i]
    assert kept == ["Paula", "Greaves"]


def test_an_object_before_a_verb_is_not_taken_as_its_source() -> None:
    text = "The board met the press. Later it announced that the port would close."
    item = _by_cue(text, "announced")
    assert item.source is not None and item.source.text == "it"


def test_a_frame_after_a_question_quote_stays_with_its_quote() -> None:
    text = (
        "The harbour board met on Monday.\n\n"
        "“Why would anyone close a port that pays for itself?” Ivo Kovac said. “The plan "
        "makes no sense.”"
    )
    item = _by_cue(text, "said")
    assert item.source is not None and item.source.text == "Ivo Kovac"
    assert "Why would anyone close a port" in item.content_text


def test_a_frame_after_an_exclaimed_quote_stays_with_its_quote() -> None:
    text = "Lena Berg opened the letter at the door. “I’m honoured!” she said. “Truly.”"
    item = _by_cue(text, "said")
    assert item.source is not None and item.source.text == "she"


def test_a_question_quote_followed_by_a_sentence_of_its_own_still_ends() -> None:
    doc = extractor().nlp("“Is the port closing?” The answer came a week later from the board.")
    assert len(list(doc.sents)) == 2


def test_a_poll_named_with_in_is_the_source_of_its_finding() -> None:
    text = "In a Harbour Times poll released Monday, Mayor Lena Berg held a ten-point lead."
    item = _by_cue(text, "In")
    assert item.source is not None and item.source.text == "a Harbour Times poll released Monday"
    assert item.content_text.startswith("Mayor Lena Berg held a ten-point lead")


def test_in_a_statement_leaves_the_cue_to_the_speech_verb() -> None:
    text = "In a statement, the harbour board said the port would close in May."
    found = extractor().extract(text)
    assert [item.cue.text for item in found if item.cue] == ["said"]


def test_a_dateline_subject_borrowed_through_an_ing_clause_gives_way_to_the_speaker() -> None:
    text = (
        "Sofia (AFP) – Harbour Party leader Ana Ruiz has taken a swipe at her rival Ivo "
        "Kovac’s port plan, saying that “empty promises” do more harm than good."
    )
    item = _by_cue(text, "saying")
    assert item.source is not None and item.source.text == "Harbour Party leader Ana Ruiz"
    assert item.speaker == "Ana Ruiz"


def test_a_candidate_leading_in_the_polls_is_no_report_of_the_polls() -> None:
    text = "Mayor Lena Berg still leads in the polls, and her rival is far behind."
    assert not [item for item in extractor().extract(text) if item.cue and item.cue.text == "in"]


def test_an_ing_clause_after_a_place_inside_a_phrase_keeps_the_speakers_subject() -> None:
    text = "Harbour Minister Ana Ruiz posted a message on Twitter blaming the rebels for the fire."
    item = _by_cue(text, "blaming")
    assert item.speaker == "Ana Ruiz"
