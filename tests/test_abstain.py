"""Whether any candidate answers: the threshold, and a best claim clearly ahead of the rest."""

from __future__ import annotations

from bot.answer.abstain import LEAD_CAP, LEAD_CREDIT, answering, lead
from bot.answer.credits import Claim, ClaimTexts
from bot.answer.question import parse_question
from bot.answer.rank import ANSWER_THRESHOLD, claim_features, may_lead

UNDER = ANSWER_THRESHOLD - 4.0
Ranked = list[tuple[float, tuple[str, str]]]


def _by(claim: tuple[str, str]) -> str:
    return claim[0]


def _ranked(*entries: tuple[float, str]) -> Ranked:
    return [(score, (speaker, f"claim {n}")) for n, (score, speaker) in enumerate(entries)]


def _speakers(ranked: Ranked, *, who: bool = True, leads: bool = True) -> list[str]:
    passing = answering(ranked, who=who, speaker=_by, may_lead=lambda claim: leads)
    return [claim[0] for _, claim in passing]


def test_claims_at_the_threshold_answer_and_those_under_it_do_not() -> None:
    ranked = _ranked((60.0, "Ana Ruiz"), (55.0, "Tomas Aune"), (40.0, "Ingrid Solberg"))
    assert _speakers(ranked) == ["Ana Ruiz", "Tomas Aune"]
    assert _speakers([]) == []


def test_a_best_claim_just_under_the_threshold_answers_when_far_ahead() -> None:
    ahead = _ranked((UNDER, "Ana Ruiz"), (UNDER - 15.0, "Tomas Aune"))
    assert lead(ahead, who=True, speaker=_by) == 15.0
    assert _speakers(ahead) == ["Ana Ruiz"]
    assert _speakers(ahead, leads=False) == []  # ranking said a lead may not carry it


def test_two_claims_that_tie_under_the_threshold_leave_the_question_unanswered() -> None:
    assert _speakers(_ranked((UNDER, "Ana Ruiz"), (UNDER - 1.0, "Tomas Aune"))) == []


def test_the_lead_counts_only_so_far() -> None:
    far_under = ANSWER_THRESHOLD - LEAD_CREDIT * LEAD_CAP - 1.0
    alone = _ranked((far_under, "Ana Ruiz"))
    assert lead(alone, who=True, speaker=_by) == far_under
    assert _speakers(alone) == []


def test_for_a_who_question_the_same_speakers_other_claims_are_no_rival() -> None:
    same = _ranked((UNDER, "Ana Ruiz"), (UNDER - 0.5, "ana ruiz"), (UNDER - 20.0, "Tomas Aune"))
    assert lead(same, who=True, speaker=_by) == 20.0
    assert _speakers(same) == ["Ana Ruiz"]
    # what she said answers a what-question: two close claims of hers are two answers
    assert _speakers(same, who=False) == []


ARTICLE = (
    "Lakeside council changes ferry timetable. Transport minister Ana Ruiz said the ferry to "
    "Brekke would run later in the evening. The harbour master, Tomas Aune, said the pier "
    "would be repaired."
)
MINISTER = Claim(
    speaker="Ana Ruiz",
    speaker_role="Transport minister",
    stance="say",
    content="the ferry to Brekke would run later in the evening",
    sentence="Transport minister Ana Ruiz said the ferry to Brekke would run later in the evening.",
    title="Lakeside council changes ferry timetable",
    article_text=ARTICLE,
)


def _features(question: str) -> dict[str, float]:
    return claim_features(parse_question(question), MINISTER, ClaimTexts.of(MINISTER))


def test_a_lead_carries_a_claim_unless_ranking_says_it_answers_another_question() -> None:
    asked = "What did the transport minister say about the Brekke ferry?"
    assert may_lead(parse_question(asked), _features(asked))
    other = "What did the harbour master say about the Brekke ferry?"  # not the minister
    assert not may_lead(parse_question(other), _features(other))
    strict = "Who claimed responsibility for the Brekke ferry?"  # only a claim of it answers
    assert not may_lead(parse_question(strict), _features(strict))
