"""Queued ingestion throughput: 1 ``newsprov worker`` process against 2, on PostgreSQL.

    python bench/queue_throughput.py [--pages 200] [--workers 1 2] [--concurrency 2]
        [--postgres postgresql://postgres@127.0.0.1:5432/postgres] [--project DIR ...]

The same generated article pages (``bench/ingest_throughput.py``'s, served from 127.0.0.1)
are ingested once per worker count, each time into a fresh database made on the server and
dropped after. The workers start first and load spaCy; the clock starts when the links are
queued (in one batch) and stops when the last job has ended. Prints pages per second per
worker count, the ratio to the first, and the CPU seconds the workers spent per article
and the PostgreSQL server spent per article (user + system, from /proc: what a core's worth of
articles is computed from, whatever else the machine is doing; the server's figure counts all
its processes, so other work on the same server shows in it), the cores the workers kept busy
on average, and the share of the machine's CPU time left idle meanwhile: on a shared machine
with no idle time left, a second worker cannot add a core's worth. The bench's own CPU (serving
the pages, polling for the end over one connection every 0.25 s) is reported per article too.

``--project DIR ...`` runs the workers (and the migrations) from each of these checkouts in
turn, in the same run: a before/after comparison of two versions of the worker path.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from sqlalchemy import text

from bench.ingest_throughput import PageServer
from store.db import async_url, create_engine, upgrade_to_head


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    parsed = async_url(url)
    connection = await asyncpg.connect(
        host=parsed.host, port=parsed.port or 5432, user=parsed.username,
        password=parsed.password, database=parsed.database,
    )  # fmt: skip
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


class _Poller:
    """Counts read over one connection, kept open for the run: polling must not make the
    server fork a backend (and the bench set up a connection) several times a second."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)
        self.connection: Any = None

    async def count(self, query: str) -> int:
        if self.connection is None:
            self.connection = await self.engine.connect()
        return int(await self.connection.scalar(text(query)) or 0)

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
        await self.engine.dispose()


def _environment(project: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSPROV_")}
    environment.update(
        PYTHONPATH=str(project), NEWSPROV_ALLOW_PRIVATE_NETWORKS="true",
        NEWSPROV_LOG_LEVEL=os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
    )  # fmt: skip
    return environment


def _upgrade(url: str, project: Path, folder: Path) -> None:
    """The schema as the checkout's own migrations make it."""
    command = [sys.executable, "-m", "bot", "--env-file", str(folder / "no.env"), "--db", url]
    subprocess.run(
        [*command, "db", "upgrade"], env=_environment(project), cwd=project, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def _start_workers(
    url: str, count: int, concurrency: int, folder: Path, project: Path
) -> list[Any]:
    environment = _environment(project)
    processes = []
    for number in range(count):
        command = [sys.executable, "-m", "bot", "--env-file", str(folder / "no.env"), "--db", url]
        command += ["worker", "--concurrency", str(concurrency)]
        with (folder / f"worker-{number}.log").open("wb") as log:
            processes.append(
                subprocess.Popen(
                    command, env=environment, cwd=project, stdout=log, stderr=subprocess.STDOUT
                )
            )
    return processes


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # ended meanwhile
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _machine_jiffies() -> tuple[int, int]:
    """(idle, total) CPU time of the whole machine so far, all cores (Linux /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return values[3] + values[4], sum(values)  # idle + iowait


def _postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine (all of them: other databases' too)."""
    pids = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == "postgres":
                pids.append(int(comm.parent.name))
        except OSError:
            continue
    return pids


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run_once(
    admin_url: str, urls: list[str], workers: int, concurrency: int, project: Path = PROJECT
) -> tuple[float, float, float, float, float]:
    """Wall seconds for the batch, and the CPU seconds the workers and the PostgreSQL server
    (its processes that were running when the batch was queued) spent meanwhile, the share
    of the machine's CPU time that was idle meanwhile, and the bench's own CPU seconds."""
    from bot.services.queue import Queue
    from bot.settings import Settings

    name = f"newsprov_bench_{uuid.uuid4().hex[:10]}"
    await _admin(admin_url, f'CREATE DATABASE "{name}"')
    url = async_url(admin_url).set(database=name, drivername="postgresql")
    db = url.render_as_string(hide_password=False)
    folder = Path(tempfile.mkdtemp(prefix="newsprov-queue-bench-"))
    processes: list[Any] = []
    poller = _Poller(db)
    try:
        if project == PROJECT:
            await upgrade_to_head(db)
        else:
            await asyncio.to_thread(_upgrade, db, project, folder)
        processes = _start_workers(db, workers, concurrency, folder, project)
        # A worker registers once spaCy is loaded (Queue.run_worker loads it first).
        registered = "SELECT count(*) FROM procrastinate_workers"
        while await poller.count(registered) < workers:
            if any(p.poll() is not None for p in processes):
                raise SystemExit((folder / "worker-0.log").read_text()[-3000:])
            await asyncio.sleep(0.2)
        queue = await Queue(Settings(database_url=db)).open()
        try:
            worker_pids = [p.pid for p in processes]
            server_pids = _postgres_pids()
            cpu_before = _cpu_seconds(worker_pids)
            server_before = _cpu_seconds(server_pids)
            idle_before, total_before = _machine_jiffies()
            own_before = _own_cpu_seconds()
            started = time.perf_counter()
            task = queue.app.configure_task("ingest_link", queue="newsprov")
            await task.batch_defer_async(*({"url": u, "chat": None} for u in urls))
        finally:
            await queue.close()
        done = "SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'ingest_link'"
        done += " AND status IN ('succeeded', 'failed')"
        while await poller.count(done) < len(urls):  # noqa: ASYNC110 (another process's work)
            await asyncio.sleep(0.25)
        seconds = time.perf_counter() - started
        own = _own_cpu_seconds() - own_before
        cpu = _cpu_seconds(worker_pids) - cpu_before
        server_cpu = _cpu_seconds(server_pids) - server_before
        idle_after, total_after = _machine_jiffies()
        idle = (idle_after - idle_before) / max(1, total_after - total_before)
        stored = await poller.count("SELECT count(*) FROM articles")
        if stored != len(urls):
            raise SystemExit(f"{stored} of {len(urls)} articles stored: see {folder}")
        return seconds, cpu, server_cpu, idle, own
    finally:
        await poller.close()
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)
        await _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def main(args: argparse.Namespace) -> dict[str, Any]:
    server = PageServer(args.pages)
    report: dict[str, Any] = {"pages": args.pages, "concurrency": args.concurrency}
    projects = [Path(p).resolve() for p in args.project] or [PROJECT]
    try:
        for number, project in enumerate(projects):
            prefix = f"project_{number}_" if len(projects) > 1 else ""
            if prefix:
                report[f"{prefix}dir"] = str(project)
            for workers in args.workers:
                load = _load_average()
                seconds, cpu, server_cpu, idle, own = await run_once(
                    args.postgres, server.urls, workers, args.concurrency, project
                )
                key = f"{prefix}workers_{workers}"
                report[f"{key}_load_average_before"] = load
                report[f"{key}_seconds"] = round(seconds, 2)
                report[f"{key}_cores_used"] = round(cpu / seconds, 2)
                report[f"{key}_machine_idle"] = round(idle, 2)
                report[f"{key}_cpu_s_per_article"] = round(cpu / args.pages, 3)
                report[f"{key}_postgres_cpu_s_per_article"] = round(server_cpu / args.pages, 3)
                report[f"{key}_bench_cpu_s_per_article"] = round(own / args.pages, 4)
                report[f"{key}_pages_per_s"] = round(args.pages / seconds, 2)
            first = args.workers[0]
            for workers in args.workers[1:]:
                ratio = (
                    report[f"{prefix}workers_{workers}_pages_per_s"]
                    / report[f"{prefix}workers_{first}_pages_per_s"]
                )
                report[f"{prefix}ratio_{workers}_to_{first}"] = round(ratio, 2)
    finally:
        server.close()
    report["load_average_after"] = _load_average()
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--concurrency", type=int, default=2, help="jobs per worker at once")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument(
        "--project", nargs="+", default=[], metavar="DIR",
        help="run the workers from these checkouts in turn (default: this one)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    figures = asyncio.run(main(arguments))
    if arguments.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:44} {value}")
