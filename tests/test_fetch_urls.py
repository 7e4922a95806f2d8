"""Canonical URLs and links found in messages."""

from __future__ import annotations

import pytest

from bot.sources.urls import canonical_url, find_links


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.COM:443/a/B?b=2&a=1#top", "https://example.com/a/B?a=1&b=2"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        (
            "https://news.test/story?utm_source=tw&utm_medium=social&id=7&fbclid=abc&gclid=1",
            "https://news.test/story?id=7",
        ),
        ("https://news.test/s?mc_cid=1&mc_eid=2&ref=home&page=2", "https://news.test/s?page=2"),
        ("https://user:secret@news.test/p", "https://news.test/p"),
        ("https://Bücher.test/ä", "https://xn--bcher-kva.test/ä"),
        ("http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x"),
        ("https://news.test./p?q=", "https://news.test/p?q="),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("https://News.test/a?z=1&utm_campaign=x&a=%20b#f")
    assert canonical_url(once) == once


def test_find_links() -> None:
    message = (
        "Did you see https://news.test/a?x=1, and (https://wiki.test/Thing_(disambiguation))? "
        "Also http://news.test/b. Again: https://news.test/a?x=1! Not ftp://files.test/x or "
        "https:// alone."
    )
    assert find_links(message) == [
        "https://news.test/a?x=1",
        "https://wiki.test/Thing_(disambiguation)",
        "http://news.test/b",
    ]


def test_find_links_in_text_without_links() -> None:
    assert find_links("no links here, only words.") == []
