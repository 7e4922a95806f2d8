"""``newsprov web``: the read-only web pages, served by uvicorn over the same services."""

from __future__ import annotations

import argparse

from bot.settings import Settings

HELP = "serve the read-only web pages (articles marked, speakers, answers)"


def port_number(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit() and 0 < int(raw) < 65536):
        raise argparse.ArgumentTypeError(f"{raw!r} is not a port number (1-65535)")
    return int(raw)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=port_number, default=8080, help="port to listen on (8080)")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    from bot.web.server import serve_web

    return await serve_web(settings, host=args.host, port=args.port)
