"""p95 of the web view's ``/ask`` page against the CLI's answer, over N synthetic attributions.

    python bench/web_latency.py --attributions 100000 [--json]

Loads the synthetic corpus into a SQLite file as bench/answer_latency.py does (no vectors:
the semantic signal is off by default), starts the real ``newsprov web`` on a free local port
and a CLI process of its own, and asks the same 200 questions four ways, in turn (the order
reversed every other question):
- ``cli``: the CLI process answers as ``newsprov ask`` does (``Newsprov.ask``, limit 3, and the
  plain-text reply), timed by its own clock (``cli``) and from here over its pipe (``cli_trip``);
- ``web``: ``GET /ask?q=`` to the web process, timed by the page's ``Server-Timing`` (``web``:
  its answer and template) and from here over HTTP/1.1 keep-alive (``web_trip``);
- ``here_cli`` and ``here_web``: both in this process, the app through httpx's ASGI transport
  (no socket, no second process): what the web code adds by itself.
Reports p50/p95 of each and the differences of the p95s in ms, and the round trip of a page
served from memory (``/style.css``): what HTTP alone costs.
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


async def cli_worker(database_url: str) -> None:
    """A CLI process of its own: answers each question line of stdin as ``newsprov ask`` does
    and writes the milliseconds it took, one line each."""
    from bot.cli.ask import render_plain
    from bot.process import tune_garbage_collector
    from bot.services.newsprov import Newsprov
    from bot.settings import Settings

    tune_garbage_collector()
    settings = Settings(database_url=database_url)
    async with await Newsprov.open(settings, migrate=False) as service:
        for line in sys.stdin:
            started = time.perf_counter()
            render_plain(await service.ask(line.strip(), limit=3))
            print(round((time.perf_counter() - started) * 1000, 3), flush=True)


async def measure(
    database_url: str, asked: list[Question], port: int, worker: subprocess.Popen[str]
) -> dict[str, Any]:
    from bot.cli.ask import render_plain
    from bot.process import tune_garbage_collector
    from bot.services.newsprov import Newsprov
    from bot.settings import Settings
    from bot.web.app import create_app

    tune_garbage_collector()  # as the newsprov command does (and the web process)
    settings = Settings(database_url=database_url)
    assert worker.stdin is not None and worker.stdout is not None
    times: dict[str, list[float]] = {
        name: [] for name in ("cli", "cli_trip", "web", "web_trip", "here_cli", "here_web")
    }

    async with (
        await Newsprov.open(settings, migrate=False) as service,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(service)), base_url="http://bench"
        ) as in_process,
    ):

        async def cli(question: Question) -> None:
            started = time.perf_counter()
            worker.stdin.write(question.text + "\n")
            worker.stdin.flush()
            took = float(await asyncio.to_thread(worker.stdout.readline))
            times["cli_trip"].append((time.perf_counter() - started) * 1000)
            times["cli"].append(took)

        async def web(question: Question) -> None:
            started = time.perf_counter()
            response = await client.get("/ask", params={"q": question.text})
            response.raise_for_status()
            times["web_trip"].append((time.perf_counter() - started) * 1000)
            times["web"].append(float(response.headers["server-timing"].split("dur=")[1]))

        async def here_cli(question: Question) -> None:
            started = time.perf_counter()
            render_plain(await service.ask(question.text, limit=3))
            times["here_cli"].append((time.perf_counter() - started) * 1000)

        async def here_web(question: Question) -> None:
            started = time.perf_counter()
            response = await in_process.get("/ask", params={"q": question.text})
            response.raise_for_status()
            times["here_web"].append((time.perf_counter() - started) * 1000)

        async def static() -> float:
            started = time.perf_counter()
            (await client.get("/style.css")).read()
            return (time.perf_counter() - started) * 1000

        order = [cli, web, here_cli, here_web]
        try:
            for question in asked[:WARM_UP]:
                for ask in order:
                    await ask(question)
            for timed in times.values():
                timed.clear()
            round_trips = [await static() for _ in range(200)]
            for number, question in enumerate(asked):
                for ask in order if number % 2 == 0 else order[::-1]:
                    await ask(question)
        finally:
            worker.stdin.close()
    summary = {name: _summary(timed) for name, timed in times.items()}

    def difference(web_side: str, cli_side: str, key: str = "p95_ms") -> float:
        return round(summary[web_side][key] - summary[cli_side][key], 2)

    flat = {f"{name}_{key}": value for name, s in summary.items() for key, value in s.items()}
    return {
        "questions": len(asked),
        # As each is seen from outside its process: the page over HTTP, the CLI over a pipe.
        "p95_difference_ms": difference("web_trip", "cli_trip"),
        "p50_difference_ms": difference("web_trip", "cli_trip", "p50_ms"),
        # Inside each process: the page's Server-Timing against the CLI's own clock.
        "inside_p95_difference_ms": difference("web", "cli"),
        # Both in this process (the app through httpx's ASGI transport): the web code alone.
        "here_p95_difference_ms": difference("here_web", "here_cli"),
        **flat,
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
    worker = subprocess.Popen(
        [sys.executable, __file__, "--cli-worker", database_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:

        async def both() -> dict[str, Any]:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                await _wait_up(client, process)
            return await measure(database_url, asked, port, worker)

        measured = asyncio.run(both())
    finally:
        for started in (process, worker):
            started.terminate()
            started.wait(timeout=30)
    return {
        "database": "sqlite",
        "attributions": attributions,
        "load_s": round(load_s, 1),
        **measured,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--cli-worker":
        asyncio.run(cli_worker(sys.argv[2]))
        return
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
