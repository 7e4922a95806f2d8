"""The real ``newsprov web`` over a real SQLite file, in a subprocess on a free local port,
with articles written for these tests and ingested through the service."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from cli_process import PROJECT, cli_command, cli_environment

from bot.settings import Settings
from bot.sources.draft import ArticleDraft, Origin

SCREENSHOTS = PROJECT / "test-output" / "web"

DENIAL = ArticleDraft(
    title="Harbour ministry denies fuel spill at Port Veldan",
    text=(
        "Harbour ministry denies fuel spill at Port Veldan\n\n"
        "The harbour ministry on Monday denied that its dredgers had spilled fuel into the bay "
        "at Port Veldan.\n\n"
        '"Not a drop of fuel left our vessels," ministry spokeswoman Ilse Marrow told Reuters.'
    ),
    origin=Origin.FILE,
    url="https://coastal.example/veldan-denial",
    outlet="Coastal Daily",
    published=datetime(2026, 3, 10, tzinfo=UTC),
)
ACCUSATION = ArticleDraft(
    title="Fishermen accuse harbour ministry over Port Veldan spill",
    text=(
        "Fishermen accuse harbour ministry over Port Veldan spill\n\n"
        "The Veldan fishermen's union accused the harbour ministry of spilling fuel into the "
        "bay at Port Veldan.\n\n"
        '"They poisoned the bay and then lied about it," union leader Tomas Brek said on '
        "Tuesday."
    ),
    origin=Origin.FILE,
    url="https://baltic.example/veldan-union",
    outlet="Baltic Wire",
    published=datetime(2026, 3, 11, tzinfo=UTC),
)
HOSTILE_TITLE = '<script>window.__pwned = 1</script> Mayor <b>opens</b> & "shuts" the dam'
HOSTILE = ArticleDraft(
    title=HOSTILE_TITLE,
    text=(
        f"{HOSTILE_TITLE}\n\n"
        "Mayor Anna Lind said the <script>window.__pwned = 2</script> dam on the Ost river "
        "would open on Friday.\n\n"
        '<img src=x onerror="window.__pwned = 3"> The town council said the gates had been '
        "tested twice."
    ),
    origin=Origin.FILE,
    url="javascript:window.__pwned=4",
    outlet="<i>Ost</i> Courier",
)
ARTICLES = (DENIAL, ACCUSATION, HOSTILE)
DISPUTE_QUESTION = "did the harbour ministry spill fuel at Port Veldan?"


@dataclass(frozen=True)
class WebServer:
    url: str
    database_url: str
    article_ids: dict[str, int]  # by title


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def ingest(database_url: str, extractor: object) -> dict[str, int]:
    from bot.services.newsprov import Newsprov

    settings = Settings(database_url=database_url, semantic="off")
    ids = {}
    async with await Newsprov.open(settings, extractor=extractor) as service:  # type: ignore[arg-type]
        for draft in ARTICLES:
            outcome = await service.ingest_draft(draft)
            ids[draft.title] = outcome.article_id
    return ids


def wait_until_up(url: str, process: subprocess.Popen[bytes], *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"newsprov web exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"newsprov web did not answer at {url} in {seconds} s")


def run_web_server(folder: Path, extractor: object) -> Iterator[WebServer]:
    database_url = f"sqlite:///{folder / 'web.db'}"
    ids = asyncio.run(ingest(database_url, extractor))
    port = free_port()
    command = cli_command(folder, "web", "--host", "127.0.0.1", "--port", str(port))
    environment = cli_environment(NEWSPROV_DATABASE_URL=database_url, NEWSPROV_LOG_LEVEL="WARNING")
    log = (folder / "web.log").open("wb")
    process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield WebServer(url=url, database_url=database_url, article_ids=ids)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
