"""Fetching web pages and feeds, safely: bounded in time and size, public addresses only.

One ``Fetcher`` owns one ``httpx.AsyncClient`` for the life of the process::

    async with Fetcher.from_settings(settings) as fetcher:
        page = await fetcher.fetch_page("https://example.com/news/1")

Every failure leaves as one ``FetchError`` (or a subclass) with a sentence fit for a person
and a short ``reason``: not_found, http_error, timeout, too_large, refused, not_article,
too_many_redirects, connect, empty, bad_url.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import httpcore
import httpx

from bot.errors import BlockedAddressError, FetchError, NotAnArticleError
from bot.settings import Settings
from bot.sources.addresses import AddressPolicy, BlockedAddress, GuardedTransport, UnknownHost
from bot.sources.body import (
    ARTICLE_TYPES,
    FEED_TYPES,
    UNDECLARED_TYPES,
    BoundedDecoder,
    TooLarge,
    UnsupportedEncoding,
    decode_text,
    describe_type,
    parse_content_type,
    sniff_type,
)

USER_AGENT = "newsprov/0.1 (+news provenance bot)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ARTICLE_ACCEPT = "text/html, application/xhtml+xml, text/plain;q=0.8"
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9"


class NotAnArticleLinkError(NotAnArticleError, FetchError):
    """A link that answered with something that is not an article: a PDF, an image, nothing.
    Both a ``NotAnArticleError`` and a ``FetchError`` (reason ``not_article`` or ``empty``)."""


@dataclass(frozen=True, kw_only=True)
class FetchedPage:
    url: str
    final_url: str  # after redirects
    status: int
    content_type: str  # "text/html", "application/xhtml+xml" or "text/plain"
    text: str
    headers: Mapping[str, str]


@dataclass(frozen=True, kw_only=True)
class FetchedFeed:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes  # feed parsers read the XML declaration's encoding themselves
    headers: Mapping[str, str]

    @property
    def not_modified(self) -> bool:
        """The server answered 304 to a conditional request: nothing new, ``body`` is empty."""
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(frozen=True)
class _Download:
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    headers: Mapping[str, str]


class Fetcher:
    def __init__(
        self,
        *,
        timeout_s: float,
        deadline_s: float,
        max_bytes: int,
        max_redirects: int,
        policy: AddressPolicy,
        max_connections: int = 20,
        user_agent: str = USER_AGENT,
    ) -> None:
        self._deadline_s = deadline_s
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects
        limits = httpx.Limits(max_connections=max_connections)
        self._client = httpx.AsyncClient(
            transport=GuardedTransport(policy=policy, limits=limits),
            timeout=httpx.Timeout(timeout_s),
            follow_redirects=False,  # followed by hand, so each hop is checked
            trust_env=False,  # no proxy from the environment: it would bypass the address check
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        deadline_s: float | None = None,
        trusted_endpoints: frozenset[tuple[str, int]] = frozenset(),
    ) -> Fetcher:
        """Connect and read timeouts of ``fetch_timeout_s`` each; the whole fetch, redirects
        included, must finish within ``deadline_s`` (twice the timeout unless given)."""
        return cls(
            timeout_s=settings.fetch_timeout_s,
            deadline_s=deadline_s if deadline_s is not None else 2 * settings.fetch_timeout_s,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            policy=AddressPolicy(
                allow_private=settings.allow_private_networks,
                trusted_endpoints=trusted_endpoints,
            ),
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch_page(self, url: str) -> FetchedPage:
        """An HTML, XHTML or plain-text page. Anything else raises ``NotAnArticleLinkError``."""
        download = await self._download(
            url, accept=ARTICLE_TYPES, headers={"Accept": _ARTICLE_ACCEPT}
        )
        return FetchedPage(
            url=url,
            final_url=download.final_url,
            status=download.status,
            content_type=download.content_type,
            text=decode_text(download.body, header_charset=download.charset),
            headers=download.headers,
        )

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchedFeed:
        """An RSS or Atom document, asked for conditionally when ``etag`` or ``last_modified``
        from the previous poll are given; a 304 answer comes back with ``not_modified``."""
        headers = {"Accept": _FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        download = await self._download(url, accept=FEED_TYPES, headers=headers)
        return FetchedFeed(
            url=url,
            final_url=download.final_url,
            status=download.status,
            content_type=download.content_type,
            body=download.body,
            headers=download.headers,
        )

    async def _download(
        self, url: str, *, accept: frozenset[str], headers: dict[str, str]
    ) -> _Download:
        try:
            async with asyncio.timeout(self._deadline_s):
                return await self._follow(url, accept=accept, headers=headers)
        except TimeoutError as exc:
            raise FetchError(
                "The page took too long to answer.", url=url, reason="timeout"
            ) from exc

    async def _follow(
        self, url: str, *, accept: frozenset[str], headers: dict[str, str]
    ) -> _Download:
        current = _http_url(url)
        seen = {current}
        for _ in range(self._max_redirects + 1):
            async with self._open(current, url=url, headers=headers) as response:
                if response.status_code in _REDIRECTS:
                    current = _next_hop(response, url=url)
                    if current in seen:
                        raise FetchError(
                            "The link redirects in a circle.", url=url, reason="too_many_redirects"
                        )
                    seen.add(current)
                    continue
                return await self._receive(response, url=url, accept=accept)
        raise FetchError(
            f"The link redirects more than {self._max_redirects} times.",
            url=url,
            reason="too_many_redirects",
        )

    @asynccontextmanager
    async def _open(
        self, target: httpx.URL, *, url: str, headers: dict[str, str]
    ) -> AsyncIterator[httpx.Response]:
        """Send one request and translate whatever goes wrong on the wire, once."""
        try:
            request = self._client.build_request("GET", target, headers=headers)
            response = await self._client.send(request, stream=True)
            try:
                yield response
            finally:
                await response.aclose()
        except BlockedAddress as exc:
            where = (
                "The link" if target == _http_url(url) else "The link redirects to an address that"
            )
            raise BlockedAddressError(
                f"{where} points into a private or local network, which newsprov does not fetch.",
                url=url,
                reason="refused",
            ) from exc
        except UnknownHost as exc:
            raise FetchError(
                f"The site {exc.host} could not be found.", url=url, reason="connect"
            ) from exc
        except httpx.TimeoutException as exc:
            raise FetchError(
                "The page took too long to answer.", url=url, reason="timeout"
            ) from exc
        except (httpx.ConnectError, httpcore.ConnectError) as exc:
            raise FetchError("The site could not be reached.", url=url, reason="connect") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(
                "That does not look like a web link.", url=url, reason="bad_url"
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(
                "The site sent a broken answer.", url=url, reason="http_error"
            ) from exc

    async def _receive(
        self, response: httpx.Response, *, url: str, accept: frozenset[str]
    ) -> _Download:
        status = response.status_code
        if status in {404, 410}:
            raise FetchError("The page was not found (404).", url=url, reason="not_found")
        if status >= 400 or status < 200:
            raise FetchError(
                f"The site answered with an error ({status}).", url=url, reason="http_error"
            )
        content_type, charset = parse_content_type(response.headers.get("content-type"))
        final_url = str(response.url)
        if status == 304:
            return _Download(final_url, status, content_type, charset, b"", response.headers)
        if content_type not in UNDECLARED_TYPES:
            _require_type(content_type, accept=accept, url=url)
        body = await self._read_capped(response, url=url)
        if not body.strip():
            raise NotAnArticleLinkError("The page is empty.", url=url, reason="empty")
        if content_type in UNDECLARED_TYPES:
            content_type = sniff_type(body)
            _require_type(content_type, accept=accept, url=url)
        return _Download(final_url, status, content_type, charset, body, response.headers)

    async def _read_capped(self, response: httpx.Response, *, url: str) -> bytes:
        too_large = FetchError(
            f"The page is larger than {self._max_bytes // 1_000_000 or 1} MB, "
            "more than newsprov reads.",
            url=url,
            reason="too_large",
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise too_large
        chunks: list[bytes] = []
        try:
            decoder = BoundedDecoder(
                response.headers.get("content-encoding"), limit=self._max_bytes
            )
            async for raw in response.aiter_raw():
                chunks.append(decoder.feed(raw))
            chunks.append(decoder.flush())
        except TooLarge as exc:
            raise too_large from exc
        except UnsupportedEncoding as exc:
            raise FetchError(
                f"The site compressed the page in a way newsprov does not read ({exc}).",
                url=url,
                reason="http_error",
            ) from exc
        except zlib.error as exc:
            raise FetchError(
                "The site sent a damaged compressed page.", url=url, reason="http_error"
            ) from exc
        return b"".join(chunks)


def _require_type(content_type: str, *, accept: frozenset[str], url: str) -> None:
    if content_type in accept:
        return
    wanted = "a feed" if accept is FEED_TYPES else "a web page"
    raise NotAnArticleLinkError(
        f"The link leads to {describe_type(content_type)}, not {wanted}.",
        url=url,
        reason="not_article",
    )


def _http_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise FetchError("That does not look like a web link.", url=url, reason="bad_url") from exc
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise FetchError("Only http and https links can be fetched.", url=url, reason="bad_url")
    return parsed.copy_with(fragment=None)


def _next_hop(response: httpx.Response, *, url: str) -> httpx.URL:
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(
            "The site redirected without saying where to.", url=url, reason="http_error"
        )
    try:
        return _http_url(str(response.url.join(location)))
    except FetchError as exc:
        raise FetchError(
            "The link redirects to something that is not a web page.", url=url, reason="bad_url"
        ) from exc
