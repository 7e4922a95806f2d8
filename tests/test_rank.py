"""Scoring claims against questions: stance, speaker, names and context, on claims written here."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from bot.answer.ascii import to_ascii
from bot.answer.credits import DESCRIBED_NEARBY, SURNAME_ONLY, Claim, ClaimTexts, term_credit
from bot.answer.dispute import by_stance, is_dispute, sides_first
from bot.answer.model import Answer, ArticleRef
from bot.answer.question import TermKind, parse_question
from bot.answer.rank import ANSWER_THRESHOLD, claim_features, score_claim
from bot.answer.reading import Text, misspelt_in, stem, term_found, words_of
from bot.answer.speakers import speaker_is_person
from bot.answer.stance_fit import stance_factor

TITLE = "Harbour authority and shipping firm trade blame over Valmora fire"
ARTICLE = (
    "A fire destroyed three warehouses in the port of Valmora on Monday. "
    "The Northwind Shipping Company denied that its tanker started the fire. "
    "The port authority blamed the company for ignoring safety rules."
)


def claim(
    speaker: str | None,
    stance: str,
    content: str,
    sentence: str,
    *,
    role: str | None = None,
    via: str | None = None,
    title: str = TITLE,
    article: str = ARTICLE,
) -> Claim:
    return Claim(
        speaker=speaker,
        speaker_role=role,
        stance=stance,
        content=content,
        sentence=sentence,
        title=title,
        via=via,
        article_text=article,
    )


DENIAL = claim(
    "Northwind Shipping Company",
    "deny",
    "that its tanker started the fire",
    "The Northwind Shipping Company denied that its tanker started the fire.",
)
BLAME = claim(
    "port authority",
    "accuse",
    "the company for ignoring safety rules",
    "The port authority blamed the company for ignoring safety rules.",
)
CHIEF = claim(
    "Tomas Rilke",
    "say",
    "the blaze was under control by midnight",
    "Fire chief Tomas Rilke said the blaze was under control by midnight.",
    role="Fire chief",
)


def test_a_denial_question_prefers_the_denial_and_never_takes_the_blame() -> None:
    question = parse_question("Who denied starting the Valmora blaze?")
    assert score_claim(question, DENIAL) >= ANSWER_THRESHOLD
    assert score_claim(question, BLAME) < ANSWER_THRESHOLD
    assert score_claim(question, DENIAL) > score_claim(question, CHIEF)


def test_an_accusation_question_prefers_the_accusation() -> None:
    question = parse_question("Who held the shipping company responsible for the fire?")
    assert score_claim(question, BLAME) > score_claim(question, DENIAL)
    assert score_claim(question, BLAME) >= ANSWER_THRESHOLD


def test_a_role_finds_the_speaker_it_describes() -> None:
    question = parse_question("What did the fire chief say about the blaze?")
    assert score_claim(question, CHIEF) >= ANSWER_THRESHOLD
    assert score_claim(question, CHIEF) > score_claim(question, BLAME)


def test_a_surname_alone_finds_the_speaker() -> None:
    question = parse_question("What did Rilke say about the warehouses?")
    assert score_claim(question, CHIEF) > score_claim(question, DENIAL)


def test_a_name_nowhere_in_the_article_keeps_the_claim_below_the_threshold() -> None:
    question = parse_question("What did Zelensky say about the Valmora fire?")
    assert all(score_claim(question, c) < ANSWER_THRESHOLD for c in (DENIAL, BLAME, CHIEF))


def test_a_strict_stance_is_answered_only_by_that_stance() -> None:
    question = parse_question("Who claimed responsibility for the Valmora fire?")
    assert all(score_claim(question, c) < ANSWER_THRESHOLD for c in (DENIAL, BLAME, CHIEF))


def test_who_is_not_answered_by_the_one_the_question_is_about() -> None:
    question = parse_question("Who blamed the Northwind Shipping Company?")
    assert score_claim(question, BLAME) > score_claim(question, DENIAL)


def test_no_one_is_not_a_speaker() -> None:
    nobody = claim(
        "No group", "claim", "responsibility", "No group has claimed responsibility for the fire."
    )
    question = parse_question("Which group claimed the Valmora fire?")
    assert score_claim(question, nobody) < ANSWER_THRESHOLD


def _answer(number: int, stance: str, score: float) -> Answer:
    article = ArticleRef(id=1, title=TITLE, url=None, outlet=None, published=None)
    return Answer(
        attribution_id=number,
        speaker=f"speaker {number}",
        speaker_description=None,
        stance=stance,
        cue=None,
        content="content",
        quote=False,
        via=None,
        sentence="sentence",
        article=article,
        score=score,
    )


def test_dispute_puts_each_side_first() -> None:
    answers = [
        _answer(1, "deny", 95),
        _answer(2, "deny", 90),
        _answer(3, "say", 88),
        _answer(4, "accuse", 80),
        _answer(5, "believe", 70),
    ]
    assert is_dispute(answers)
    ordered = sides_first(answers)
    assert [a.attribution_id for a in ordered] == [1, 4, 5, 2, 3]
    assert list(by_stance(ordered)) == ["deny", "accuse", "believe", "say"]


def test_agreeing_answers_are_no_dispute() -> None:
    assert not is_dispute([_answer(1, "deny", 90), _answer(2, "say", 80)])


def test_the_named_speaker_must_be_the_claims_speaker() -> None:
    about_northwind = claim(
        "port authority",
        "say",
        "Northwind Shipping Company ships had been warned twice",
        "The port authority said Northwind Shipping Company ships had been warned twice.",
    )
    question = parse_question("What did the Northwind Shipping Company say about the fire?")
    assert score_claim(question, DENIAL) > score_claim(question, about_northwind)


def test_claiming_an_attack_is_claiming_responsibility() -> None:
    question = parse_question("Which group claimed the arson attack on the Valmora warehouses?")
    assert question.strict_stance
    asserted = claim(
        "port authority",
        "claim",
        "the warehouses were insured",
        "The port authority claimed the warehouses were insured.",
    )
    assert score_claim(question, asserted) < ANSWER_THRESHOLD


def test_a_thing_that_says_is_no_speaker_for_who() -> None:
    for thing in ("The ruling", "a port report", "its water levels", "the harbour's rules"):
        assert not speaker_is_person(thing), thing
    for person in ("Tomas Rilke", "the general manager", "port officials", "Police", "Juan dela"):
        assert speaker_is_person(person), person


def test_who_prefers_a_person_to_a_document_saying_the_same() -> None:
    sentence = "The report said the company ignored safety rules before the Valmora fire."
    document = claim("The report", "say", "the company ignored safety rules", sentence)
    inspector = claim(
        "Lena Ostrova",
        "say",
        "the company ignored safety rules",
        "Lena Ostrova said the company ignored safety rules before the Valmora fire.",
    )
    question = parse_question("Who said the company ignored safety rules at Valmora?")
    assert score_claim(question, inspector) > score_claim(question, document)


def test_a_place_in_the_speakers_role_still_answers_who() -> None:
    minister = claim(
        "Mara Vell",
        "announce",
        "the harbour rules of Valmora would be withdrawn",
        "Mara Vell, the transport minister of Syria, announced the harbour rules of Valmora"
        " would be withdrawn.",
        role="the transport minister of Syria",
    )
    question = parse_question("Who announced that Syria would scrap the Valmora harbour rules?")
    assert score_claim(question, minister) >= ANSWER_THRESHOLD
    the_place = claim("Syria", "announce", minister.content, minister.sentence)
    assert score_claim(question, minister) > score_claim(question, the_place)


def test_a_long_word_one_letter_off_counts_most_of_the_way() -> None:
    assert misspelt_in("warehouses", Text.of("three warehuses burned"))
    assert not misspelt_in("bomb", Text.of("an old tomb"))  # short words: other words
    assert not misspelt_in("warehouses", Text.of("the harbour authority"))


def test_what_is_not_answered_by_words_that_only_repeat_the_question() -> None:
    echo = claim(
        "Tomas Rilke", "say", "it the Valmora fire", "Tomas Rilke called it the Valmora fire."
    )
    told = claim(
        "Tomas Rilke",
        "say",
        "a faulty crane started the Valmora fire",
        "Tomas Rilke said a faulty crane started the Valmora fire.",
    )
    question = parse_question("What did Tomas Rilke say about the Valmora fire?")
    assert score_claim(question, told) > score_claim(question, echo)


def test_claiming_that_is_not_claiming_responsibility() -> None:
    question = parse_question("Who claimed that the Valmora fire started on the tanker?")
    assert stance_factor(question, "claim", content="the tanker started the fire") == 1.1
    assert stance_factor(question, "claim", content="responsibility for the fire") < 1.1


def test_ranking_stems_with_the_c_stemmer_and_the_same_stems() -> None:
    import snowballstemmer  # type: ignore[import-untyped]
    import Stemmer  # type: ignore[import-not-found]

    # Ranking stems every word of every candidate: the pure-Python fallback is ~80x slower.
    assert isinstance(snowballstemmer.stemmer("english"), Stemmer.Stemmer)
    assert [stem(w) for w in ("bombings", "connected", "denied")] == ["bomb", "connect", "deni"]


def test_who_blamed_someone_is_not_answered_by_a_claim_that_does_not_name_them() -> None:
    about_the_pilot = parse_question("Who blamed the harbour pilot for the Valmora fire?")
    assert score_claim(about_the_pilot, BLAME) < ANSWER_THRESHOLD
    about_the_company = parse_question("Who blamed the shipping company for the Valmora fire?")
    assert score_claim(about_the_company, BLAME) >= ANSWER_THRESHOLD


def test_a_text_finds_a_stem_among_its_words() -> None:
    text = Text.of("Two crew were dying when the bombings stopped; reports connected them.")
    assert all(text.has_stem(stem(w)) for w in ("bombing", "die", "connecting", "reported"))
    assert not text.has_stem(stem("bomber"))


def test_a_text_splits_into_the_words_the_pattern_finds() -> None:
    written = "Ağrı’s “road” (N-7) re-opened at 9:30am; U.N. staff, 2,000 of them, left."
    for text in (written, written.encode("ascii", "replace").decode(), "", " ,.; "):
        folded = to_ascii(text).lower()
        assert Text.of(text).words == tuple(re.findall(r"[a-z0-9]+", folded))
    assert Text.of(written).words[:4] == ("agri", "s", "road", "n")


OFFICERS_ARTICLE = (
    "Dockworker Katarina Ostrova met inspectors Pavel Moroz and Ivo Tarn at the harbour gate. "
    "Moroz denied any contact with the tanker crew. "
    "Tarn, a customs officer, checked the papers. "
    "Tarn said the papers were in order."
)


officers_claim = partial(
    claim, title="Inspectors questioned over Valmora tanker", article=OFFICERS_ARTICLE
)


def test_a_speaker_described_beside_their_name_elsewhere_in_the_article() -> None:
    moroz = officers_claim(
        "Moroz",
        "deny",
        "any contact with the tanker crew",
        "Moroz denied any contact with the tanker crew.",
    )
    role = next(
        term
        for term in parse_question("Which inspector denied contact with the crew?").terms
        if term.kind is TermKind.ROLE
    )
    assert term_credit(role, ClaimTexts.of(moroz)) == DESCRIBED_NEARBY
    tarn = officers_claim(
        "Tarn", "say", "the papers were in order", "Tarn said the papers were in order."
    )
    customs = parse_question("What did the customs officer say about the papers?")
    described = [term for term in customs.terms if term.speaker]  # "customs", "officer"
    assert described and all(
        term_credit(term, ClaimTexts.of(tarn)) == DESCRIBED_NEARBY for term in described
    )  # "Tarn, a customs officer, ..."
    ostrova = officers_claim("Katarina Ostrova", "say", moroz.content, moroz.sentence)
    assert term_credit(role, ClaimTexts.of(ostrova)) == 0.0  # "Ostrova met inspectors ..."


def test_a_person_asked_by_full_name_is_found_by_surname_in_the_claim() -> None:
    sentence = "Moroz denied that Ostrova had spoken with the tanker crew."
    moroz = officers_claim("Moroz", "deny", "that Ostrova had spoken with the crew", sentence)
    question = parse_question("Who denied that Katarina Ostrova spoke with the tanker crew?")
    name = next(term for term in question.terms if term.is_name)
    assert term_credit(name, ClaimTexts.of(moroz)) == SURNAME_ONLY
    elsewhere = replace(moroz, article_text=sentence)
    # Without the full name in the article, "Ostrova" may be someone else.
    assert term_credit(name, ClaimTexts.of(elsewhere)) == 0.0
    assert score_claim(question, moroz) > score_claim(question, elsewhere)


def test_a_short_surname_counts_for_the_full_name_too() -> None:
    article = "Harbour pilot Mei Lam met the inspectors. Lam said the tanker crew had left early."
    lam = claim(
        "Lam",
        "say",
        "the tanker crew had left early",
        "Lam said the tanker crew had left early.",
        article=article,
    )
    question = parse_question("What did Mei Lam say about the tanker crew?")
    name = next(term for term in question.terms if term.is_name)
    assert name.speaker_name
    assert term_credit(name, ClaimTexts.of(lam)) == SURNAME_ONLY  # stored as said by "Lam"
    al = parse_question("What did Mei Al say about the tanker crew?")  # two letters: a particle
    short = next(term for term in al.terms if term.is_name)
    assert term_credit(short, ClaimTexts.of(replace(lam, speaker="Al"))) < SURNAME_ONLY


def test_a_description_word_the_speaker_lacks_is_no_missing_name() -> None:
    article = (
        "The harbour tax passed its first reading on Tuesday. Greenway party MP Oskar Lind "
        "warned that the tax would close the docks within a year."
    )
    lind = claim(
        "Oskar Lind",
        "warn",
        "the tax would close the docks within a year",
        "Greenway party MP Oskar Lind warned that the tax would close the docks within a year.",
        role="Greenway party MP",
        title="Harbour tax passes first reading",
        article=article,
    )
    # "Reform" is in neither the claim nor its article: the party asked is another's name for
    # it, and the question still asks who warned about the docks.
    asked = parse_question("Which Reform MP warned the harbour tax would close the docks?")
    assert score_claim(asked, lind) >= ANSWER_THRESHOLD
    named = parse_question("What did Reform MP Oskar Lind say about the harbour tax?")
    other = replace(lind, speaker="Mira Holt")
    assert score_claim(named, lind) > score_claim(named, other)


def test_the_kind_of_speaker_asked_decides_another_description_not_a_word_beside_it() -> None:
    article = (
        "Korlan's harbour tax passed on Tuesday. The Korlan Daily, a Korlan newspaper, said "
        "the docks would lose trade. Ilse Varro, a Korlan government commissioner, said the tax "
        "would not cost the docks any trade."
    )
    paper = claim(
        "Korlan Daily",
        "say",
        "the docks would lose trade",
        "The Korlan Daily, a Korlan newspaper, said the docks would lose trade.",
        role="Korlan newspaper",
        title="Harbour tax passes",
        article=article,
    )
    varro = claim(
        "Ilse Varro",
        "say",
        "the tax would not cost the docks any trade",
        "Ilse Varro said the tax would not cost the docks any trade.",
        title="Harbour tax passes",
        article=article,
    )
    question = parse_question("Which Korlan official said the docks would keep their trade?")
    assert score_claim(question, varro) > score_claim(question, paper)


def test_a_noun_finds_the_verb_of_the_same_act_and_back() -> None:
    said = Text.of("The harbour board decided on Monday that divers recovered the crane.")
    for question in (
        "Who announced the recovery of the crane?",
        "Who announced the board's decision?",
        "Which diver said the crane was recovered?",
    ):
        asked = next(t for t in parse_question(question).terms if t.text in _ACTS)
        assert term_found(asked, said), question
    prosecutor = next(t for t in parse_question("Who was the prosecutor?").terms)
    assert term_found(prosecutor, Text.of("The board prosecuted the divers."))
    recovery = next(t for t in parse_question("Who saw the recovery?").terms)
    assert not term_found(recovery, Text.of("the crane was never covered"))


_ACTS = {"recovery", "decision", "recovered"}


def test_a_topic_name_in_the_speakers_role_does_not_make_it_the_object() -> None:
    article = (
        "The Valmora ferry went dark on Sunday. Lena Ruud, a researcher who reads AIS signals, "
        "said the crew may have switched the AIS transponder off."
    )
    ruud = claim(
        "Lena Ruud",
        "say",
        "the crew may have switched the AIS transponder off",
        "Lena Ruud said the crew may have switched the AIS transponder off.",
        role="a researcher who reads AIS signals",
        title="Valmora ferry goes dark",
        article=article,
    )
    question = parse_question("Who said the crew switched the ferry's AIS off?")
    features = claim_features(question, ruud, ClaimTexts.of(ruud))
    assert features["speaker_is_object"] == 0.0
    agency = replace(ruud, speaker="AIS Watch")
    assert claim_features(question, agency, ClaimTexts.of(agency))["speaker_is_object"] == 1.0


def test_a_speaker_named_in_full_with_another_given_name_is_someone_else() -> None:
    article = (
        "Harbour pilot Marta Lam met the inspectors. Her brother, Jonas Lam, runs the tug company. "
        "Marta Lam said the tanker crew had left early."
    )
    sentence = "Marta Lam said the tanker crew had left early."
    mei = claim("Marta Lam", "say", "the tanker crew had left early", sentence, article=article)
    asked = parse_question("What did Jonas Lam say about the tanker crew?")
    jun = next(term for term in asked.terms if term.is_name)
    assert term_credit(jun, ClaimTexts.of(mei)) < SURNAME_ONLY  # Marta Lam is not Jonas Lam
    # a title or a form of address before the surname is no given name
    for speaker in ("Dr. Lam", "Captain Lam", "Mrs Lam"):
        titled = replace(mei, speaker=speaker, sentence=sentence.replace("Marta Lam", speaker))
        assert term_credit(jun, ClaimTexts.of(titled)) == SURNAME_ONLY, speaker
    # matched by the surname a name ends with ("Jonas Lam" in "Marta Lam"): not hers either
    assert term_credit(jun, ClaimTexts.of(mei)) < SURNAME_ONLY
    asked_mei = parse_question("What did Marta Lam say about the tanker crew?")
    mei_term = next(term for term in asked_mei.terms if term.is_name)
    assert term_credit(mei_term, ClaimTexts.of(mei)) == 1.0


def test_a_body_of_the_name_asked_about_is_not_its_object() -> None:
    """ "The government of Corvania" is Corvania's government: it may answer who disputed a
    ruling about Corvania; "Corvania" itself, or "Corvania Holdings", may not, nor may "Bank of
    Corvania" answer who criticised the Bank of Corvania."""
    article = (
        "A court ruled on Corvania's fishing rights. The government of Corvania said the "
        "ruling ignored Corvania's sovereignty."
    )
    government = claim(
        "government of Corvania",
        "say",
        "the ruling ignored Corvania's sovereignty",
        "The government of Corvania said the ruling ignored Corvania's sovereignty.",
        title="Court rules on Corvania fishing rights",
        article=article,
    )
    question = parse_question("Who said the fishing ruling ignored Corvania's sovereignty?")
    features = claim_features(question, government, ClaimTexts.of(government))
    assert features["speaker_is_object"] == 0.0
    for speaker in ("Corvania", "Corvania Holdings"):
        other = replace(government, speaker=speaker)
        assert claim_features(question, other, ClaimTexts.of(other))["speaker_is_object"] == 1.0
    bank = replace(government, speaker="Bank of Corvania")
    criticised = parse_question("Who criticised the Bank of Corvania?")
    assert claim_features(criticised, bank, ClaimTexts.of(bank))["speaker_is_object"] == 1.0


def test_a_quote_that_does_the_act_in_the_first_person_is_that_act() -> None:
    """ "It is with sadness that I announce the death of ..." announces it; "storm warnings
    were announced" inside what was said, or "I never announce", does not."""
    question = parse_question("Who announced the death of the Valmora harbour master?")
    quote = '"It is with sadness that I announce the death of our harbour master."'
    frame = words_of("Mayor Ina Holt said")
    performed = stance_factor(question, "say", frame=frame, content=quote)
    assert performed == stance_factor(
        question, "say", frame=words_of("Ina Holt announced"), content=quote
    )
    assert performed > stance_factor(
        question, "say", frame=frame, content="storm warnings were announced"
    )
    assert performed > stance_factor(
        question, "say", frame=frame, content="I never said we would announce anything"
    )


def test_a_question_for_one_speaker_of_a_kind_prefers_one_to_many() -> None:
    """ "Which harbour official said ..." is answered by one official before "officials" or
    "police and county officials"; "which officials" and "who" take many as well as one."""
    one = claim(
        "Ana Ruiz",
        "say",
        "the fire began in the tanker's engine room",
        "Harbour official Ana Ruiz said the fire began in the tanker's engine room.",
        role="Harbour official",
    )
    question = parse_question("Which harbour official said the fire began in the engine room?")
    for many in ("officials", "police and county officials", "Harbour officials"):
        group = replace(one, speaker=many, speaker_role=None)
        assert claim_features(question, group, ClaimTexts.of(group))["many_for_one"] == 1.0
        assert score_claim(question, group) < score_claim(question, one)
        for many_or_anyone in ("Which harbour officials said it?", "Who said the fire began?"):
            asked = parse_question(many_or_anyone)
            assert claim_features(asked, group, ClaimTexts.of(group))["many_for_one"] == 0.0
    for name in ("Lehman Brothers", "Reuters", "Ana Ruiz"):
        named = replace(one, speaker=name)
        assert claim_features(question, named, ClaimTexts.of(named))["many_for_one"] == 0.0


def test_a_title_typed_before_a_surname_is_no_other_given_name() -> None:
    article = "Mayor Elena Fischer visited the pier. Elena Fischer said the ferry would run."
    sentence = "Elena Fischer said the ferry would run."
    fischer = claim(
        "Elena Fischer", "say", "the ferry would run", sentence, role="Mayor", article=article
    )
    # the speaker's role holds "mayor", and the article never writes "mayor fischer"
    name = next(term for term in parse_question("What did Mayor Fischer say?").terms)
    assert term_credit(name, ClaimTexts.of(fischer)) == 1.0
    paul = replace(fischer, article_text=article + " Her husband, Paul Fischer, was there.")
    name = next(term for term in parse_question("What did Paul Fischer say?").terms)
    assert term_credit(name, ClaimTexts.of(paul)) < SURNAME_ONLY
