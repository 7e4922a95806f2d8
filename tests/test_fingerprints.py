"""Sentence fingerprints and the reuse decision, as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

from reuse_articles import ADDED_PARAGRAPH_COPY, EDITED_COPY, ORIGINAL, SAME_TOPIC

from bot.extract.fingerprints import BANDS, fingerprint, sentence_spans, similarity
from bot.extract.reuse import Side, earlier_first, names_source, reuse_between


def _best(text: str, against: str) -> list[float]:
    theirs = fingerprint(against)
    return [max(similarity(p.signature, t.signature) for t in theirs) for p in fingerprint(text)]


def test_sentences_split_at_stops_and_line_breaks() -> None:
    text = 'He said "yes." Then 40 people left!\nA new line starts here? yes it does'
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        'He said "yes."',
        "Then 40 people left!",
        "A new line starts here? yes it does",
    ]


def test_a_sentence_copied_or_lightly_edited_matches_and_another_does_not() -> None:
    copied = _best(ADDED_PARAGRAPH_COPY.text, ORIGINAL.text)
    assert copied[:7] == [1.0] * 7  # the original's seven sentences
    assert max(copied[7:]) < 0.2  # the added paragraph
    edited = _best(EDITED_COPY.text, ORIGINAL.text)
    assert [s >= 0.5 for s in edited] == [True, True, True, False, True, True]
    assert max(_best(SAME_TOPIC.text, ORIGINAL.text)) < 0.2


def test_fingerprints_ignore_case_accents_and_punctuation() -> None:
    first = fingerprint("The Minister said the café would reopen on Monday morning.")
    second = fingerprint("the minister said: the cafe would REOPEN on monday morning")
    assert first[0].signature == second[0].signature
    assert len(first[0].bands) == BANDS and first[0].bands == second[0].bands


def test_short_sentences_are_not_fingerprinted() -> None:
    assert fingerprint("He said so. Reuters reported it.") == []


def _side(id_: int, *, day: int | None, chars: int, matched_chars: int, matched: int) -> Side:
    published = datetime(2026, 3, day, tzinfo=UTC) if day else None
    return Side(
        id=id_, published=published, chars=chars, matched_chars=matched_chars, matched=matched
    )


def test_the_earlier_by_date_is_the_source_and_ingest_order_breaks_ties() -> None:
    copy = _side(1, day=11, chars=1000, matched_chars=700, matched=5)
    original = _side(2, day=10, chars=800, matched_chars=760, matched=5)
    link = reuse_between(copy, original)
    assert link is not None
    assert (link.copy_id, link.source_id, link.share, link.source_share) == (1, 2, 0.7, 0.95)
    same_day = _side(3, day=11, chars=800, matched_chars=760, matched=5)
    assert earlier_first(same_day, copy)[0].id == 1
    undated = _side(4, day=None, chars=800, matched_chars=760, matched=5)
    assert earlier_first(undated, copy)[0].id == 1


def test_one_shared_sentence_links_only_when_it_is_much_of_a_text() -> None:
    quote = dict(matched_chars=100, matched=1)
    assert (
        reuse_between(_side(1, day=10, chars=2000, **quote), _side(2, day=11, chars=3000, **quote))
        is None
    )
    assert reuse_between(
        _side(1, day=10, chars=2000, **quote), _side(2, day=11, chars=150, **quote)
    )


def test_names_source_reads_vias_and_credits_in_the_text() -> None:
    assert names_source("The port denied it, Baltic Wire reported.", [], "Baltic Wire")
    assert names_source("She said so.", ["Reuters"], "Reuters")
    assert names_source("according to the baltic  wire", [], "The Baltic Wire")
    assert not names_source("The port denied it.", [], "Baltic Wire")
    assert not names_source("Baltic Wireless said so.", [], "Baltic Wire")
    assert not names_source("Baltic Wire reported.", [], None)
