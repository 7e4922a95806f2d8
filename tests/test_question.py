"""Reading questions: kind, stance asked about, topic terms, and the speaker described."""

from __future__ import annotations

import pytest

from bot.answer.question import TermKind, parse_question
from bot.extract.model import Stance


@pytest.mark.parametrize(
    ("question", "kind", "stance"),
    [
        ("who denied the Al Bukamal strike?", "who", Stance.DENY),
        ("Who rejected the report?", "who", Stance.DENY),
        ("Which agency blamed the coalition?", "who", Stance.ACCUSE),
        ("What did the minister warn about floods?", "what", Stance.WARN),
        ("Did the US bomb Al Bukamal?", "did", None),
        ("Is it true that Israel bombed Abu Kamal?", "did", None),
        ("Who called for a ceasefire?", "who", Stance.DEMAND),
        ("who won the 2030 world cup?", "who", None),
        ("Who said the army was not behind the shelling?", "who", Stance.DENY),
        ("Which group said it was behind the bombing?", "who", Stance.CLAIM),
        ("Who held the police responsible for the deaths?", "who", Stance.ACCUSE),
        ("Who took credit for the raid?", "who", Stance.CLAIM),
        ("How did the ministry respond to the report?", "what", Stance.SAY),
        ("When did the army admit the mistake?", "when", Stance.CONFIRM),
    ],
)
def test_kind_and_stance(question: str, kind: str, stance: Stance | None) -> None:
    parsed = parse_question(question)
    assert parsed.kind == kind
    assert parsed.stance == stance


def test_topic_terms_drop_stopwords_and_stance_words() -> None:
    parsed = parse_question("Who denied the Al Bukamal strike?")
    assert [t.text for t in parsed.terms] == ["Al Bukamal", "strike"]
    assert parsed.terms[0].is_name
    assert "abu kamal" in parsed.terms[0].alternatives
    assert "bombing" in parsed.terms[1].alternatives and not parsed.terms[1].is_name


def test_acronyms_survive_and_possessives_fold() -> None:
    parsed = parse_question("Did the US deny Russia's claim?")
    assert [t.text for t in parsed.terms][:2] == ["US", "Russia"]
    assert parsed.terms[0].kind is TermKind.PLACE
    assert "united states" in parsed.terms[0].alternatives


def test_which_question_describes_the_speaker() -> None:
    parsed = parse_question("Which Iranian leader brushed off the accusations?")
    assert parsed.stance is Stance.DENY
    by_text = {term.text: term for term in parsed.terms}
    assert by_text["leader"].kind is TermKind.ROLE and "president" in by_text["leader"].alternatives
    assert by_text["Iranian"].speaker and by_text["Iranian"].kind is TermKind.PLACE
    assert "iran" in by_text["Iranian"].alternatives
    assert not by_text["accusations"].speaker


def test_what_question_subject_is_the_speaker() -> None:
    parsed = parse_question("What did Russia's health minister say about the rubble?")
    speakers = [term.text for term in parsed.terms if term.speaker]
    assert speakers == ["Russia", "health", "minister"]
    assert [term.text for term in parsed.terms if not term.speaker] == ["rubble"]


def test_roles_are_not_retrieval_terms() -> None:
    parsed = parse_question("Which senator accused the administration of lying?")
    assert ["senator"] not in [group[:1] for group in parsed.term_groups]
    assert any("administration" in group for group in parsed.term_groups)


def test_a_name_heading_the_speaker_is_the_speakers_name() -> None:
    parsed = parse_question("What did Truth Aquatics, the boat's owner, say caused the fire?")
    assert [t.text for t in parsed.terms if t.speaker_name] == ["Truth Aquatics"]
    parsed = parse_question("What did the Houthi military spokesman say about the attack?")
    assert not any(t.speaker_name for t in parsed.terms)


def test_choosing_words_of_a_which_question_are_not_topic() -> None:
    parsed = parse_question("Which of the two officers said he had no contact with her?")
    assert "two" not in [term.text for term in parsed.terms]
    assert "two" in [t.text for t in parse_question("Who denied the two explosions?").terms]


def test_an_irregular_verb_finds_its_other_forms() -> None:
    question = parse_question("Who confirmed the inspector wrote the Valmora report?")
    wrote = next(term for term in question.terms if term.text == "wrote")
    assert {"write", "written"} <= set(wrote.alternatives)
    assert wrote.alternatives[0] == "wrote"


def test_a_prefixed_irregular_verb_inflects_as_its_base() -> None:
    question = parse_question("Who said the Valmora port authority misled the inspectors?")
    misled = next(term for term in question.terms if term.text == "misled")
    assert "mislead" in misled.alternatives  # "misleading" in a claim stems to it
    withheld = parse_question("Who withheld the Valmora inspection report?")
    assert "withhold" in next(t for t in withheld.terms if t.text == "withheld").alternatives
    resent = parse_question("Who resent the Valmora harbour rules?")
    assert "resend" not in next(t for t in resent.terms if t.text == "resent").alternatives


def test_words_for_the_same_action_find_each_other() -> None:
    question = parse_question("Who said Valmora would scrap the harbour rules completely?")
    alternatives = {term.text: set(term.alternatives) for term in question.terms}
    assert "withdraw" in alternatives["scrap"]
    assert "fully" in alternatives["completely"]


@pytest.mark.parametrize(
    ("question", "target"),
    [
        ("Who blamed the harbour pilot for the collision?", ["harbour", "pilot"]),
        ("Who held the Port Authority responsible for the fire?", ["Port Authority"]),
        ("Who pointed the finger at Northwind over the spill?", ["Northwind"]),
        ("Who accused Veska of hiding the losses?", ["Veska"]),
        ("Who denied starting the fire?", []),
    ],
)
def test_the_one_accused_is_the_target(question: str, target: list[str]) -> None:
    assert [term.text for term in parse_question(question).terms if term.target] == target


def test_a_which_question_describes_the_speaker_it_asks_the_name_of() -> None:
    parsed = parse_question("Which Greenway MP warned the harbour tax would close the docks?")
    described = [term.text for term in parsed.terms if term.speaker]
    assert described == ["Greenway", "MP"]
    assert not any(term.speaker_name for term in parsed.terms)


def test_only_the_last_part_of_a_speakers_run_names_them() -> None:
    parsed = parse_question("What did Korlan MP Aditi Sehgal say about the harbour tax?")
    assert [t.text for t in parsed.terms if t.speaker_name] == ["Aditi Sehgal"]
    assert {"Korlan", "MP"} <= {t.text for t in parsed.terms if t.speaker}


def test_where_a_named_speaker_works_describes_them() -> None:
    parsed = parse_question("What did Ola Berg of Harbour Watch say about the docks?")
    assert [t.text for t in parsed.terms if t.speaker_name] == ["Ola Berg"]
    assert "Harbour Watch" in [t.text for t in parsed.terms if t.speaker]
    at = parse_question("Who at Harbour Watch denied the docks would close?")
    assert [t.text for t in at.terms if t.speaker_name] == ["Harbour Watch"]


def test_dates_are_no_part_of_a_name() -> None:
    parsed = parse_question("What did Ola Berg say the July 2018 Valmora survey found?")
    kinds = {term.text: term.kind for term in parsed.terms}
    assert kinds["Valmora"] is TermKind.NAME
    assert kinds["July"] is TermKind.WORD and kinds["2018"] is TermKind.WORD
    assert "Theresa May" in [t.text for t in parse_question("What did Theresa May say?").terms]


def test_which_after_leading_words_still_asks_for_the_speaker() -> None:
    parsed = parse_question("According to which TV station did the judge delay the trial?")
    assert [t.text for t in parsed.terms if t.speaker] == ["TV", "station"]
    plain = parse_question("Who said which party won the harbour vote?")
    assert not any(t.speaker for t in plain.terms)


def test_a_verb_form_before_a_kind_of_speaker_is_part_of_the_description() -> None:
    parsed = parse_question("Which Korlan state senator said the harbour tax was unfair?")
    kinds = {term.text: term.kind for term in parsed.terms if term.speaker}
    assert kinds == {"Korlan": TermKind.NAME, "state": TermKind.WORD, "senator": TermKind.ROLE}
    assert parsed.stance_phrase == ("said",)
    elected = parse_question("Which elected official denied the harbour tax was unfair?")
    assert [t.text for t in elected.terms if t.speaker] == ["elected", "official"]


def test_a_subject_ends_before_a_clause_when_its_verb_is_unknown() -> None:
    # "promise" is no verb the lexicon knows; "after" opens a clause the subject is not in
    parsed = parse_question("What did Mara Vell promise voters after the Greens won the vote?")
    assert [(term.text, term.speaker_name) for term in parsed.terms if term.speaker] == [
        ("Mara Vell", True)
    ]
    vowed = parse_question("What did the transport minister vow after the Solvik ran aground?")
    assert [term.text for term in vowed.terms if term.speaker] == ["transport", "minister"]
    # a known verb ends the subject as before
    known = parse_question("What did Mara Vell say about the vote after the count?")
    assert [term.text for term in known.terms if term.speaker] == ["Mara Vell"]
