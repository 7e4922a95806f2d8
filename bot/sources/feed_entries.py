"""A feed entry -> ``ArticleDraft``: its own text when the feed carries the whole article, else
the article page its link leads to."""

from __future__ import annotations

from dataclasses import replace

from bot.errors import NotAnArticleError
from bot.sources.draft import ArticleDraft, Origin, content_hash
from bot.sources.feeds import FeedEntry, ParsedFeed
from bot.sources.fetch import Fetcher
from bot.sources.links import fetch_article
from bot.sources.urls import canonical_url

FULL_TEXT_WORDS = 150  # an entry's own content this long is the article, not a teaser


async def entry_draft(
    fetcher: Fetcher, feed_id: int, parsed: ParsedFeed, entry: FeedEntry
) -> ArticleDraft:
    detail = {"feed_id": feed_id, "guid": entry.guid}
    full_text = entry.content if _words(entry.content) >= FULL_TEXT_WORDS else None
    if full_text is None and entry.link:
        draft = await fetch_article(fetcher, entry.link, origin=Origin.FEED, origin_detail=detail)
        return replace(draft, published=draft.published or entry.published)
    text = full_text or entry.content or entry.summary
    if not text:
        raise NotAnArticleError("The entry has neither a link nor any text.")
    return ArticleDraft(
        title=entry.title or text.strip().split("\n", 1)[0][:300] or "(untitled)",
        text=text,
        origin=Origin.FEED,
        url=canonical_link(entry.link),
        outlet=parsed.title,
        published=entry.published,
        origin_detail=detail,
    )


def entry_hash(entry: FeedEntry) -> str | None:
    """The hash of an entry's own text (title and content or summary), ``None`` without text:
    the same words under a new guid and link are the same entry."""
    text = entry.content or entry.summary
    if not text or not text.strip():
        return None
    return content_hash(f"{entry.title or ''}\n{text}")


def canonical_link(link: str | None) -> str | None:
    return canonical_url(link) if link else None


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0
