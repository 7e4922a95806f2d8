"""Questions read however they are typed: in lower case, with initialisms or spelled out."""

from __future__ import annotations

import json
from importlib import resources

from bot.answer.credits import Claim, ClaimTexts
from bot.answer.initialisms import initialism_of, initialisms, looks_like_initialism
from bot.answer.question import TermKind, parse_question
from bot.answer.rank import ANSWER_THRESHOLD, claim_features, score_claim
from bot.answer.ranker import Ranker, load_ranker
from bot.answer.reading import Text, term_found
from bot.answer.truecase import is_lower_case, truecased

ARTICLE = (
    "Transport minister Petra Lindqvist of the Ostmark Department of Transportation said on "
    "Friday that the bridge would reopen. Lindqvist told reporters the repairs cost more than "
    "planned. A spokesman for D'Arcy Holdings, the builder, said the company was not to blame. "
    "Later the prime minister, Karel Obst, said he trusted Lindqvist."
)


def test_a_lower_case_question_gets_the_capitals_its_articles_give_names() -> None:
    question = "what did lindqvist say about darcy holdings and the bridge"
    assert is_lower_case(question)
    restored = truecased(question, [ARTICLE])
    assert restored == "what did Lindqvist say about D'Arcy Holdings and the bridge"
    terms = {term.text: term.kind for term in parse_question(restored).terms}
    assert terms["Lindqvist"] is TermKind.NAME
    assert terms["bridge"] is TermKind.WORD


def test_words_the_articles_write_in_lower_case_or_for_people_stay_as_typed() -> None:
    restored = truecased("what did the minister say about the repairs", [ARTICLE])
    assert restored == "what did the minister say about the repairs"
    assert not is_lower_case("What did Lindqvist say?")


def test_an_unknown_word_beside_a_known_name_is_the_rest_of_a_name() -> None:
    # "Sven" is nowhere in the article: a Lindqvist it does not quote, not the minister.
    restored = truecased("what did sven lindqvist say", [ARTICLE])
    assert restored == "what did Sven Lindqvist say"


def test_initialisms_of_names_and_of_descriptions() -> None:
    found = initialisms("the Ostmark Department of Transportation said")
    assert {"dot", "odot", "dt"} <= found
    assert "pm" not in initialisms("the prime minister said")  # lower case: not a name here
    assert "pm" in initialisms("Karel Obst former prime minister", description=True)
    assert initialism_of("National Health Service") == "nhs"
    assert initialism_of("the bridge") is None
    assert looks_like_initialism("DOT") and looks_like_initialism("U.N.")
    assert looks_like_initialism("nsw", lower_case_question=True)
    assert not looks_like_initialism("nsw") and not looks_like_initialism(
        "bridge", lower_case_question=True
    )


def test_a_question_shortening_a_name_finds_it_spelled_out() -> None:
    question = parse_question("Which DOT official said the bridge would reopen?")
    dot = next(term for term in question.terms if term.text == "DOT")
    assert term_found(dot, Text.of(ARTICLE))
    lower = parse_question("what did the pm say about lindqvist")
    pm = next(term for term in lower.terms if term.text == "pm")
    assert pm.kind is TermKind.NAME
    assert term_found(pm, Text.of("Karel Obst prime minister", description=True))
    assert not term_found(pm, Text.of("the bridge would reopen"))


def test_a_question_spelling_out_an_initialism_finds_it() -> None:
    question = parse_question("What did the National Health Service say about the bridge?")
    name = next(term for term in question.terms if term.is_name)
    assert "nhs" in name.alternatives
    assert term_found(name, Text.of("The NHS said the bridge was safe."))


def test_the_ranker_scores_a_claims_features_as_a_chance() -> None:
    ranker = load_ranker()
    text = resources.files("bot.answer").joinpath("data", "ranker.json").read_text("utf-8")
    assert Ranker.from_json(json.loads(text)) == ranker
    question = parse_question("Who said the Ostmark bridge would reopen?")
    claim = Claim(
        speaker="Petra Lindqvist",
        speaker_role="Transport minister",
        stance="say",
        content="the bridge would reopen",
        sentence=ARTICLE.split(". ")[0] + ".",
        title="Ostmark bridge to reopen",
        article_text=ARTICLE,
    )
    features = claim_features(question, claim, ClaimTexts.of(claim))
    assert set(features) == set(ranker.weights)
    assert 0.0 <= score_claim(question, claim) <= 100.0
    assert score_claim(question, claim) >= ANSWER_THRESHOLD
    unrelated = Claim(
        speaker="Karel Obst",
        speaker_role="prime minister",
        stance="say",
        content="he trusted Lindqvist",
        sentence="Later the prime minister, Karel Obst, said he trusted Lindqvist.",
        title="Ostmark bridge to reopen",
        article_text=ARTICLE,
    )
    assert score_claim(question, claim) > score_claim(question, unrelated)


def test_a_lower_case_initialism_is_written_as_one() -> None:
    # "pm" and "cvr" are nowhere in the article: initialisms typed in lower case, not names
    # beside "Obst" to capitalise; "mp" is a word for a kind of speaker and stays a role.
    assert truecased("what did karel obst the pm say", [ARTICLE]) == (
        "what did Karel Obst the PM say"
    )
    assert truecased("which mp trusted obst", [ARTICLE]) == "which mp trusted Obst"
    assert "MR" not in truecased("what did mr obst say", [ARTICLE])


def test_an_initialism_finds_the_lower_case_words_it_shortens() -> None:
    question = parse_question("Who said the CVR of the bridge crane was found?")
    cvr = next(term for term in question.terms if term.text == "CVR")
    assert term_found(cvr, Text.of("Divers found the crane's cockpit voice recorder."))
    assert not term_found(cvr, Text.of("Divers found the crane's cockpit."))


def test_a_role_typed_as_a_capitalised_word_or_initialism_is_the_kind_asked_for() -> None:
    question = parse_question("Which Ostmark MP said the repairs cost more than planned?")
    kinds = {term.text: term.kind for term in question.terms}
    assert kinds["MP"] is TermKind.ROLE and kinds["Ostmark"] is TermKind.NAME
    mp = next(term for term in question.terms if term.text == "MP")
    assert term_found(mp, Text.of("Aino Rask a member of parliament", description=True))
    assert kinds_of("Which Ostmark Senator said it?")["Senator"] is TermKind.ROLE


def kinds_of(question: str) -> dict[str, TermKind]:
    return {term.text: term.kind for term in parse_question(question).terms}


def test_a_given_name_the_articles_also_write_in_lower_case_gets_its_capital() -> None:
    texts = [
        "He named his wife as his successor. Grace Mugabe was already unpopular.",
        "Robert Mugabe died on Friday, by the grace of a long life.",
    ]
    assert truecased("what did grace mugabe say after robert mugabe died", texts) == (
        "what did Grace Mugabe say after Robert Mugabe died"
    )
    # not before a word that is no name, nor when the pair is never written so
    assert truecased("did grace period end for robert mugabe", texts) == (
        "did grace period end for Robert Mugabe"
    )
