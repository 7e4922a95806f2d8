"""What a parsed feed is, shared by the fast and the lenient feed parser."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser


@dataclass(frozen=True, kw_only=True)
class FeedEntry:
    guid: str  # the entry's id, else its link, else a hash of title and date
    link: str | None
    title: str | None
    published: datetime | None
    summary: str | None  # plain text
    content: str | None  # plain text of the full content, when the feed carries it


@dataclass(frozen=True, kw_only=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: list[FeedEntry]


def make_entry(
    *,
    guid: str | None,
    link: str | None,
    title: str | None,
    published: datetime | None,
    summary: str | None,
    content: str | None,
) -> FeedEntry:
    """An entry with HTML fields made plain text and a guid however the feed lacks one."""
    link = link.strip() if link and link.strip() else None
    title = plain_text(title)
    content = plain_text(content)
    summary = plain_text(summary)
    if summary is not None and summary == content:
        summary = None
    if not guid or not guid.strip():
        guid = link or _hash_guid(title, published)
    return FeedEntry(
        guid=guid.strip(),
        link=link,
        title=title,
        published=published,
        summary=summary,
        content=content,
    )


def plain_text(html: str | None) -> str | None:
    """Plain text of a feed field, which may hold HTML; one line per paragraph."""
    if not html or not html.strip():
        return None
    if "<" in html or "&" in html:
        collector = _TextCollector()
        collector.feed(html)
        collector.close()
        html = "".join(collector.parts)
    lines = (" ".join(line.split()) for line in html.splitlines())
    return "\n".join(line for line in lines if line) or None


def _hash_guid(title: str | None, published: datetime | None) -> str:
    seed = f"{title or ''}|{published.isoformat() if published else ''}"
    return "sha256:" + hashlib.sha256(seed.encode("utf-8")).hexdigest()


class _TextCollector(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}
    )
    _SKIPPED = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
