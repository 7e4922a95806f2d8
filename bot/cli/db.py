"""``newsprov db upgrade | embed | fingerprint | profiles``: database maintenance."""

from __future__ import annotations

import argparse

from bot.cli.output import EXIT_OK
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from store.db import upgrade_to_head
from store.errors import redacted_url

HELP = "database maintenance"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    actions.add_parser("upgrade", help="bring the schema to the newest migration")
    actions.add_parser("embed", help="embed stored attributions that have no vector yet")
    actions.add_parser(
        "fingerprint", help="fingerprint and link articles stored before text reuse (0009)"
    )
    actions.add_parser("profiles", help="work out the profiles of speakers stored before 0014")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    if args.db_command == "embed":
        return await embed_missing(settings)
    if args.db_command == "fingerprint":
        return await fingerprint_missing(settings)
    if args.db_command == "profiles":
        return await index_profiles(settings)
    return await upgrade_database(settings)


async def upgrade_database(settings: Settings) -> int:
    await upgrade_to_head(settings.database_url)
    print(f"The database is at the newest schema: {redacted_url(settings.database_url)}")
    return EXIT_OK


async def embed_missing(settings: Settings) -> int:
    if not settings.stores_vectors:
        print("Embeddings are turned off (NEWSPROV_SEMANTIC=false): nothing to do.")
        return EXIT_OK
    async with await Newsprov.open(settings) as service:
        embedded = await service.embed_missing()
    print(f"Embedded {embedded} attributions that had no vector.")
    return EXIT_OK


async def fingerprint_missing(settings: Settings) -> int:
    async with await Newsprov.open(settings) as service:
        done = await service.fingerprint_missing()
    print(f"Fingerprinted and linked {done} articles that had no fingerprints.")
    return EXIT_OK


async def index_profiles(settings: Settings) -> int:
    async with await Newsprov.open(settings) as service:
        done = await service.index_profiles()
    print(f"Worked out the profiles of {done} speakers stored before them.")
    return EXIT_OK
