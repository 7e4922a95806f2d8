"""A link -> ``ArticleDraft``: fetch the page safely, then extract the article from it."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.sources.draft import ArticleDraft, Origin
from bot.sources.fetch import Fetcher
from bot.sources.webpage import page_to_draft


async def fetch_article(
    fetcher: Fetcher,
    url: str,
    *,
    origin: Origin = Origin.URL,
    origin_detail: dict[str, Any] | None = None,
) -> ArticleDraft:
    """Raises ``FetchError`` (or a subclass) when the link cannot be fetched and
    ``NotAnArticleError`` when what it leads to is not an article."""
    page = await fetcher.fetch_page(url)
    # Extraction parses the whole page (milliseconds to a second): off the event loop.
    return await asyncio.to_thread(page_to_draft, page, origin=origin, origin_detail=origin_detail)
