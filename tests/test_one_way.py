"""One way to do each thing: the same text from a file and from a URL is the same article,
one link finder, one date parser, one test of a web URL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from http_fixtures import LocalHTTPServer, Reply

from bot.conversation.classify import Links, classify
from bot.conversation.style import HTML, PLAIN
from bot.settings import Settings
from bot.sources.dates import parse_date
from bot.sources.fetch import Fetcher
from bot.sources.files import load_file
from bot.sources.links import fetch_article
from bot.sources.urls import find_links, is_web_url

ARTICLE = (
    "Harbour board denies dredging killed the fish\n"
    "\n"
    "The harbour board said on Monday that the winter dredging had not killed any fish.\n"
    "Anglers had claimed that thousands of perch died near the north pier.\n"
)


async def test_the_same_text_from_a_file_and_a_plain_text_url_is_the_same_article(
    tmp_path: Path, http_server: LocalHTTPServer
) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [loaded] = load_file(path)
    url = http_server.add(
        "/harbour.txt", Reply(body=ARTICLE.encode(), content_type="text/plain; charset=utf-8")
    )
    settings = Settings(allow_private_networks=True)
    async with Fetcher.from_settings(settings, deadline_s=5.0) as fetcher:
        fetched = await fetch_article(fetcher, url)

    assert loaded.draft is not None
    assert loaded.draft.title == fetched.title == "Harbour board denies dredging killed the fish"
    assert loaded.draft.content_hash == fetched.content_hash


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "see https://en.wikipedia.org/wiki/Example_(disambiguation).",
            ["https://en.wikipedia.org/wiki/Example_(disambiguation)"],
        ),
        ("(as https://news.test/a said)", ["https://news.test/a"]),
        ("read https://news.test/a, https://news.test/b; and https://news.test/c!", None),
        ("“https://news.test/q?x=1”…", ["https://news.test/q?x=1"]),
        ("https://news.test/a and https://news.test/a again", ["https://news.test/a"]),
        ("[https://news.test/list]", ["https://news.test/list"]),
    ],
)
def test_one_link_finder_for_messages(text: str, links: list[str] | None) -> None:
    expected = links or ["https://news.test/a", "https://news.test/b", "https://news.test/c"]
    assert find_links(text) == expected
    assert classify(text) == Links(tuple(expected))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-14", datetime(2024, 3, 14, tzinfo=UTC)),
        ("2024-03-14T09:30:00Z", datetime(2024, 3, 14, 9, 30, tzinfo=UTC)),
        (
            "2024-03-14T09:30:00+01:00",
            datetime(2024, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("Thu, 14 Mar 2024 09:30:00 GMT", datetime(2024, 3, 14, 9, 30, tzinfo=UTC)),
        (datetime(2024, 3, 14, 9, 30).timetuple(), datetime(2024, 3, 14, 9, 30, tzinfo=UTC)),
        ("next Tuesday", None),
        ("", None),
        (None, None),
        (20240314, None),
    ],
)
def test_one_date_parser(value: object, expected: datetime | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://news.test/a", True),
        ("HTTP://news.test", True),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("http://:80/x", False),
        ("ftp://news.test/a", False),
        ("/relative/path", False),
        (None, False),
    ],
)
def test_one_web_url_test_for_fetching_and_rendering(url: str | None, web: bool) -> None:
    assert is_web_url(url) is web
    assert ("<a href" in HTML.link("label", url)) is web
    assert (PLAIN.link("label", url) != "label") is web
