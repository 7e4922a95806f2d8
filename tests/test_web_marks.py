"""An article's text in marked pieces: nothing lost, each character marked once."""

from __future__ import annotations

from dataclasses import replace

from bot.answer.model import Answer, ArticleRef
from bot.answer.views import Place, PlacedClaim
from bot.web.marks import mark_pieces

TEXT = '"We never fired," Ana Ruiz said, "not once." The mayor denied it.'
ARTICLE = ArticleRef(id=1, title="t", url=None, outlet=None, published=None)
CLAIM = Answer(
    attribution_id=1,
    speaker="Ana Ruiz",
    speaker_description=None,
    stance="deny",
    cue="said",
    content="We never fired … not once.",
    quote=True,
    via=None,
    sentence=TEXT,
    article=ARTICLE,
    score=100.0,
)


def at(word: str) -> Place:
    start = TEXT.index(word)
    return Place(start, start + len(word))


def test_a_quote_in_pieces_marks_its_source_and_cue_inside_the_content() -> None:
    placed = PlacedClaim(
        claim=CLAIM,
        source=at("Ana Ruiz"),
        cue=at("said"),
        content=Place(0, TEXT.index(" The mayor")),
    )
    pieces = mark_pieces(TEXT, [placed])
    assert "".join(piece.text for piece in pieces) == TEXT
    kinds = [(piece.kind, piece.text) for piece in pieces if piece.kind]
    assert ("source", "Ana Ruiz") in kinds and ("cue", "said") in kinds
    assert kinds[0] == ("content", '"We never fired," ')
    assert [piece.last for piece in pieces if piece.kind].count(True) == 1
    assert pieces[-1] == type(pieces[-1])(" The mayor denied it.")


def test_overlapping_and_broken_places_keep_the_text_whole() -> None:
    first = PlacedClaim(claim=CLAIM, source=at("Ana Ruiz"), cue=at("said"), content=at("not"))
    second = PlacedClaim(
        claim=replace(CLAIM, attribution_id=2, stance="say"),
        source=Place(TEXT.index("Ruiz"), len(TEXT) + 50),  # past the end: cut to the text
        cue=Place(5, 5),  # empty: not marked
        content=None,
    )
    pieces = mark_pieces(TEXT, [first, second])
    assert "".join(piece.text for piece in pieces) == TEXT
    assert [p.text for p in pieces if p.number == 1 and p.kind == "source"] == ["Ana Ruiz"]
    # The second claim marks only what the first leaves: the space before "said", then what
    # follows it less "not".
    seconds = [p for p in pieces if p.number == 2]
    assert [p.text for p in seconds] == [" ", ', "', ' once." The mayor denied it.']
    assert all(p.kind == "source" for p in seconds) and seconds[-1].last


def test_an_article_without_claims_is_one_plain_piece() -> None:
    assert [(p.text, p.kind) for p in mark_pieces(TEXT, [])] == [(TEXT, None)]
    assert mark_pieces("", []) == []
