"""A fetched page (or an ``.html`` file) -> ``ArticleDraft``: the article's own text and its
metadata, with navigation, comments and other boilerplate left out (trafilatura)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document

from bot.errors import NotAnArticleError, SourceError
from bot.sources.body import decode_text
from bot.sources.draft import ArticleDraft, Origin
from bot.sources.fetch import FetchedPage
from bot.sources.urls import canonical_url

MIN_WORDS = 8  # fewer, and what was found is a menu or a caption, not an article


def page_to_draft(
    page: FetchedPage,
    *,
    origin: Origin = Origin.URL,
    origin_detail: dict[str, Any] | None = None,
) -> ArticleDraft:
    detail = {"fetched_url": page.url, **(origin_detail or {})}
    if page.content_type == "text/plain":
        return text_to_draft(
            page.text, url=canonical_url(page.final_url), origin=origin, origin_detail=detail
        )
    return html_to_draft(page.text, url=page.final_url, origin=origin, origin_detail=detail)


def html_file_to_draft(path: str | Path) -> ArticleDraft:
    """An ``.html`` file on disk, read the way a fetched page is."""
    file = Path(path)
    try:
        body = file.read_bytes()
    except OSError as exc:
        raise SourceError(f"The file {file.name} could not be read.") from exc
    return html_to_draft(
        decode_text(body), url=None, origin=Origin.FILE, origin_detail={"path": str(file)}
    )


def html_to_draft(
    html: str,
    *,
    url: str | None,
    origin: Origin,
    origin_detail: dict[str, Any] | None = None,
) -> ArticleDraft:
    """The main text and metadata of an HTML document. ``url`` is where it was fetched from;
    the page's own canonical link replaces it when it names the same site."""
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    document = extracted.as_dict() if isinstance(extracted, Document) else extracted or {}
    if len((document.get("text") or "").split()) < MIN_WORDS:
        raise NotAnArticleError("The page has no article text newsprov could find.")
    title = _clean(document.get("title"))
    text = _drop_heading(document["text"].strip(), title)
    if title is None:
        title, text = _first_line_title(text)
    return ArticleDraft(
        title=title,
        text=text,
        origin=origin,
        url=_article_url(fetched=url, declared=_clean(document.get("url"))),
        outlet=_clean(document.get("sitename")) or _clean(document.get("hostname")),
        published=_parse_date(document.get("date")),
        author=_clean(document.get("author")),
        origin_detail=dict(origin_detail or {}),
    )


def text_to_draft(
    text: str,
    *,
    url: str | None,
    origin: Origin,
    origin_detail: dict[str, Any] | None = None,
) -> ArticleDraft:
    """Plain text: the first non-empty line is the title, the rest the article."""
    if not text.strip():
        raise NotAnArticleError("The page has no text.")
    title, body = _first_line_title(text.strip())
    return ArticleDraft(
        title=title,
        text=body,
        origin=origin,
        url=url,
        outlet=urlsplit(url).hostname if url else None,
        origin_detail=dict(origin_detail or {}),
    )


def _first_line_title(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip())
    title = lines[index].strip()
    rest = "\n".join(lines[index + 1 :]).strip()
    return title, rest or title


def _drop_heading(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1>; when it only repeats the title it is not article."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip().casefold() == title.casefold():
        return rest.strip()
    return text


def _article_url(*, fetched: str | None, declared: str | None) -> str | None:
    if fetched is None:
        return canonical_url(declared) if declared and _is_web_url(declared) else None
    if declared and _is_web_url(declared) and _same_site(declared, fetched):
        return canonical_url(declared)
    return canonical_url(fetched)


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.hostname)


def _same_site(a: str, b: str) -> bool:
    def site(url: str) -> str:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.")

    return site(a) == site(b)


def _parse_date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
