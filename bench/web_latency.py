"""p95 of the web view's ``/ask`` page against the CLI's answer, over N synthetic attributions.

    python bench/web_latency.py --attributions 100000 [--json]

Loads the synthetic corpus into a SQLite file as bench/answer_latency.py does (no vectors:
the semantic signal is off by default), then starts the real ``newsprov web`` on a free local
port and asks the same 200 questions three ways, in turn (the order reversed every other one):
- ``cli``: what ``newsprov ask`` does for each question, in this process: ``Newsprov.ask``
  (limit 3) and the plain-text reply;
- ``web``: ``GET /ask?q=`` over HTTP/1.1 keep-alive to the web process, the whole page read
  (its ``ask`` with the page's limit, the template, the HTTP round trip);
- ``in_process``: the same app in this process through httpx's ASGI transport (no socket, no
  second process): what the web code adds to the answer by itself.
Reports p50/p95 of each and the difference of the p95s in ms; also the web process's own time
for each page (its ``Server-Timing`` header: the answer and the template, without HTTP) and the
round trip of a page served from memory (``/style.css``), which is what HTTP alone costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.answer_latency import load, prepare_for_questions
from bench.synthetic import Question, Vocabulary, questions
from store.db import upgrade_to_head

PROJECT = Path(__file__).resolve().parents[1]
WARM_UP = 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_web(database_url: str, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSPROV_")}
    environment |= {"NEWSPROV_DATABASE_URL": database_url, "NEWSPROV_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "bot", "--env-file", str(workdir / "no.env"), "web"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, env=environment, cwd=PROJECT)


async def _wait_up(client: httpx.AsyncClient, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"newsprov web exited with {process.returncode}")
        try:
            await client.get("/")
            return
        except httpx.TransportError:
            await asyncio.sleep(0.2)
    raise RuntimeError("newsprov web did not start")


def _summary(latencies: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(statistics.quantiles(latencies, n=100)[94], 2),
        "max_ms": round(max(latencies), 2),
    }


async def measure(database_url: str, asked: list[Question], port: int) -> dict[str, Any]:
    from bot.commands import render_plain
    from bot.process import tune_garbage_collector
    from bot.service import Newsprov
    from bot.settings import Settings
    from bot.web.app import create_app

    tune_garbage_collector()  # as the newsprov command does (and the web process)
    settings = Settings(database_url=database_url)

    async with (
        await Newsprov.open(settings, migrate=False) as service,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client,
    ):

        async def cli(question: Question) -> float:
            started = time.perf_counter()
            render_plain(await service.ask(question.text, limit=3))
            return (time.perf_counter() - started) * 1000

        app_ms: list[float] = []

        async def web(question: Question) -> float:
            started = time.perf_counter()
            response = await client.get("/ask", params={"q": question.text})
            response.read()
            took = (time.perf_counter() - started) * 1000
            response.raise_for_status()
            app_ms.append(float(response.headers["server-timing"].split("dur=")[1]))
            return took

        in_process = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(service)), base_url="http://bench"
        )

        async def asgi(question: Question) -> float:
            started = time.perf_counter()
            response = await in_process.get("/ask", params={"q": question.text})
            took = (time.perf_counter() - started) * 1000
            response.raise_for_status()
            return took

        async def static() -> float:
            started = time.perf_counter()
            (await client.get("/style.css")).read()
            return (time.perf_counter() - started) * 1000

        for question in asked[:WARM_UP]:
            await cli(question)
            await web(question)
            await asgi(question)
        app_ms.clear()
        round_trips = [await static() for _ in range(200)]
        timings: dict[str, list[float]] = {"cli": [], "web": [], "asgi": []}
        for number, question in enumerate(asked):
            order = [("cli", cli), ("web", web), ("asgi", asgi)]
            for name, ask in order if number % 2 == 0 else order[::-1]:
                timings[name].append(await ask(question))
        await in_process.aclose()
    cli_summary, web_summary = _summary(timings["cli"]), _summary(timings["web"])
    return {
        "questions": len(asked),
        **{f"cli_{key}": value for key, value in cli_summary.items()},
        **{f"web_{key}": value for key, value in web_summary.items()},
        "p95_difference_ms": round(web_summary["p95_ms"] - cli_summary["p95_ms"], 2),
        "p50_difference_ms": round(web_summary["p50_ms"] - cli_summary["p50_ms"], 2),
        # The same app in this process (httpx's ASGI transport): what the web code adds alone.
        **{f"in_process_{key}": value for key, value in _summary(timings["asgi"]).items()},
        "in_process_p95_difference_ms": round(
            _summary(timings["asgi"])["p95_ms"] - cli_summary["p95_ms"], 2
        ),
        # The web process's own time for the page (its Server-Timing header): ask and template.
        **{f"web_app_{key}": value for key, value in _summary(app_ms).items()},
        "app_p95_difference_ms": round(_summary(app_ms)["p95_ms"] - cli_summary["p95_ms"], 2),
        # The HTTP round trip alone: the stylesheet, served from memory by the same process.
        "http_round_trip_p50_ms": round(statistics.median(round_trips), 2),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def run(attributions: int, workdir: Path) -> dict[str, Any]:
    database_url = f"sqlite:///{workdir / 'bench.db'}"
    asyncio.run(upgrade_to_head(database_url))
    load_s, sample = asyncio.run(load(database_url, attributions))
    asyncio.run(prepare_for_questions(database_url))
    asked = questions(sample, Vocabulary.build())
    port = _free_port()
    process = _start_web(database_url, port, workdir)
    try:

        async def both() -> dict[str, Any]:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                await _wait_up(client, process)
            return await measure(database_url, asked, port)

        measured = asyncio.run(both())
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {
        "database": "sqlite",
        "attributions": attributions,
        "load_s": round(load_s, 1),
        **measured,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attributions", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsprov-web-bench-") as workdir:
        result = run(options.attributions, Path(workdir))
    if options.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>18}: {value}")


if __name__ == "__main__":
    main()
