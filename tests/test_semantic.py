"""The semantic signal: the bundled sentence model, vectors stored at ingest, retrieval by meaning.

The articles are written for these tests. Each database test runs on a real SQLite file and on a
real PostgreSQL database (the ``service`` and ``database_url`` fixtures)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select, update

from bot.answer.credits import Claim, ClaimTexts
from bot.answer.question import parse_question
from bot.answer.rank import claim_features
from bot.answer.semantic import NEAR
from bot.embedding import (
    DIMENSIONS,
    MODEL_NAME,
    VECTOR_MODEL,
    SentenceEncoder,
    WordPiece,
    claim_text,
    embed_texts,
    model_directory,
)
from bot.services.newsprov import Newsprov
from bot.services.retrieval import (
    candidates,
    candidates_in_meaning,
    question_meaning,
    ranked_claims,
)
from bot.settings import Settings
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text
from store.db import create_engine, session_factory
from store.models import Attribution, AttributionVector
from store.vectors import WORDS, VectorIndex

PROJECT = Path(__file__).resolve().parents[1]

RAID_ARTICLE = "\n".join(
    [
        "Government defends night raid on Port Selva depot",
        "",
        "PORT SELVA, 9 May 2025 (Coastline News) - Soldiers raided a fuel depot outside Port"
        " Selva on Thursday night, seizing two lorries and detaining four guards.",
        "Defence Minister Orla Brennick insisted the operation complied with international law.",
        "The depot's owner, Tomas Vey, said the soldiers had taken his lorries to a barracks.",
    ]
)
# The same event told without "raid" or "legal" anywhere: full-text search cannot find it.
OPERATION_ARTICLE = "\n".join(
    [
        "Minister speaks about depot operation",
        "",
        "PORT SELVA, 9 May 2025 (Coastline News) - Soldiers entered a fuel depot outside Port"
        " Selva on Thursday night.",
        "Defence Minister Orla Brennick insisted the operation complied with international law.",
        "The depot's owner, Tomas Vey, said the soldiers had taken his lorries to a barracks.",
    ]
)
OTHER_ARTICLES = [
    "\n".join(
        [
            "Marlow council approves new tram line",
            "",
            "MARLOW, 2 May 2025 (Valley Post) - The Marlow city council approved a tram line"
            " linking the station to the university.",
            "Councillor Hana Ostrova said the line would open in three years.",
            "Transport officials said fares would stay the same as on buses.",
        ]
    ),
    "\n".join(
        [
            "Orchard growers warn of poor apple harvest",
            "",
            "KELLS, 5 May 2025 (Farm Journal) - Apple growers in the Kells valley expect their"
            " smallest harvest in a decade after late frosts.",
            "Growers' union chairman Piet Lunde said many farms would lose half their crop.",
            "A weather service spokeswoman said the frosts had been the latest on record.",
        ]
    ),
]


@pytest.fixture
def settings(database_url: str) -> Settings:
    """These tests force the signal on (the default, auto, turns it off for a large index)."""
    return Settings(database_url=database_url, semantic="on")


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_the_model_loads_offline_from_its_package_without_torch_or_a_hub() -> None:
    script = (
        "import json, sys\n"
        "from bot.embedding import SentenceEncoder, model_directory\n"
        "encoder = SentenceEncoder.load()\n"
        "v = encoder.encode(['The minister denied the report.', 'The minister rejected the"
        " report.', 'Apple growers expect a small harvest.'])\n"
        "print(json.dumps({'directory': str(model_directory()), 'shape': list(v.shape),"
        " 'near': float(v[0] @ v[1]), 'far': float(v[0] @ v[2]),"
        " 'norms': [float(x) for x in (v * v).sum(1)],"
        " 'loaded': [m for m in ('torch', 'transformers', 'sentence_transformers',"
        " 'huggingface_hub', 'tokenizers') if m in sys.modules]}))\n"
    )
    environment = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HOME": "/nonexistent",
        "NO_PROXY": "*",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert "site-packages" in report["directory"]
    assert report["shape"] == [3, DIMENSIONS]
    assert report["loaded"] == []
    assert all(abs(norm - 1.0) < 1e-4 for norm in report["norms"])
    assert report["near"] > 0.8 > report["far"] + 0.3


def test_wordpiece_splits_as_bert_does(encoder: SentenceEncoder) -> None:
    vocabulary = (model_directory() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    tokenizer = WordPiece(vocabulary)
    pieces = [vocabulary[i] for i in tokenizer.encode("Café owners' UNAFFABLE reply, naïvely!")]
    assert pieces == [
        "[CLS]",
        "cafe",
        "owners",
        "'",
        "una",
        "##ffa",
        "##ble",
        "reply",
        ",",
        "naive",
        "##ly",
        "!",
        "[SEP]",
    ]
    assert len(tokenizer.encode("word " * 500)) == 128


def test_the_half_precision_token_table_moves_no_vector(encoder: SentenceEncoder) -> None:
    from safetensors.numpy import load_file

    folder = model_directory()
    vocabulary = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    full = SentenceEncoder(
        load_file(str(folder / "model.safetensors")), vocabulary, token_type=np.float32
    )
    texts = [
        "Mayor Helena Varga did not say whether the city would pay for the new bridge.",
        "Greenfield Chemicals refused to comment.",
    ]
    cosines = (encoder.encode(texts) * full.encode(texts)).sum(1)
    assert all(cosine > 1.0 - 1e-5 for cosine in cosines)


def test_loading_the_model_holds_it_once() -> None:
    script = (
        "import resource\n"
        "from bot.embedding import SentenceEncoder\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "SentenceEncoder.load().encode(['The minister denied the report.'])\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    # 91 MB of float32 weights, 67 MB as kept (float16 tokens); a mapped file added them both
    assert int(done.stdout.strip().splitlines()[-1]) < 110


def test_a_paraphrase_is_nearer_than_a_claim_on_another_topic(encoder: SentenceEncoder) -> None:
    question, paraphrase, other = encoder.encode(
        [
            "who claimed the raid was legal?",
            "Orla Brennick insisted the operation complied with international law",
            "Hana Ostrova said the tram line would open in three years",
        ]
    )
    assert float(question @ paraphrase) > float(question @ other) + 0.15


def test_the_index_finds_the_nearest_sign_bits_first() -> None:
    index = VectorIndex()
    rng = np.random.default_rng(3)
    codes = rng.integers(0, 2**63, size=(500, WORDS), dtype=np.uint64)
    index._append(np.arange(1, 501, dtype=np.int64), codes.T)
    query = codes[41].copy()
    query[0] ^= np.uint64(0b111)  # three bits off the vector of attribution 42
    nearest = index.nearest(query.tobytes(), 5)
    assert nearest[0] == 42 and len(nearest) == 5
    assert index.nearest(query.tobytes(), 0) == []


async def _ingest(service: Newsprov, *texts: str) -> list[int]:
    ids = []
    for text in texts:
        outcome = await service.ingest_draft(draft_from_plain_text(text, origin=Origin.FILE))
        ids += [claim.attribution_id for claim in outcome.attributions]
    return ids


async def test_every_attribution_gets_its_vector_at_ingest(service: Newsprov) -> None:
    ids = await _ingest(service, RAID_ARTICLE, *OTHER_ARTICLES)
    assert len(ids) >= 6
    async with service.sessions() as session:
        rows = (await session.execute(select(AttributionVector))).scalars().all()
    assert sorted(row.attribution_id for row in rows) == sorted(ids)
    assert {row.model for row in rows} == {VECTOR_MODEL}
    assert all(len(row.embedding) == DIMENSIONS and len(row.bits) == 48 for row in rows)


async def test_a_claim_sharing_no_word_with_the_question_is_found_by_its_meaning(
    service: Newsprov,
) -> None:
    await _ingest(service, *OTHER_ARTICLES, OPERATION_ARTICLE)
    question = parse_question("who claimed the raid was legal?")
    semantic = await service.semantic()
    assert semantic is not None
    async with service.sessions() as session:
        _, by_words = await candidates(session, question)
        meaning = await question_meaning(session, semantic, question.text)
        nearest = await session.get(Attribution, meaning.neighbours[0])
        _, rows, meanings = await candidates_in_meaning(session, question, semantic=semantic)
    assert by_words == []
    assert nearest is not None and "international law" in nearest.content
    assert meaning.similarities[nearest.id] == max(meaning.similarities.values())
    assert nearest.id in [row.id for row in rows] and meanings is not None
    assert meanings[nearest.id] >= NEAR  # its sentence, with the speaker's name and role


async def test_a_paraphrased_question_ranks_the_claim_it_paraphrases_first(
    service: Newsprov,
) -> None:
    await _ingest(service, *OTHER_ARTICLES, RAID_ARTICLE)
    async with service.sessions() as session:
        ranked = await ranked_claims(
            session,
            parse_question("who claimed the raid was legal?"),
            semantic=await service.semantic(),
        )
    assert ranked and ranked[0][1].speaker_name == "Orla Brennick"
    answers = (await service.ask("Who insisted the raid was lawful?")).answers
    assert answers and answers[0].speaker == "Orla Brennick"
    assert "complied with international law" in answers[0].content


async def _without_semantic(settings: Settings, extractor, *texts: str) -> list[int]:  # type: ignore[no-untyped-def]
    """Ingest with embeddings turned off; the attribution ids stored."""
    async with await Newsprov.open(
        replace(settings, semantic="off"), extractor=extractor
    ) as service:
        return await _ingest(service, *texts)


async def test_without_the_semantic_signal_the_paraphrase_is_not_the_answer(
    settings: Settings, extractor
) -> None:  # type: ignore[no-untyped-def]
    await _without_semantic(settings, extractor, *OTHER_ARTICLES, RAID_ARTICLE)
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session:
            ranked = await ranked_claims(session, parse_question("who claimed the raid was legal?"))
            stored = await session.scalar(select(func.count()).select_from(AttributionVector))
    finally:
        await engine.dispose()
    assert stored == 0
    assert not ranked or ranked[0][1].speaker_name != "Orla Brennick"


async def test_embed_missing_fills_in_attributions_stored_without_vectors(
    settings: Settings, extractor
) -> None:  # type: ignore[no-untyped-def]
    ids = await _without_semantic(settings, extractor, RAID_ARTICLE, *OTHER_ARTICLES)
    async with await Newsprov.open(settings, extractor=extractor) as service:
        assert await service.embed_missing(batch=4) == len(ids)
        assert await service.embed_missing() == 0
        async with service.sessions() as session:
            embedded = (await session.execute(select(AttributionVector.attribution_id))).all()
        assert sorted(row[0] for row in embedded) == sorted(ids)
        async with service.sessions() as session:
            meaning = await question_meaning(
                session, await service.semantic(), parse_question("who said fares stay?").text
            )
        assert set(meaning.neighbours) <= set(ids) and meaning.neighbours


async def test_embed_missing_replaces_the_vectors_of_the_content_alone(
    service: Newsprov,
) -> None:
    """Vectors stored before the sentence was embedded (tagged with the bare model name) are
    embedded again from the sentence, as new rows an index in memory reads."""
    ids = await _ingest(service, RAID_ARTICLE)
    async with service.sessions.begin() as session:
        await session.execute(update(AttributionVector).values(model=MODEL_NAME))
    async with service.sessions() as session:
        before = dict(
            (
                await session.execute(
                    select(AttributionVector.attribution_id, AttributionVector.id)
                )
            ).all()
        )
    assert await service.embed_missing() == len(ids)
    assert await service.embed_missing() == 0
    async with service.sessions() as session:
        rows = (await session.execute(select(AttributionVector))).scalars().all()
    assert sorted(row.attribution_id for row in rows) == sorted(ids)
    assert {row.model for row in rows} == {VECTOR_MODEL}
    assert all(row.id > max(before.values()) for row in rows)


def test_a_claim_is_embedded_by_its_sentence_each_sentence_once(encoder: SentenceEncoder) -> None:
    sentence = "Mayor Helena Varga said the bridge would open in May and cost less than planned."
    assert claim_text(sentence, "the bridge would open in May") == sentence
    assert claim_text(" ", "the bridge would open in May") == "the bridge would open in May"
    calls: list[list[str]] = []

    class Counting:
        def encode(self, texts: list[str]) -> np.ndarray:
            calls.append(list(texts))
            return encoder.encode(texts)

    stored = embed_texts(
        Counting(), [sentence, "Greenfield Chemicals refused to comment.", sentence]
    )  # type: ignore[arg-type]
    assert calls == [[sentence, "Greenfield Chemicals refused to comment."]]
    assert stored[0] == stored[2] != stored[1]
    assert len(stored[0][0]) == DIMENSIONS and len(stored[0][1]) == DIMENSIONS // 8


def test_meaning_lifts_no_claim_of_another_stance_than_the_one_asked() -> None:
    """ "Who claimed responsibility for the bombing?": the ministry's accusation is close in
    meaning, but only a claim that does the act asked may be lifted by it; it is scored as
    without the signal."""
    title = "Bomb hits Tarsen market"
    accusation = Claim(
        speaker="the interior ministry",
        speaker_role=None,
        stance="accuse",
        content="the Red Hand militia of planting the bomb at Tarsen market",
        sentence="The interior ministry accused the Red Hand militia of planting the bomb at"
        " Tarsen market.",
        title=title,
    )
    claimed = replace(
        accusation,
        speaker="the Red Hand militia",
        stance="claim",
        content="responsibility for the bombing of Tarsen market",
        sentence="The Red Hand militia claimed responsibility for the bombing of Tarsen market.",
    )
    question = parse_question("Who claimed responsibility for the Tarsen market bombing?")
    other = claim_features(question, accusation, ClaimTexts.of(accusation), meaning=0.8)
    unaided = claim_features(question, accusation, ClaimTexts.of(accusation))
    assert other == unaided and other["meaning_known"] == 0.0
    doing = claim_features(question, claimed, ClaimTexts.of(claimed), meaning=0.8)
    assert doing["meaning"] == 0.8 and doing["meaning_known"] == 1.0
