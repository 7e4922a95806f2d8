"""Candidates put in order among themselves: a claim holding the question's rarer words first,
without any claim's score (and so whether it answers) moving."""

from __future__ import annotations

import math

from bot.answer.answerer import features_of_rows, rank_rows, read_rows
from bot.answer.credits import term_credits
from bot.answer.question import parse_question
from bot.answer.rank import distinctive_coverage
from bot.answer.ranker import Ranker, load_ranker
from store.attributions import ArticleHeading, StoredClaim

ARTICLE = ArticleHeading(
    id=1,
    title="Lakeside council changes ferry timetable",
    url=None,
    outlet=None,
    published=None,
    opening=(
        "Lakeside council changes ferry timetable. Council leader Ingrid Solberg spoke about "
        "the ferry to Brekke island and the ferry crews."
    ),
)


def _said(number: int, content: str) -> StoredClaim:
    return StoredClaim(
        id=number,
        article_id=ARTICLE.id,
        speaker_name="Ingrid Solberg",
        source_text="Solberg",
        speaker_role="Council leader",
        stance="say",
        cue="said",
        content=content,
        is_quote=False,
        via=None,
        sentence=f"Solberg said {content}.",
        article=ARTICLE,
    )


CLAIMS = [
    _said(1, "the ferry to Brekke island would run later in the evening"),
    _said(2, "the ferry to Brekke island would cost the council more"),
    _said(3, "the ferry crews to Brekke island had asked for longer breaks"),
]


def test_order_weights_move_a_claim_among_candidates_not_its_score() -> None:
    ranker = Ranker(weights={"base": 1.0}, bias=0.5, order={"distinctive": 0.3})
    features = {"base": 0.2, "distinctive": 1.0}
    assert math.isclose(ranker.order_key(features), 0.7 + 0.3)
    assert math.isclose(ranker.score(features), 100.0 / (1.0 + math.exp(-0.7)))
    assert Ranker.from_json(ranker.as_json()) == ranker
    assert Ranker.from_json({"bias": 0.5, "weights": {"base": 1.0}}).order == {}


def test_the_claim_alone_holding_the_questions_rare_words_comes_first() -> None:
    question = parse_question("What did Solberg say about breaks for the Brekke ferry crews?")
    ranked = rank_rows(question, CLAIMS)
    assert ranked[0][1].id == 3
    ranker = load_ranker()
    scores = {
        row.id: ranker.score(features) for features, row in features_of_rows(question, CLAIMS)
    }
    assert {row.id: score for score, row in ranked} == scores  # the order leaves scores alone


def test_claims_sharing_only_the_events_words_are_told_apart_by_the_rest() -> None:
    question = parse_question("What did Solberg say about the Brekke ferry running in the evening?")
    first = rank_rows(question, CLAIMS)[0][1]
    assert first.id == 1


ISLAND = ArticleHeading(
    id=2,
    title="Brekke island news",
    url=None,
    outlet=None,
    published=None,
    opening="Brekke island news. The island's council met on Monday about the ferry.",
)


def _by(number: int, speaker: str, stance: str, cue: str, content: str) -> StoredClaim:
    return StoredClaim(
        id=number,
        article_id=ISLAND.id,
        speaker_name=speaker,
        source_text=speaker,
        speaker_role=None,
        stance=stance,
        cue=cue,
        content=content,
        is_quote=False,
        via=None,
        sentence=f"{speaker} {cue} {content}.",
        article=ISLAND,
    )


def test_the_act_asked_about_counts_among_the_rare_things_a_claim_holds() -> None:
    """ "Who confirmed the ferry timetable change?": the one claim that confirms comes before
    claims that hold more of the topic's own words but only announce or report it."""
    claims = [
        _by(1, "Ingrid Solberg", "announce", "announced", "the ferry timetable change for Brekke"),
        _by(2, "Brekke Ferry Company", "report", "reported", "the ferry timetable change"),
        _by(3, "Lakeside council", "confirm", "confirmed", "the timetable change"),
    ]
    question = parse_question("Who confirmed the ferry timetable change?")
    assert rank_rows(question, claims)[0][1].id == 3
    credits = [term_credits(question, texts) for texts in read_rows(claims)]
    words_alone = distinctive_coverage(question, credits)
    assert words_alone[2] < words_alone[0]  # by the topic's words alone it would come last
