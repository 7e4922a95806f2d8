"""``newsprov provenance [--json] ARTICLE_ID|URL|FILE``: which stored articles an article
repeats text of, which repeat it, and the earliest source. A link or a file is ingested
first (a stored one is found again as a duplicate), so its links are known.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.cli.output import EXIT_FAILED, EXIT_OK
from bot.errors import NotFoundError, SourceError
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.services.newsprov import Newsprov


HELP = "which stored articles one repeats text of, and which repeat it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source", metavar="ARTICLE_ID|URL|FILE", help="a stored article's id, a link or a file"
    )
    parser.add_argument("--json", action="store_true", help="one JSON line per article")


async def _article_ids(service: Newsprov, source: str) -> AsyncIterator[int]:
    if source.isascii() and source.isdigit():
        yield int(source)
    elif source.lower().startswith(("http://", "https://")):
        yield (await service.ingest_url(source)).article_id
    else:
        from bot.sources.files import load_file

        path = Path(source)
        if not await asyncio.to_thread(path.exists):
            raise NotFoundError(f"{source} is neither an article id, a link nor a file.")
        for loaded in load_file(path):
            if loaded.error is not None:
                raise loaded.error
            assert loaded.draft is not None
            yield (await service.ingest_draft(loaded.draft)).article_id


async def main(args: argparse.Namespace, settings: Settings, *, out: TextIO | None = None) -> int:
    from bot.conversation.origin import render_provenance
    from bot.conversation.style import PLAIN
    from bot.services.newsprov import Newsprov

    out = out or sys.stdout
    async with await Newsprov.open(settings) as service:
        try:
            async for article_id in _article_ids(service, args.source):
                provenance = await service.provenance(article_id)
                if args.json:
                    out.write(json.dumps(provenance.as_json(), ensure_ascii=False) + "\n")
                else:
                    out.write(render_provenance(provenance, PLAIN) + "\n")
        except SourceError as error:
            print(f"newsprov: {args.source}: {error}", file=sys.stderr)
            return EXIT_FAILED
    return EXIT_OK
