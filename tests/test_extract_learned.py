"""The pieces learned from PolNeAR train, and the benchmark's scoring, on texts written here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.extract.cue_model import CueSpanHabits, SpanHabits, load_cue_model
from bot.extract.lexicon import load_lexicon
from bot.extract.quotes import QuoteIndex, find_quotes
from tests.extract_helpers import SHARED, extractor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from extraction import run, trimmed_bounds, word_tokens
from polnear import parse_ann


def test_shipped_cue_model_prefers_reporting_verbs() -> None:
    nlp = extractor().nlp
    model = load_cue_model(frozenset(load_lexicon().cue_stats))
    assert model is not None
    doc = nlp("The senator said that the vote would fail. The senator ate a sandwich.")
    quotes = QuoteIndex(find_quotes(doc.text))
    said = next(tok for tok in doc if tok.text == "said")
    ate = next(tok for tok in doc if tok.text == "ate")
    assert model.is_cue(said, quotes)
    assert not model.is_cue(ate, quotes)  # never marked an attribution in train


def test_cue_span_habits_take_the_auxiliary_and_keep_it_contiguous() -> None:
    doc = extractor().nlp("The mayor has also said that taxes will rise.")
    said = next(tok for tok in doc if tok.text == "said")
    habits = CueSpanHabits({"aux": (90, 80, 100), "advmod|also": (90, 90, 100)})
    assert [tok.text for tok in habits.cue_tokens(said)] == ["has", "also", "said"]
    assert [tok.text for tok in CueSpanHabits({}).cue_tokens(said)] == ["said"]


def by_cue(text: str, cue: str) -> tuple[str, str]:
    found = [
        (item.cue.text, item.content_text)
        for item in extractor().extract(text)
        if item.cue and item.cue.text.startswith(cue)
    ]
    assert len(found) == 1, found
    return found[0]


def test_a_light_verb_cue_takes_its_object_and_introduces_what_follows() -> None:
    # The object of "took aim at" is in the cue by the learned cue-span habits.
    text = "Councillor Mira Osei took aim at the port authority over the delayed ferry."
    assert by_cue(text, "took") == ("took aim at", "the port authority")
    text = "Mira Osei expressed concern that the ferry would not run in winter."
    assert by_cue(text, "expressed") == (
        "expressed concern",
        "that the ferry would not run in winter",
    )


def test_a_cue_object_with_nothing_after_it_stays_the_content() -> None:
    text = "Mira Osei expressed concern. The ferry was late again."
    assert by_cue(text, "expressed") == ("expressed", "concern")


def test_made_it_clear_keeps_the_adjective_in_the_cue() -> None:
    text = "Harbour master Jon Aakre made it clear that the pier would stay shut until June."
    assert by_cue(text, "made") == ("made it clear", "that the pier would stay shut until June")
    text = "Jon Aakre made clear that no ferry would sail in the storm."
    assert by_cue(text, "made") == ("made clear", "that no ferry would sail in the storm")


def test_cue_span_habits_leave_the_object_out_without_the_frame() -> None:
    doc = extractor().nlp("Mira Osei took aim at the port authority.")
    took = next(tok for tok in doc if tok.text == "took")
    habits = CueSpanHabits({"dobj|aim|take": (5, 5, 5)})
    assert [tok.text for tok in habits.cue_tokens(took)] == ["took", "aim", "at"]
    assert [tok.text for tok in habits.cue_tokens(took, with_frame=False)] == ["took"]


def test_content_habits_back_off_to_the_dependency() -> None:
    doc = extractor().nlp("The mayor said that taxes will rise.")
    rise = next(tok for tok in doc if tok.text == "rise")
    assert SpanHabits({"ccomp|R": (9, 10)}).decide(rise) is True
    assert SpanHabits({"ccomp|R|say": (1, 10), "ccomp|R": (9, 10)}).decide(rise) is False
    assert SpanHabits({}).decide(rise) is None


def test_marked_stance_verb_is_found_in_a_broken_sentence() -> None:
    found = extractor().extract("The ministry, led by the general, denied having shelled the town.")
    assert [item.stance.value for item in found] == ["deny"]


def test_extract_many_matches_extract() -> None:
    texts = ["Ann Lee said the bridge was closed.", "“Go home,” the officer told them."]
    assert list(extractor().extract_many(texts, batch_size=2)) == [
        extractor().extract(text) for text in texts
    ]


def test_mismatched_quote_marks_still_pair() -> None:
    text = '“It was late,“ said Tom. "Then it rained,” she said.'
    assert [text[s:e] for s, e in find_quotes(text)] == ["“It was late,“", '"Then it rained,”']


def test_scoring_trims_punctuation_and_counts_words() -> None:
    text = "He said: “Rain is coming.” Then he left."
    assert trimmed_bounds(text, ((9, 26),)) == (10, 24)
    assert len(word_tokens(text, ((9, 26),))) == 3


def test_brat_reader_ties_events_and_pieces() -> None:
    ann = "\n".join(
        [
            "T1\tSource 0 2\tHe",
            "T2\tCue 3 7\tsaid",
            "T3\tContent 9 20;22 30\tfirst bit second",
            "T4\tAttribution 3 7\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T5\tCue 40 52\taccording to",
            "T6\tContent 31 39\tsomething",
            "E2\tAttribution-no-source:T5 Content:T6 Cue:T5",
        ]
    )
    first, second = parse_ann(ann)
    assert first.source == ((0, 2),) and first.content == ((9, 20), (22, 30))
    assert second.source == () and second.cue == ((40, 52),)


DEV = SHARED / "corpus" / "polnear" / "train"


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not DEV.exists(), reason="../shared/corpus/polnear is not beside the project")
def test_bench_runs_on_a_few_train_articles() -> None:
    report = run(DEV, limit=6)
    token = report["token"]
    assert isinstance(token, dict)
    assert token["content"]["f1"] > 50 and token["source"]["f1"] > 40
