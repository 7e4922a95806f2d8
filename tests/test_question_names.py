"""Names in questions however they are typed: misspelt, transliterated, in lower case, or
shared by two people of one family."""

from __future__ import annotations

import pytest

from bot.answer.credits import SURNAME_ONLY, Claim, ClaimTexts, term_credit
from bot.answer.names import another_given_name, find_name, same_name
from bot.answer.question import parse_question
from bot.answer.rank import score_claim
from bot.answer.truecase import truecased

ARTICLE = (
    "Former governor Anton Varga of Lumen province died on Sunday, aged 81. His son, Teodor "
    "Varga, said the family would hold a private service. Anton Varga led the province for two "
    "decades and was known for the harbour reforms, under which rents rose. Rose Varga was "
    "already unpopular for her wealth. Varga once said that the harbour would feed the province."
)
TITLE = "Former Lumen governor Anton Varga dies aged 81"


def varga_claim(speaker: str, content: str, sentence: str) -> Claim:
    return Claim(
        speaker=speaker,
        speaker_role=None,
        stance="say",
        content=content,
        sentence=sentence,
        title=TITLE,
        article_text=ARTICLE,
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Mendes", "Mendez"),  # s and z for one sound
        ("Aleksei", "Alexey"),  # x written ks
        ("Kowalewicz", "Kowalewitz"),  # a long name one letter off
        ("Greyback", "Grayback"),
        ("Pollak", "Polak"),
        ("Lumenia", "Lumenian"),  # a people's name from its country's
        ("Ostmark", "Ostmarkese"),
        ("Kelvar", "Kelvarish"),
    ],
)
def test_spellings_a_letter_or_a_sound_apart_are_one_name(one: str, other: str) -> None:
    assert same_name(one, other)
    assert find_name(one, ["the", *other.lower().split(), "said"])


@pytest.mark.parametrize(
    ("one", "other"),
    [("Hernandez", "Fernandez"), ("Morrison", "Harrison"), ("Rosen", "Rose"), ("Iran", "Iraq")],
)
def test_names_apart_in_the_first_letter_or_short_stay_apart(one: str, other: str) -> None:
    assert not same_name(one, other)


def test_a_given_name_tells_two_people_of_one_surname_apart() -> None:
    titles = frozenset({"president", "governor", "sen"})  # as credits passes them: with
    # the extractor's abbreviated titles
    assert another_given_name(["mila", "varga"], ["anton", "varga"], titles=titles)
    # a three-letter word is a given name unless a title: "Liz" is not "Dick"
    assert another_given_name(["dick", "varga"], ["liz", "varga"], titles=titles)
    assert another_given_name(["liz", "varga"], ["dick", "varga"], titles=titles)
    assert not another_given_name(["liz", "varga"], ["elizabeth", "liz", "varga"], titles=titles)
    assert not another_given_name(["dick", "varga"], ["de", "varga"], titles=titles)  # a particle
    assert not another_given_name(["anton", "varga"], ["governor", "anton", "varga"], titles=titles)
    assert not another_given_name(["governor", "varga"], ["anton", "varga"], titles=titles)
    assert not another_given_name(["a", "varga"], ["anton", "varga"], titles=titles)  # an initial
    assert not another_given_name(["mila", "varga"], ["sen", "varga"], titles=titles)  # "Sen."
    former = ["former", "governor", "varga"]
    assert not another_given_name(["mila", "varga"], former, titles=titles)
    assert not another_given_name(["mila", "varga"], ["varga"], titles=titles)  # no given name


def test_a_claim_by_another_of_the_family_is_not_the_asked_persons() -> None:
    anton = varga_claim(
        "Anton Varga",
        "that the harbour would feed the province",
        "Varga once said that the harbour would feed the province.",
    )
    asked = parse_question("What did Rose Varga say about the harbour?")
    rose = next(term for term in asked.terms if term.speaker_name)
    assert term_credit(rose, ClaimTexts.of(anton)) < SURNAME_ONLY
    own = parse_question("What did Anton Varga say about the harbour?")
    assert score_claim(own, anton) > score_claim(asked, anton)
    surname = varga_claim("Varga", anton.content, anton.sentence)  # stored by surname alone
    assert term_credit(rose, ClaimTexts.of(surname)) == SURNAME_ONLY


def test_a_lower_case_word_the_articles_write_capitalised_before_a_name_is_part_of_it() -> None:
    # "Rose Varga" opens a sentence, and "rose" is a verb elsewhere: the run still names her.
    restored = truecased("what did rose varga say after anton varga died", [ARTICLE])
    assert restored == "what did Rose Varga say after Anton Varga died"
    names = [term.text for term in parse_question(restored).terms if term.is_name]
    assert names == ["Rose Varga", "Anton Varga"]
    # A common word the articles write in lower case before the name stays a word.
    plain = ARTICLE + " With harbour Varga in mind, the council voted."
    assert truecased("what did harbour varga say", [plain]) == "what did harbour Varga say"


def test_a_first_name_that_is_also_a_verb_still_names_the_speaker() -> None:
    asked = parse_question("What did Rose Varga say about the harbour?")
    assert [term.text for term in asked.terms if term.speaker_name] == ["Rose Varga"]
    assert another_given_name(["rose", "varga"], ["varga", "scholars"], titles=()) is False


LOWER_ARTICLE = (
    "Officials of the Lumen Seismology Office (Lumseis) said the quake struck at dawn. As "
    "Storm Petra reached the coast, Lumseis said the Storm Petra toll would rise. Harbour "
    "lawmaker Ida Brandt said the Harbour Workers Union Lumen backed the strike; Brandt's aides "
    "agreed. A statement by Lumen Rail said trains would run. Experts in seismology and harbour "
    "safety agreed."
)


def test_a_lower_case_question_reads_as_its_capitalised_self() -> None:
    def read(question: str) -> str:
        return truecased(question, [LOWER_ARTICLE])

    # a name misspelt: the articles' spelling
    assert read("what did lumseys say about the quake") == "what did Lumseis say about the quake"
    # a possessive is read off its name, and the word before it may be the name's first part
    assert (
        read("who said storm petra's toll would rise") == "who said Storm Petra's toll would rise"
    )
    assert read("what did brandt's aides say") == "what did Brandt's aides say"
    assert read("what did brandts aides say") == "what did Brandt's aides say"
    lam = "Lawmakers heckled Ida Lam in the chamber."  # no "Lam's" to read "lams" off
    assert truecased("who heckled ida lams speech", [lam]) == "who heckled Ida Lam's speech"
    # a name of several words is found from its last word back ("seismology" is a word too)
    assert read("who at lumen seismology office said it") == (
        "who at Lumen Seismology Office said it"
    )
    # a short word the articles never use that shortens one of their names is its initialism
    assert read("what did the lso say about the quake") == "what did the LSO say about the quake"
    assert read("what did the ola say") == "what did the ola say"
    # a verb or an inflected word beside a name is no part of it
    assert read("how did lumen rail respond") == "how did Lumen Rail respond"
    assert read("what did brandt claim") == "what did Brandt claim"
    assert read("who said rebuilding lumen would cost more") == (
        "who said rebuilding Lumen would cost more"
    )


def test_a_lower_case_initialism_for_a_kind_of_speaker_is_still_one() -> None:
    typed = parse_question("What did Lumen MP Ida Brandt say about the strike?")
    lower = parse_question("what did Lumen mp Ida Brandt say about the strike")  # truecased
    assert [(t.kind, t.speaker) for t in typed.terms] == [(t.kind, t.speaker) for t in lower.terms]


def test_a_given_name_the_article_does_not_write_may_be_the_speakers() -> None:
    anton = varga_claim(
        "Anton Varga",
        "that the harbour would feed the province",
        "Varga once said that the harbour would feed the province.",
    )
    # "Antom" is not in the article: Anton misspelt, not another Varga
    asked = parse_question("What did Antom Varga say about the harbour?")
    toni = next(term for term in asked.terms if term.speaker_name)
    assert term_credit(toni, ClaimTexts.of(anton)) >= SURNAME_ONLY
    surname = varga_claim("Mr Varga", anton.content, anton.sentence)
    assert term_credit(toni, ClaimTexts.of(surname)) == SURNAME_ONLY
