"""Fetcher against real HTTP servers on 127.0.0.1: limits, content types, errors."""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from http_fixtures import LocalHTTPServer, Reply, SeenRequest

from bot.errors import FetchError, NotAnArticleError
from bot.settings import Settings
from bot.sources.fetch import USER_AGENT, Fetcher

ARTICLE = (Path(__file__).parent / "fixtures" / "web" / "article.html").read_bytes()
LIMIT = 1_000_000

SETTINGS = Settings(
    allow_private_networks=True,
    fetch_timeout_s=1.0,
    fetch_max_bytes=LIMIT,
    fetch_max_redirects=3,
)


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher.from_settings(SETTINGS, deadline_s=2.0) as fetcher:
        yield fetcher


async def fetch_error(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch_page(url)
    return caught.value


async def test_fetches_an_html_page(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    url = http_server.add("/news/1", Reply(body=ARTICLE))
    page = await fetcher.fetch_page(url)
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.final_url == url
    assert "Harbour authority denies dredging" in page.text
    assert http_server.requests[0].headers["user-agent"] == USER_AGENT


async def test_follows_redirects_to_the_final_url(
    http_server: LocalHTTPServer, fetcher: Fetcher
) -> None:
    target = http_server.add("/story", Reply(body=ARTICLE))
    http_server.add("/short", Reply(status=301, headers={"Location": "/moved"}))
    http_server.add("/moved", Reply(status=302, headers={"Location": target}))
    page = await fetcher.fetch_page(http_server.url("/short"))
    assert page.final_url == target
    assert page.url == http_server.url("/short")


async def test_a_redirect_loop_stops(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    http_server.add("/a", Reply(status=302, headers={"Location": "/b"}))
    http_server.add("/b", Reply(status=302, headers={"Location": "/a"}))
    error = await fetch_error(fetcher, http_server.url("/a"))
    assert error.reason == "too_many_redirects"
    assert "circle" in str(error)
    assert len(http_server.requests) == 2


async def test_too_many_redirects_stop_at_the_cap(
    http_server: LocalHTTPServer, fetcher: Fetcher
) -> None:
    for hop in range(10):
        http_server.add(f"/hop/{hop}", Reply(status=307, headers={"Location": f"/hop/{hop + 1}"}))
    error = await fetch_error(fetcher, http_server.url("/hop/0"))
    assert error.reason == "too_many_redirects"
    assert len(http_server.requests) == SETTINGS.fetch_max_redirects + 1


@pytest.mark.parametrize("send_length", [True, False], ids=["declared", "undeclared"])
async def test_a_ten_megabyte_page_is_refused(
    http_server: LocalHTTPServer, fetcher: Fetcher, send_length: bool
) -> None:
    body = b"<html><body><p>" + b"word " * 2_000_000 + b"</p></body></html>"
    url = http_server.add("/huge", Reply(body=body, send_length=send_length))
    error = await fetch_error(fetcher, url)
    assert error.reason == "too_large"
    assert "larger than 1 MB" in str(error)


async def test_a_gzip_bomb_stops_at_the_cap(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(compressor.compress(b"\0" * 1_000_000) for _ in range(100)) + compressor.flush()
    assert len(bomb) < 200_000  # 100 MB of zeros in about 100 kB
    url = http_server.add("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    error = await fetch_error(fetcher, url)
    assert error.reason == "too_large"


async def test_gzip_pages_are_decoded(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    url = http_server.add(
        "/gz", Reply(body=gzip.compress(ARTICLE), headers={"Content-Encoding": "gzip"})
    )
    page = await fetcher.fetch_page(url)
    assert "Tomas Varga" in page.text


@pytest.mark.parametrize(
    ("encoding", "body", "message"),
    [
        ("br", b"\x8b\x02\x80hello\x03", "compressed the page in a way newsprov does not read"),
        ("gzip", b"\x1f\x8b\x08\x00garbage" * 4, "damaged compressed page"),
    ],
)
async def test_unreadable_compression_is_an_http_error(
    http_server: LocalHTTPServer, fetcher: Fetcher, encoding: str, body: bytes, message: str
) -> None:
    url = http_server.add("/z", Reply(body=body, headers={"Content-Encoding": encoding}))
    error = await fetch_error(fetcher, url)
    assert error.reason == "http_error"
    assert message in str(error)


async def test_a_server_dripping_bytes_is_cut_off(
    http_server: LocalHTTPServer, fetcher: Fetcher
) -> None:
    # Each byte comes well within the read timeout; only the overall deadline can stop this.
    url = http_server.add("/drip", Reply(body=ARTICLE, drip_interval_s=0.2))
    started = time.monotonic()
    error = await fetch_error(fetcher, url)
    assert error.reason == "timeout"
    assert str(error) == "The page took too long to answer."
    assert time.monotonic() - started < 3.5


async def test_a_stalled_body_hits_the_read_timeout(
    http_server: LocalHTTPServer,
) -> None:
    url = http_server.add("/stall", Reply(body=ARTICLE, stall_s=5))
    async with Fetcher.from_settings(SETTINGS, deadline_s=30) as patient:
        started = time.monotonic()
        error = await fetch_error(patient, url)
    assert error.reason == "timeout"
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("content_type", "body", "described"),
    [
        ("application/pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "a PDF document"),
        ("image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "an image"),
        ("video/mp4", b"\0\0\0\x18ftypmp42" + b"\0" * 64, "a video"),
        (None, b"%PDF-1.4\n%binary", "a PDF document"),
    ],
    ids=["pdf", "png", "mp4", "undeclared-pdf"],
)
async def test_non_articles_are_refused(
    http_server: LocalHTTPServer,
    fetcher: Fetcher,
    content_type: str | None,
    body: bytes,
    described: str,
) -> None:
    url = http_server.add("/file", Reply(body=body, content_type=content_type))
    with pytest.raises(NotAnArticleError) as caught:
        await fetcher.fetch_page(url)
    assert isinstance(caught.value, FetchError)
    assert caught.value.reason == "not_article"
    assert str(caught.value) == f"The link leads to {described}, not a web page."


async def test_an_empty_body_is_refused(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    url = http_server.add("/empty", Reply(body=b"  \n"))
    error = await fetch_error(fetcher, url)
    assert isinstance(error, NotAnArticleError)
    assert error.reason == "empty"


@pytest.mark.parametrize(
    ("status", "reason", "message"),
    [
        (404, "not_found", "The page was not found (404)."),
        (410, "not_found", "The page was not found (404)."),
        (500, "http_error", "The site answered with an error (500)."),
        (403, "http_error", "The site answered with an error (403)."),
    ],
)
async def test_http_errors(
    http_server: LocalHTTPServer, fetcher: Fetcher, status: int, reason: str, message: str
) -> None:
    url = http_server.add("/error", Reply(status=status, body=b"<p>nope</p>"))
    error = await fetch_error(fetcher, url)
    assert (error.reason, str(error)) == (reason, message)
    assert error.url == url


CAFE_TEXT = "Le café a ouvert. « Nous sommes prêts », a déclaré la gérante, Zoë Lefèvre. " * 20


async def test_a_wrong_charset_header_falls_back(
    http_server: LocalHTTPServer, fetcher: Fetcher
) -> None:
    body = f"<html><body><p>{CAFE_TEXT}</p></body></html>".encode("cp1252")
    url = http_server.add("/wrong", Reply(body=body, content_type="text/html; charset=utf-8"))
    page = await fetcher.fetch_page(url)
    assert "Zoë Lefèvre" in page.text


async def test_a_missing_charset_is_detected(
    http_server: LocalHTTPServer, fetcher: Fetcher
) -> None:
    body = f"<html><body><p>{CAFE_TEXT}</p></body></html>".encode("cp1252")
    url = http_server.add("/none", Reply(body=body, content_type="text/html"))
    page = await fetcher.fetch_page(url)
    assert "« Nous sommes prêts »" in page.text


async def test_a_meta_charset_is_honoured(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    html = f'<html><head><meta charset="iso-8859-15"></head><body><p>{CAFE_TEXT} €</p></body>'
    url = http_server.add("/meta", Reply(body=html.encode("iso-8859-15"), content_type="text/html"))
    page = await fetcher.fetch_page(url)
    assert "Zoë Lefèvre" in page.text and "€" in page.text


async def test_plain_text_is_an_article(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    url = http_server.add(
        "/note.txt", Reply(body=b"Title line\n\nBody.", content_type="text/plain")
    )
    page = await fetcher.fetch_page(url)
    assert (page.content_type, page.text) == ("text/plain", "Title line\n\nBody.")


async def test_bad_urls_are_refused_without_a_request(fetcher: Fetcher) -> None:
    for url in ["ftp://example.com/file", "not a link", "file:///etc/passwd", "http://"]:
        error = await fetch_error(fetcher, url)
        assert error.reason == "bad_url", url


async def test_a_closed_port_is_a_connect_error(fetcher: Fetcher) -> None:
    server = LocalHTTPServer()  # bound, never started: take its port and free it
    port = server.port
    server.stop()
    error = await fetch_error(fetcher, f"http://127.0.0.1:{port}/")
    assert error.reason == "connect"


async def test_conditional_get_answers_not_modified(
    http_server: LocalHTTPServer, fetcher: Fetcher
) -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'

    def conditional(request: SeenRequest) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(status=304, content_type=None)
        return Reply(body=feed, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    url = http_server.add("/feed.xml", conditional)
    first = await fetcher.fetch_feed(url)
    assert (first.not_modified, first.etag, first.body) == (False, '"v1"', feed)
    second = await fetcher.fetch_feed(url, etag=first.etag, last_modified="Mon, 01 Jan 2024")
    assert second.not_modified
    assert second.body == b""
    assert http_server.requests[1].headers["if-modified-since"] == "Mon, 01 Jan 2024"


async def test_a_feed_url_serving_html_is_refused(
    http_server: LocalHTTPServer, fetcher: Fetcher
) -> None:
    url = http_server.add("/not-a-feed", Reply(body=ARTICLE))
    with pytest.raises(NotAnArticleError, match="not a feed"):
        await fetcher.fetch_feed(url)
