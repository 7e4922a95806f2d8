"""What one article may cost the extractor: hostile texts are tamed, cut or refused, and an
ordinary article is parsed exactly as before. Times here are generous ceilings against
runaway cost (minutes untamed); the measured figures are in docs/benchmarks.md."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.errors import SourceError
from bot.extract.bounds import (
    PARSE_PIECE,
    ExtractionBudget,
    ExtractionBudgetError,
    cut_text,
    parse_pieces,
    tame,
)
from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin

ORDINARY = """Harbour fire: port authority denies safety failings

The port authority denied on Thursday that it had ignored warnings about the fuel depot
before Tuesday's fire. "Every inspection was carried out on time," its chairman, Tomas Berg,
told reporters... He said the depot's owner was responsible for the sprinklers!

Dock workers' union leader Ana Costa accused the authority of "years of neglect" -- and said
members had reported leaks in March (twice). Was anyone listening? she asked.
"""
SENTENCE = "The mayor said the new bridge would open in May, officials told the council. "


def seconds(call: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def test_an_ordinary_article_is_not_changed_for_the_parse(seed_article: Path) -> None:
    assert tame(ORDINARY) == ORDINARY
    seed = seed_article.read_text(encoding="utf-8")
    assert tame(seed) == seed
    assert cut_text(seed, 100_000) == seed


def test_taming_keeps_every_offset() -> None:
    text = 'Before. "' + "!" * 5000 + '" ' + "x" * 3000 + " after " + ("word " * 600)
    tamed = tame(text)
    assert len(tamed) == len(text)
    assert tamed.startswith('Before. "!!   ')  # the run's first three characters stay
    assert max(len(word) for word in tamed.split()) <= 1000
    assert not re.search(r"[^.!?\n]{2001}", tamed)  # a sentence break every 2,000 at most


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param('"' * 16_000, id="16k-quotes"),
        pytest.param("😀" * 50_000, id="50k-emoji"),
        pytest.param("?!" * 20_000, id="40k-punctuation"),
        pytest.param("a" * 200_000, id="200k-letter-word"),
        pytest.param("word " * 20_000, id="no-sentence-end"),
    ],
)
def test_hostile_texts_are_read_quickly(extractor: Any, hostile: str) -> None:
    extraction, took = seconds(lambda: extractor.read(hostile))
    assert extraction.attributions == []
    assert took < 30, took  # untamed: minutes (16,000 quotation marks took 44 s)


def test_offsets_of_a_claim_after_a_tamed_run_point_into_the_original(extractor: Any) -> None:
    text = "Ignore this: " + "*" * 3000 + "\n\nThe minister denied that the army had fired."
    [claim] = extractor.extract(text)
    assert text[claim.cue.start : claim.cue.end] == "denied"
    assert text[claim.source.start : claim.source.end] == "The minister"


def test_a_text_over_a_million_characters_is_read_in_part_without_e088(extractor: Any) -> None:
    text = SENTENCE * 14_000  # 1.1 million characters, over spaCy's limit
    assert len(text) > 1_000_000
    budget = ExtractionBudget(max_chars=8_000)
    extraction = extractor.read(text, budget=budget)
    assert extraction.cut and extraction.total_chars == len(text)
    assert 6_400 <= extraction.read_chars <= 8_000
    assert extraction.attributions
    assert all(claim.sentence.end <= extraction.read_chars for claim in extraction.attributions)


def test_the_token_budget_reads_the_first_tokens_only(extractor: Any) -> None:
    text = SENTENCE * 400
    extraction = extractor.read(text, budget=ExtractionBudget(max_tokens=500))
    assert extraction.cut
    assert extraction.read_chars < len(text) / 10
    assert 0 < len(extraction.attributions) < 100  # of 800 in the whole text


def test_an_article_over_the_time_budget_is_refused_in_one_line(extractor: Any) -> None:
    with pytest.raises(ExtractionBudgetError) as refused:
        extractor.read(ORDINARY * 20, budget=ExtractionBudget(max_seconds=0.001))
    assert isinstance(refused.value, SourceError)
    assert str(refused.value) == (
        "This text would take more than 0.001 s to read, so it was not read."
    )


async def test_a_long_article_is_stored_in_part_and_the_outcome_says_so(
    settings: Settings, extractor: Any
) -> None:
    from bot.services.newsprov import Newsprov

    settings = replace(settings, max_article_chars=6_000)
    text = "\n\n".join(SENTENCE * 5 for _ in range(60))
    async with await Newsprov.open(settings, extractor=extractor) as service:
        draft = ArticleDraft(title="Bridge", text=text, origin=Origin.TEXT)
        outcome = await service.ingest_draft(draft)
        assert outcome.status == "new"
        assert outcome.note is not None and "first 5," in outcome.note
        assert f"of {len(text):,} characters" in outcome.note
        article, claims = await service.article_claims(outcome.article_id)
        async with service.sessions() as session:
            from store.articles import get_article

            stored = await get_article(session, outcome.article_id)
            assert stored is not None and len(stored.text) <= 6_000
            assert text.startswith(stored.text)
        assert claims and article.title == "Bridge"
        again = await service.ingest_draft(draft)
        assert (again.status, again.article_id) == ("duplicate", outcome.article_id)


async def test_an_article_over_the_time_budget_is_not_stored(
    settings: Settings, extractor: Any
) -> None:
    from bot.services.newsprov import Newsprov

    settings = replace(settings, extract_max_seconds=0.001)
    async with await Newsprov.open(settings, extractor=extractor) as service:
        draft = ArticleDraft(title="Harbour fire", text=ORDINARY * 20, origin=Origin.TEXT)
        with pytest.raises(ExtractionBudgetError, match=r"more than 0\.001 s"):
            await service.ingest_draft(draft)
        assert (await service.stats()).articles == 0


def test_pieces_join_up_to_the_text_and_end_after_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {n}. " + SENTENCE * (n % 7 + 1) for n in range(600))
    pieces = parse_pieces(text, size=5_000)
    assert "".join(pieces) == text
    assert all(len(piece) <= 5_000 for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    assert parse_pieces("short") == ["short"]
    assert parse_pieces("x" * 12_000, size=5_000) == ["x" * 5_000, "x" * 5_000, "x" * 2_000]


def test_a_long_text_read_in_pieces_finds_what_one_parse_finds(
    extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = [
        f"Minister {name} denied on {day} that the {thing} had failed. "
        f'"It was checked," {name} told reporters, and the union accused the board of delays.'
        for name in ("Berg", "Costa", "Okafor", "Lind", "Marsh", "Varga", "Ruiz", "Haddad")
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday")
        for thing in ("bridge", "dam", "ferry", "reservoir", "pier", "tunnel")
    ]
    text = "\n\n".join(paragraphs)
    assert len(text) > 2 * PARSE_PIECE
    budget = ExtractionBudget(max_tokens=200_000)
    in_pieces = extractor.read(text, budget=budget)
    monkeypatch.setattr("bot.extract.pipeline.parse_pieces", lambda whole: [whole])
    whole = extractor.read(text, budget=budget)
    assert not in_pieces.cut and in_pieces.read_chars == len(text)
    assert [a.as_json() for a in in_pieces.attributions] == [
        a.as_json() for a in whole.attributions
    ]
