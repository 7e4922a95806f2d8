"""``newsprov web``: the pages served by uvicorn over the same service as the bot."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import uvicorn

from bot.settings import Settings
from bot.web.app import create_app

log = logging.getLogger(__name__)


async def serve_web(settings: Settings, *, host: str, port: int) -> int:
    """Serve until interrupted (SIGINT or SIGTERM); the exit status."""
    from bot.services.newsprov import Newsprov

    async with await Newsprov.open(settings) as service:
        config = uvicorn.Config(
            create_app(service),
            host=host,
            port=port,
            # Our own logging (with its redaction) handles uvicorn's lines too.
            log_config=None,
            log_level=settings.log_level.lower(),
            lifespan="off",
            # X-Forwarded-For/-Proto are believed from these addresses only (a proxy on this host).
            proxy_headers=True,
            forwarded_allow_ips=settings.web_forwarded_allow_ips,
            server_header=False,
            root_path=root_path(settings.public_url),
        )
        server = uvicorn.Server(config)
        await server.serve()
        return 0 if server.started else 1


def root_path(public_url: str | None) -> str:
    """The path the pages are published under (``/prov`` of ``https://news.example/prov``): a
    proxy that strips it forwards ``/articles/1``, and the pages link to ``/prov/articles/1``."""
    return urlsplit(public_url).path.rstrip("/") if public_url else ""
