import pytest

from bot.answer.question import parse_question
from bot.extract.model import Stance


@pytest.mark.parametrize(
    ("question", "kind", "stance"),
    [
        ("who denied the Al Bukamal strike?", "who", Stance.DENY),
        ("Who rejected the report?", "who", Stance.DENY),
        ("Which agency blamed the coalition?", "who", Stance.ACCUSE),
        ("What did the minister warn about floods?", "what", Stance.WARN),
        ("Did the US bomb Al Bukamal?", "did", None),
        ("Who called for a ceasefire?", "who", Stance.DEMAND),
        ("who won the 2030 world cup?", "who", None),
    ],
)
def test_kind_and_stance(question: str, kind: str, stance: Stance | None) -> None:
    parsed = parse_question(question)
    assert parsed.kind == kind
    assert parsed.stance == stance


def test_topic_terms_drop_stopwords_and_stance_words() -> None:
    parsed = parse_question("Who denied the Al Bukamal strike?")
    assert [t.text for t in parsed.terms] == ["Al", "Bukamal", "strike"]
    assert "bombing" in parsed.terms[2].alternatives
    assert parsed.terms[1].is_name and not parsed.terms[2].is_name


def test_acronyms_survive_and_possessives_fold() -> None:
    parsed = parse_question("Did the US deny Russia's claim?")
    assert [t.text for t in parsed.terms][:2] == ["US", "Russia"]
