"""What-questions: one speaker's statements told apart by their own words, statements that say
little put behind, and statements whose speaker was left a pronoun or missed credited to the
one named where the speaker would be. Articles and claims written here."""

from __future__ import annotations

from bot.answer.answerer import features_of_rows, rank_rows
from bot.answer.credits import SURNAME_ONLY, Claim, ClaimTexts, term_credit
from bot.answer.question import parse_question
from bot.answer.rank import score_claim
from bot.answer.ranker import load_ranker
from bot.answer.reading import Text, stem
from bot.answer.statement import behind_own_speaker, named_before, says_little, unresolved
from store.attributions import ArticleHeading, StoredClaim

TITLE = "Fenwick flood barrier to be raised before the winter storms"
OPENING = (
    "Fenwick flood barrier to be raised before the winter storms. "
    "The Fenwick Water Board met on Tuesday to plan the work on the flood barrier. "
    "It also said the old pumping station would close in March. "
    "Engineer Ana Ruiz, who leads the project, spoke to reporters after the meeting."
)
HEADING = ArticleHeading(id=7, title=TITLE, url=None, outlet=None, published=None, opening=OPENING)


def _row(
    number: int,
    speaker: str | None,
    content: str,
    sentence: str,
    *,
    cue: str = "said",
    quote: bool = False,
) -> StoredClaim:
    return StoredClaim(
        id=number,
        article_id=HEADING.id,
        speaker_name=speaker,
        source_text=speaker,
        speaker_role=None,
        stance="say",
        cue=cue,
        content=content,
        is_quote=quote,
        via=None,
        sentence=sentence,
        article=HEADING,
    )


def _claim(speaker: str | None, content: str, sentence: str, *, cue: str = "said") -> Claim:
    return Claim(
        speaker=speaker,
        speaker_role=None,
        stance="say",
        content=content,
        sentence=sentence,
        title=TITLE,
        article_text=OPENING,
        cue=cue,
    )


def _asked(question: str) -> frozenset[str]:
    parsed = parse_question(question)
    return frozenset(stem(word) for term in parsed.terms for word in term.text.lower().split())


def test_a_content_with_hardly_a_word_beyond_the_question_says_little() -> None:
    asked = _asked("What did Ana Ruiz say about the Fenwick Challenge?")
    assert says_little("a marathon", asked)
    assert says_little("the Fenwick Challenge", asked)  # only the question's own words
    assert not says_little("some pumps failed twice", asked)  # a clause, short as it is
    assert not says_little("the barrier would be raised by a metre before December", asked)


def test_speakers_left_as_pronouns_or_missing_are_unresolved() -> None:
    assert unresolved(None) and unresolved("") and unresolved("It") and unresolved(" they ")
    assert not unresolved("Ana Ruiz") and not unresolved("The Fenwick Water Board")


def test_each_claim_is_compared_with_its_own_speakers_best_only() -> None:
    shares = [1.0, 0.5, 0.2, 0.0]
    speakers = ["Ana Ruiz", "ana ruiz", "Piet Mol", None]
    assert behind_own_speaker(shares, speakers) == [0.0, -0.5, 0.0, 0.0]


def test_a_pronoun_speaker_is_the_one_named_just_before_it() -> None:
    question = parse_question("What did the Fenwick Water Board say about the pumping station?")
    board = next(term for term in question.terms if term.speaker and term.is_name)
    pronoun = _claim(
        "It",
        "the old pumping station would close in March",
        "It also said the old pumping station would close in March.",
    )
    texts = ClaimTexts.of(pronoun)
    assert term_credit(board, texts, back_reference=True) == SURNAME_ONLY
    assert term_credit(board, texts) < SURNAME_ONLY  # only a what-question reads it back
    assert score_claim(question, pronoun) > score_claim(
        question, _claim("It", pronoun.content, "It said so on Friday.")
    )  # a sentence not in the article has nothing before it


def test_a_missed_speaker_is_the_one_named_beside_an_active_cue_outside_quotes() -> None:
    def named(sentence: str, content: str, cue: str) -> bool:
        question = parse_question("What did Ana Ruiz say about the barrier?")
        ruiz = next(term for term in question.terms if term.speaker_name)
        texts = ClaimTexts.of(_claim(None, content, sentence, cue=cue))
        return named_before(
            ruiz,
            speaker=None,
            cue=cue,
            frame=texts.frame_text,
            sentence=texts.sentence,
            article=texts.article,
        )

    assert named(
        '"We are ready," engineer Ana Ruiz said in a statement, "to raise it."',
        '"to raise it."',
        "said in a statement",
    )
    assert not named(
        "Ana Ruiz was ordered to finish the barrier by May.",
        "to finish the barrier by May",
        "was ordered",
    )
    assert not named(
        '"Ask Ana Ruiz about it," a board member said, adding that the work was late.',
        "the work was late",
        "adding",
    )
    assert not named("Ana Ruiz", "", "")  # no cue to be beside


def test_only_a_name_written_in_full_is_read_back() -> None:
    question = parse_question("What did the engineer of Fenwick Harbour Court say?")
    court = next(term for term in question.terms if term.is_name and term.speaker)
    engineer = next(term for term in question.terms if term.text == "engineer")
    texts = ClaimTexts.of(_claim("It", "the barrier would rise", "It said the barrier would rise."))
    article = Text.of("The engineer met the Court's clerk. It said the barrier would rise.")
    for term in (court, engineer):  # "Court" alone is no "Fenwick Harbour Court"
        assert not named_before(
            term,
            speaker="It",
            cue="said",
            frame=texts.frame_text,
            sentence=texts.sentence,
            article=article,
        )


def test_the_statement_about_the_asked_topic_comes_before_the_speakers_others() -> None:
    # The title holds "flood barrier" for every claim of the article: only the statement's own
    # words tell which one is about it; "the meeting" names what she spoke at, it says little.
    rows = [
        _row(1, "Ana Ruiz", "the meeting", "Ana Ruiz attended the meeting.", cue="attended"),
        _row(
            2,
            "Ana Ruiz",
            "the crews would work through the night",
            "Ana Ruiz said the crews would work through the night.",
        ),
        _row(
            3,
            "Ana Ruiz",
            "the flood barrier would be raised by a metre",
            "Ana Ruiz said the flood barrier would be raised by a metre.",
        ),
    ]
    question = parse_question("What did Ana Ruiz say about the flood barrier?")
    ranked = rank_rows(question, rows)
    assert [row.id for _, row in ranked] == [3, 2, 1]  # 1 and 2 score alike: 1 says little
    ranker = load_ranker()
    featured = features_of_rows(question, rows)
    scores = {row.id: ranker.score(features) for features, row in featured}
    assert {row.id: score for score, row in ranked} == scores  # the order leaves scores alone
    behind = {row.id: features["what_topic_behind"] for features, row in featured}
    assert behind == {1: -1.0, 2: -1.0, 3: 0.0}


def test_who_questions_are_not_ordered_by_statements() -> None:
    rows = [
        _row(1, "Ana Ruiz", "the meeting", "Ana Ruiz attended the meeting.", cue="attended"),
        _row(2, "It", "the flood barrier would rise", "It said the flood barrier would rise."),
    ]
    question = parse_question("Who said the flood barrier would rise?")
    for features, _ in features_of_rows(question, rows):
        assert features["what_says_little"] == 0.0 and features["what_topic_behind"] == 0.0


BREAKS = ArticleHeading(
    id=8,
    title="Brekke ferry crews ask for longer breaks",
    url=None,
    outlet=None,
    published=None,
    opening=(
        "Brekke ferry crews ask for longer breaks. Council leader Ingrid Solberg spoke on "
        "Monday about the ferry to Brekke island."
    ),
)


def _solberg(number: int, content: str, sentence: str) -> StoredClaim:
    return StoredClaim(
        id=number,
        article_id=BREAKS.id,
        speaker_name="Ingrid Solberg",
        source_text="Solberg",
        speaker_role="Council leader",
        stance="say",
        cue="said",
        content=content,
        is_quote=False,
        via=None,
        sentence=sentence,
        article=BREAKS,
    )


def test_words_of_the_title_do_not_make_a_speakers_claims_alike_in_their_own_words() -> None:
    rows = [
        _solberg(1, "the timetable would change", "Solberg said the timetable would change."),
        _solberg(
            2,
            "the crews had asked for longer breaks",
            "Solberg said the crews had asked for longer breaks.",
        ),
    ]
    question = parse_question("What did Solberg say about breaks for the ferry crews?")
    featured = {row.id: features for features, row in features_of_rows(question, rows)}
    # the title holds "breaks", "ferry" and "crews": every claim of the article holds them
    assert featured[1]["distinctive"] == featured[2]["distinctive"]
    # in their own words only the second does
    assert featured[2]["distinctive_own"] > featured[1]["distinctive_own"]


def test_one_speakers_claims_of_one_sentence_are_told_apart_by_their_contents() -> None:
    sentence = "Solberg said the timetable would change and the crews had asked for longer breaks."
    rows = [
        _solberg(1, "the timetable would change", sentence),
        _solberg(2, "the crews had asked for longer breaks", sentence),
    ]
    question = parse_question("What did Solberg say about longer breaks?")
    featured = {row.id: features for features, row in features_of_rows(question, rows)}
    assert featured[1]["what_topic_own"] == featured[2]["what_topic_own"] == 1.0
    assert featured[2]["what_topic_content"] == 1.0
    assert featured[1]["what_topic_content"] == 0.0
    assert featured[1]["what_content_behind"] == -1.0
    assert featured[2]["what_content_behind"] == 0.0


def test_a_claims_meaning_is_compared_with_its_speakers_other_claims() -> None:
    rows = [
        _solberg(1, "the timetable would change", "Solberg said the timetable would change."),
        _solberg(2, "the crews were tired", "Solberg said the crews were tired."),
        _row(3, "Ana Ruiz", "the barrier would rise", "Ana Ruiz said the barrier would rise."),
    ]
    meanings = {1: 0.25, 2: 0.5, 3: 0.75}
    question = parse_question("What did Solberg say about the crews?")
    featured = {row.id: f for f, row in features_of_rows(question, rows, meanings)}
    behind = {number: featured[number]["what_meaning_behind"] for number in featured}
    assert behind == {1: -0.25, 2: 0.0, 3: 0.0}  # Ruiz's claim is hers alone
    who = parse_question("Who said the crews were tired?")
    for features, _ in features_of_rows(who, rows, meanings):
        assert features["what_meaning_behind"] == 0.0 and features["what_content_behind"] == 0.0
