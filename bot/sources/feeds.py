"""RSS 0.9x/1.0/2.0 and Atom documents -> ``ParsedFeed``, pure and offline.

The bytes are checked for XML entity declarations before any parser expands them: a feed has
no business declaring entities, and refusing them outright stops "billion laughs" expansion.
A well-formed feed is then read straight from the (defusedxml) tree; anything else goes to
feedparser, which reads the broken and the unusual ones leniently.
"""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from bot.errors import FeedError
from bot.sources.feed_model import FeedEntry, ParsedFeed, make_entry, plain_text
from bot.sources.feed_tree import parse_tree

__all__ = ["FeedEntry", "ParsedFeed", "parse_feed", "parse_feed_leniently"]

_ENTITY_DECLARATION = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_WIDE_ENCODINGS = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"\x00<", "utf-16-be"))


def parse_feed(data: bytes) -> ParsedFeed:
    """Raises ``FeedError`` for entity declarations, for a document that is not a feed and
    for one too broken to read anything from."""
    root = _safe_tree(data)
    if root is not None:
        parsed = parse_tree(root)
        if parsed is not None:
            return parsed
    return parse_feed_leniently(data)


def parse_feed_leniently(data: bytes) -> ParsedFeed:
    """feedparser's reading of the document (after the same entity check)."""
    _refuse_entities(data)
    # A stream, never the bytes themselves: feedparser treats a str or bytes argument that
    # looks like a URL or a path as something to open.
    parsed: Any = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not parsed.entries and not parsed.get("version"):
        raise FeedError("This is not an RSS or Atom feed.")
    if not parsed.entries and parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        raise FeedError(f"The feed is broken and has no readable entries ({_describe(problem)}).")
    channel = parsed.feed
    return ParsedFeed(
        title=plain_text(channel.get("title")),
        link=channel.get("link") or None,
        entries=[_entry(item) for item in parsed.entries],
    )


def _safe_tree(data: bytes) -> Element | None:
    """The document's XML tree, or ``None`` when it is not well-formed."""
    _refuse_entities(data)
    try:
        root: Element = defusedxml.ElementTree.fromstring(data, forbid_dtd=False)
    except DefusedXmlException as exc:
        raise FeedError("The feed uses XML features newsprov refuses to process.") from exc
    except defusedxml.ElementTree.ParseError:
        return None
    return root


def _refuse_entities(data: bytes) -> None:
    for bom, encoding in _WIDE_ENCODINGS:
        if data.startswith(bom):  # entity declarations in UTF-16 would slip past a byte search
            data = data.decode(encoding, errors="replace").encode("utf-8")
            break
    if _ENTITY_DECLARATION.search(data):
        raise FeedError("The feed declares XML entities, which newsprov refuses to expand.")


def _entry(item: Any) -> FeedEntry:
    contents = item.get("content") or []
    return make_entry(
        guid=item.get("id"),
        link=item.get("link"),
        title=item.get("title"),
        published=_datetime(item.get("published_parsed") or item.get("updated_parsed")),
        summary=item.get("summary"),
        content="\n".join(part.get("value", "") for part in contents) or None,
    )


def _datetime(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    return datetime(*value[:6], tzinfo=UTC)


def _describe(problem: object) -> str:
    message = str(problem).splitlines()[0][:120] if problem is not None else ""
    message = re.sub(r"^<unknown>:(\d+):\d+: ", r"line \1: ", message)
    return message or "malformed XML"
