"""Feed parsing: the formats, the fast path agreeing with feedparser, hostile and broken feeds."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import FeedError
from bot.sources.feeds import parse_feed, parse_feed_leniently

FEEDS = Path(__file__).parent / "fixtures" / "feeds"


def read(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def test_rss2() -> None:
    feed = parse_feed(read("rss2.xml"))
    assert feed.title == "The Lakeside Courier – Local"
    assert feed.link == "https://news.lakeside-courier.test/local"
    first, second = feed.entries
    assert first.guid == "courier-2024-0314-01"
    assert first.link == "https://news.lakeside-courier.test/2024/03/harbour-dredging-fish"
    assert first.published == datetime(2024, 3, 14, 9, 30, tzinfo=UTC)
    assert first.summary == (
        "Officials rejected claims from anglers that the winter works killed thousands of fish."
    )
    assert first.content is None
    assert second.guid == second.link  # no <guid>: the link stands in
    assert second.published == datetime(2024, 3, 13, 16, 5, tzinfo=UTC)
    assert second.summary == "Commuters complained about late boats."
    assert second.content == (
        "The transport committee said on Wednesday it would review the winter ferry timetable.\n"
        '"We have heard the complaints," its chair, Lena Holt, told residents.'
    )


def test_atom() -> None:
    feed = parse_feed(read("atom.xml"))
    assert (feed.title, feed.link) == ("Valley Gazette", "https://gazette.valley.test/")
    mill, school = feed.entries
    assert mill.guid == "tag:gazette.valley.test,2024:mill-water"
    assert mill.published == datetime(2024, 5, 2, 7, 45, tzinfo=UTC)
    assert mill.content is not None and mill.content.endswith("restrictions were not yet needed.")
    assert school.published == datetime(2024, 5, 1, 12, 0, tzinfo=UTC)  # <updated> stands in
    assert school.content is None


def test_rss1_and_rss091() -> None:
    rdf = parse_feed(read("rss1.rdf"))
    assert rdf.title == "Parish Bulletin"
    assert [e.title for e in rdf.entries] == ["Bridge repairs announced"]
    assert rdf.entries[0].guid == "https://bulletin.example.test/notice/7"
    old = parse_feed(read("rss091.xml"))
    assert old.entries[0].title == "Café owner denies noise complaints"  # ISO-8859-1 document
    assert old.entries[0].published is None


@pytest.mark.parametrize("name", ["rss2.xml", "atom.xml", "rss1.rdf", "rss091.xml"])
def test_the_fast_path_reads_what_feedparser_reads(name: str) -> None:
    assert parse_feed(read(name)) == parse_feed_leniently(read(name))


def test_atom_xhtml_content() -> None:
    data = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title><entry><id>urn:x:1</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>bold</b> claim</div></title>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two.</p></div>
    </content></entry></feed>"""
    (entry,) = parse_feed(data).entries
    assert entry.title == "A bold claim"
    assert entry.content == "One.\nTwo."


def test_a_billion_laughs_feed_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(read("billion_laughs.xml"))
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed_leniently(read("billion_laughs.xml"))
    assert time.perf_counter() - started < 0.5


def test_entities_hidden_in_utf16_are_refused() -> None:
    data = (
        read("billion_laughs.xml")
        .decode()
        .replace('version="1.0"', 'version="1.0" encoding="utf-16"')
    )
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(data.encode("utf-16"))


def test_an_external_entity_is_refused() -> None:
    data = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss version="2.0"><channel><title>&x;</title></channel></rss>"""
    with pytest.raises(FeedError):
        parse_feed(data)


def test_a_malformed_feed_is_a_clear_error() -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(read("malformed.xml"))
    assert str(caught.value) == (
        "The feed is broken and has no readable entries (line 4: no element found)."
    )


def test_a_slightly_broken_feed_is_still_read() -> None:
    data = read("rss2.xml").replace(b"</channel>", b"<bogus></channel>")
    feed = parse_feed(data)
    assert next(e.guid for e in feed.entries) == "courier-2024-0314-01"
    assert len(feed.entries) == 2


@pytest.mark.parametrize(
    "data",
    [b"", b"just some words", (Path(__file__).parent / "fixtures/web/article.html").read_bytes()],
)
def test_not_a_feed(data: bytes) -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(data)


def test_an_empty_feed_has_no_entries() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(data).entries == []


def big_feed(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>https://big.example.test/{i}</link>"
        f"<guid>big-{i}</guid><pubDate>Thu, 14 Mar 2024 09:30:00 GMT</pubDate>"
        f"<description>&lt;p&gt;The mayor said item {i} matters.&lt;/p&gt;</description></item>"
        for i in range(entries)
    )
    channel = f"<channel><title>Big</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def test_five_thousand_entries_are_read_fast() -> None:
    data = big_feed(5000)
    started = time.perf_counter()
    feed = parse_feed(data)
    elapsed = time.perf_counter() - started
    assert len(feed.entries) == 5000
    assert len({e.guid for e in feed.entries}) == 5000
    assert feed.entries[4999].summary == "The mayor said item 4999 matters."
    assert elapsed < 2.0, f"{elapsed:.2f} s"
