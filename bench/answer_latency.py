"""How fast one question is answered over N synthetic attributions, on SQLite or PostgreSQL.

    python bench/answer_latency.py --attributions 100000 --database sqlite [--json]

Generates the attributions (bench/synthetic.py), bulk-loads them in batches through the
migrated schema (the full-text index kept in step by its triggers or generated column),
refreshes the term statistics, then answers 200 varied questions in a fresh process through
the real answering code (``answer_question`` and the reports of ``with_provenance`` with a
session, as ``Newsprov.ask`` does) and
reports p50/p95 latency, that process's peak RSS, how fast the machine ran Python meanwhile,
the load rate and time, and index sizes.

With vectors (the default; ``--no-vectors`` leaves them out) every attribution gets a row in
``attribution_vectors``: the sampled claims that questions are made from are embedded by the
real model, all others get random unit vectors (embedding a million claims would take hours;
the nearest-neighbour search scans every vector whatever they hold). Each question is then
answered twice in turn, without and with the semantic signal (which goes first alternates),
so that ``p95_ms`` (without) and ``semantic_p95_ms`` (with) are measured side by side; the
question's embedding and its nearest-neighbour search are timed on their own too, and the time
the vector index takes to read every stored vector on the first question.
PostgreSQL is found through NEWSPROV_TEST_POSTGRES_URL (default: the local server); the bench
creates a database of its own there and drops it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.synthetic import Claim, Corpus, Question, Vocabulary, attribution_values, questions
from store.attributions import claims_by_ids
from store.db import async_url, create_engine, session_factory, upgrade_to_head
from store.models import Article, Attribution, AttributionVector, Speaker
from store.search import search_attribution_ids
from store.term_stats import TermStats, load_term_stats, refresh_term_stats

POSTGRES_ADMIN_URL = os.environ.get(
    "NEWSPROV_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
ARTICLES_PER_BATCH = 1_000
SAMPLE_SIZE = 4_000


def _vector_rows(
    loaded: list[tuple[int, Claim]], every: int, encoder: Any, rng: Any
) -> list[dict[str, Any]]:
    """The sampled claims (the questions' answers) embedded; random unit vectors for the rest."""
    import numpy as np

    from bot.embedding import DIMENSIONS, VECTOR_MODEL, claim_text, to_bits, to_int8

    vectors = rng.standard_normal((len(loaded), DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sampled = [i for i, (attribution_id, _) in enumerate(loaded) if attribution_id % every == 0]
    if sampled:
        vectors[sampled] = encoder.encode(
            [claim_text(loaded[i][1].sentence, loaded[i][1].content) for i in sampled]
        )
    return [
        {"attribution_id": pair[0], "model": VECTOR_MODEL, "embedding": e, "bits": b}
        for pair, e, b in zip(loaded, to_int8(vectors), to_bits(vectors), strict=True)
    ]


async def _load_batch(
    session: AsyncSession,
    batch: list[tuple[dict[str, Any], list[Claim]]],
    *,
    next_ids: dict[str, int],
    speaker_ids: dict[str, int],
) -> list[tuple[int, Claim]]:
    new_speakers = []
    for _, claims in batch:
        for claim in claims:
            if claim.speaker not in speaker_ids:
                speaker_ids[claim.speaker] = next_ids["speaker"]
                new_speakers.append(
                    {
                        "id": next_ids["speaker"],
                        "key": claim.speaker.lower(),
                        "name": claim.speaker,
                        "kind": "person",
                    }
                )
                next_ids["speaker"] += 1
    articles, attributions, loaded = [], [], []
    for values, claims in batch:
        article_id = next_ids["article"]
        next_ids["article"] += 1
        articles.append({"id": article_id, **values})
        rows = attribution_values(article_id, values["title"], claims, speaker_ids=speaker_ids)
        for row, claim in zip(rows, claims, strict=True):
            row["id"] = next_ids["attribution"]
            next_ids["attribution"] += 1
            loaded.append((row["id"], claim))
        attributions.extend(rows)
    if new_speakers:
        await session.execute(insert(Speaker), new_speakers)
    await session.execute(insert(Article), articles)
    await session.execute(insert(Attribution), attributions)
    return loaded


async def load(
    url: str, attributions: int, *, vectors: bool = False
) -> tuple[float, list[tuple[int, Claim]]]:
    """Bulk-load the corpus (and with ``vectors`` the attributions' vectors); returns the
    seconds taken and a spread sample of claims."""
    encoder = rng = None
    if vectors:
        import numpy as np

        from bot.embedding import SentenceEncoder

        encoder, rng = SentenceEncoder.load(), np.random.default_rng(7)
    corpus = Corpus(Vocabulary.build())
    articles = max(1, attributions // corpus.claims_per_article)
    every = max(1, attributions // SAMPLE_SIZE)
    next_ids = {"article": 1, "attribution": 1, "speaker": 1}
    speaker_ids: dict[str, int] = {}
    sample: list[tuple[int, Claim]] = []
    engine = create_engine(url)
    started = time.perf_counter()
    try:
        sessions = session_factory(engine)
        for start in range(0, articles, ARTICLES_PER_BATCH):
            count = min(ARTICLES_PER_BATCH, articles - start)
            batch = list(corpus.articles(count, start=start))
            async with sessions.begin() as session:
                loaded = await _load_batch(
                    session, batch, next_ids=next_ids, speaker_ids=speaker_ids
                )
                if encoder is not None:
                    rows = _vector_rows(loaded, every, encoder, rng)
                    await session.execute(insert(AttributionVector), rows)
            sample.extend(pair for pair in loaded if pair[0] % every == 0)
        if engine.dialect.name == "postgresql":
            async with engine.begin() as connection:
                tables = ["articles", "attributions", "speakers"]
                for table in [*tables, "attribution_vectors"] if vectors else tables:
                    await connection.execute(
                        text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
                    )
    finally:
        await engine.dispose()
    return time.perf_counter() - started, sample


async def prepare_for_questions(url: str) -> dict[str, float]:
    """Term statistics refreshed, planner statistics gathered: what a deployment does."""
    engine = create_engine(url)
    try:
        started = time.perf_counter()
        async with session_factory(engine).begin() as session:
            kept = await refresh_term_stats(session)
        refreshed = time.perf_counter() - started
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        async with autocommit.connect() as connection:
            if engine.dialect.name == "postgresql":
                await connection.execute(text("VACUUM ANALYZE"))
            else:
                await connection.execute(text("ANALYZE"))
        return {"term_stats_s": round(refreshed, 2), "common_terms": kept}
    finally:
        await engine.dispose()


async def sizes(url: str) -> dict[str, float]:
    engine = create_engine(url)
    mb = 1024 * 1024
    try:
        async with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                row = (
                    await connection.execute(
                        text(
                            "SELECT pg_relation_size('ix_attributions_search_vector'),"
                            " pg_database_size(current_database()),"
                            " pg_total_relation_size('attribution_vectors')"
                        )
                    )
                ).one()
                return {
                    "index_mb": round(row[0] / mb, 1),
                    "database_mb": round(row[1] / mb, 1),
                    "vectors_mb": round(row[2] / mb, 1),
                }
            index = await connection.scalar(
                text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'attribution_fts%'")
            )
            stored = await connection.scalar(
                text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%attribution_vectors%'")
            )
            database = await asyncio.to_thread(os.path.getsize, str(async_url(url).database))
            return {
                "index_mb": round((index or 0) / mb, 1),
                "database_mb": round(database / mb, 1),
                "vectors_mb": round((stored or 0) / mb, 1),
            }
    finally:
        await engine.dispose()


async def _retrieve(
    sessions: async_sessionmaker[AsyncSession], question: Question, stats: TermStats
) -> float:
    """Milliseconds of the answer's database work alone: candidates, their rows, articles."""
    from bot.answer.answerer import ARTICLE_CONTEXT, CANDIDATES
    from bot.answer.question import parse_question

    parsed = parse_question(question.text)
    started = time.perf_counter()
    async with sessions() as session:
        ids = await search_attribution_ids(
            session, parsed.term_groups, limit=CANDIDATES, stats=stats
        )
        await claims_by_ids(session, ids, opening=ARTICLE_CONTEXT)
    return (time.perf_counter() - started) * 1000


async def answer_all(url: str, asked: list[Question], *, vectors: bool) -> dict[str, Any]:
    """Answer every question as the service does; runs in a process of its own. With
    ``vectors``, each question is answered without and with the semantic signal in turn."""
    from bot.answer.semantic import Semantic
    from bot.process import tune_garbage_collector
    from bot.services.provenance import with_provenance
    from bot.services.retrieval import answer_question

    tune_garbage_collector()  # as the newsprov command does
    engine = create_engine(url)
    sessions = session_factory(engine)
    semantic = None
    index_s = 0.0
    if vectors:
        from bot.embedding import SentenceEncoder

        semantic = Semantic(SentenceEncoder.load())
        started = time.perf_counter()
        async with sessions() as session:
            await semantic.index.refresh(session)
        index_s = time.perf_counter() - started

    async def ask(question: Question, with_meaning: Semantic | None) -> tuple[float, Any]:
        started = time.perf_counter()
        async with sessions() as session:
            answer_set = await answer_question(
                session, question.text, term_stats=stats, semantic=with_meaning
            )
            answer_set = await with_provenance(session, answer_set)  # as Asking.ask does
        return (time.perf_counter() - started) * 1000, answer_set

    try:
        async with sessions() as session:
            stats = await load_term_stats(session)
        for question in asked[:5]:  # connections opened, code paths warmed
            await ask(question, None)
            await ask(question, semantic)
        speed_before = python_speed_ms()
        passes: dict[str, dict[str, Any]] = {"plain": _pass(), "semantic": _pass()}
        for number, question in enumerate(asked):
            order = [("plain", None), ("semantic", semantic)] if vectors else [("plain", None)]
            for name, with_meaning in order if number % 2 == 0 else order[::-1]:
                took, answer_set = await ask(question, with_meaning)
                _count(passes[name], question, took, answer_set)
        speed_after = python_speed_ms()
        retrieval = [await _retrieve(sessions, question, stats) for question in asked]
        meaning = [await _meaning(sessions, semantic, q) for q in asked] if semantic else []
    finally:
        await engine.dispose()
    result = {
        **_summary(passes["plain"]),
        "retrieval_p50_ms": round(statistics.median(retrieval), 2),
        "retrieval_p95_ms": round(statistics.quantiles(retrieval, n=100)[94], 2),
        "rss_mb": round(peak_rss_kb() / 1024, 1),
        "load_average_1m": round(os.getloadavg()[0], 2),  # other work on the machine meanwhile
        "python_speed_ms": round((speed_before + speed_after) / 2, 1),
    }
    if semantic is not None:
        with_semantic = _summary(passes["semantic"])
        result |= {f"semantic_{key}": value for key, value in with_semantic.items()}
        result["semantic_p95_ratio"] = round(with_semantic["p95_ms"] / result["p95_ms"], 2)
        encode = [took for took, _ in meaning]
        search = [took for _, took in meaning]
        result |= {
            "vectors": len(semantic.index),
            "vector_index_load_s": round(index_s, 1),
            "question_embedding_p50_ms": round(statistics.median(encode), 2),
            "question_embedding_p95_ms": round(statistics.quantiles(encode, n=100)[94], 2),
            "vector_search_p50_ms": round(statistics.median(search), 2),
            "vector_search_p95_ms": round(statistics.quantiles(search, n=100)[94], 2),
        }
    return result


def _pass() -> dict[str, Any]:
    return {"latencies": [], "hits": 0, "expected": 0, "answered": 0}


def _count(into: dict[str, Any], question: Question, took: float, answer_set: Any) -> None:
    into["latencies"].append(took)
    into["answered"] += bool(answer_set.answers)
    if question.expected is not None:
        into["expected"] += 1
        into["hits"] += question.expected in {a.attribution_id for a in answer_set.answers}


def _summary(measured: dict[str, Any]) -> dict[str, Any]:
    latencies = measured["latencies"]
    return {
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(statistics.quantiles(latencies, n=100)[94], 2),
        "max_ms": round(max(latencies), 2),
        "answered": measured["answered"],
        "found_expected": f"{measured['hits']}/{measured['expected']}",
    }


async def _meaning(
    sessions: async_sessionmaker[AsyncSession], semantic: Any, question: Question
) -> tuple[float, float]:
    """Milliseconds of the question's embedding, and of its nearest-neighbour search (sign
    bits in memory, then the int8 cosines of the nearest read from the database)."""
    from bot.answer.semantic import SEARCHED, cosines
    from bot.embedding import to_bits
    from store.vectors import embeddings_of

    started = time.perf_counter()
    vector = semantic.encoder.encode([question.text])[0]
    encoded = time.perf_counter()
    async with sessions() as session:
        nearest = semantic.index.nearest(to_bits(vector[None, :])[0], SEARCHED)
        cosines(vector, await embeddings_of(session, nearest))
    searched = time.perf_counter()
    return (encoded - started) * 1000, (searched - encoded) * 1000


def python_speed_ms() -> float:
    """Milliseconds of a fixed pure-Python loop (2 million additions), timed around the
    questions: how fast this machine ran Python meanwhile. On a shared virtual machine it
    varies by half within minutes, and the latencies with it (docs/benchmarks.md)."""
    started = time.perf_counter()
    total = 0
    for number in range(2_000_000):
        total += number
    return (time.perf_counter() - started) * 1000


def peak_rss_kb() -> int:
    """This process's peak resident memory. On Linux ``ru_maxrss`` survives ``exec``: a child
    started by the loading process would report the loader's peak, so the kernel's high-water
    mark of this process's own memory (VmHWM) is read instead."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _answer_in_fresh_process(
    url: str, asked: list[Question], *, vectors: bool, checkout: Path = PROJECT
) -> dict[str, Any]:
    """The answering pass in a process of its own, with the code of ``checkout`` (this one, or
    another one's for ``--against``: its own bench file, run with this virtualenv)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([asdict(q) for q in asked], handle)
    try:
        flag = "--vectors" if vectors else "--no-vectors"
        bench = checkout / "bench" / "answer_latency.py"
        done = subprocess.run(
            [sys.executable, str(bench), "--answer", url, handle.name, flag],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(handle.name)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


async def _postgres_admin(statement: str) -> None:
    import asyncpg  # type: ignore[import-untyped]

    url = async_url(POSTGRES_ADMIN_URL)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def _against(
    url: str, asked: list[Question], other: Path, *, vectors: bool, rounds: int
) -> dict[str, Any]:
    """This checkout's answering pass and ``other``'s on the same database, in turn (which goes
    first alternates), ``rounds`` times: each side's p50 / p95 per round and the median ratio
    of this checkout's p95 to the other's."""
    mine: list[dict[str, Any]] = []
    theirs: list[dict[str, Any]] = []
    for number in range(rounds):
        order = [(PROJECT, mine), (other, theirs)]
        for checkout, into in order if number % 2 == 0 else order[::-1]:
            into.append(_answer_in_fresh_process(url, asked, vectors=vectors, checkout=checkout))
    ratios = sorted(a["p95_ms"] / b["p95_ms"] for a, b in zip(mine, theirs, strict=True))
    p50_ratios = sorted(a["p50_ms"] / b["p50_ms"] for a, b in zip(mine, theirs, strict=True))
    return {
        "against": str(other),
        "this_p50_p95_ms": [(r["p50_ms"], r["p95_ms"]) for r in mine],
        "against_p50_p95_ms": [(r["p50_ms"], r["p95_ms"]) for r in theirs],
        "python_speed_ms": [r["python_speed_ms"] for r in mine + theirs],
        "p95_ratio_median": round(statistics.median(ratios), 3),
        "p50_ratio_median": round(statistics.median(p50_ratios), 3),
    }


def run(
    attributions: int,
    database: str,
    workdir: Path,
    *,
    vectors: bool,
    against: Path | None = None,
    rounds: int = 2,
) -> dict[str, Any]:
    name = f"newsprov_bench_{uuid.uuid4().hex[:10]}"
    if database == "postgresql":
        asyncio.run(_postgres_admin(f'CREATE DATABASE "{name}"'))
        url = async_url(POSTGRES_ADMIN_URL).set(database=name, drivername="postgresql")
        database_url = url.render_as_string(hide_password=False)
    else:
        database_url = f"sqlite:///{workdir / 'bench.db'}"
    try:
        asyncio.run(upgrade_to_head(database_url))
        load_s, sample = asyncio.run(load(database_url, attributions, vectors=vectors))
        prepared = asyncio.run(prepare_for_questions(database_url))
        asked = questions(sample, Vocabulary.build())
        if against is None:
            answered = _answer_in_fresh_process(database_url, asked, vectors=vectors)
        else:
            answered = _against(database_url, asked, against, vectors=vectors, rounds=rounds)
        measured = asyncio.run(sizes(database_url))
    finally:
        if database == "postgresql":
            asyncio.run(_postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return {
        "database": database,
        "attributions": attributions,
        **answered,
        "load_s": round(load_s, 1),
        "load_rate_per_s": round(attributions / load_s),
        **prepared,
        **measured,
    }


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--answer":
        asked = [Question(**q) for q in json.loads(Path(sys.argv[3]).read_text())]
        vectors = sys.argv[4] == "--vectors"
        print(json.dumps(asyncio.run(answer_all(sys.argv[2], asked, vectors=vectors))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attributions", type=int, default=10_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--no-vectors", action="store_true", help="no attribution vectors, no semantic pass"
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also answer with another checkout's code (e.g. a `git worktree` of an earlier "
        "commit), in turn on the same database, and report the p95 ratio",
    )
    parser.add_argument("--rounds", type=int, default=2, help="with --against: passes of each")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsprov-bench-") as workdir:
        result = run(
            options.attributions,
            options.database,
            Path(workdir),
            vectors=not options.no_vectors,
            against=options.against,
            rounds=options.rounds,
        )
    if options.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>18}: {value}")


if __name__ == "__main__":
    main()
