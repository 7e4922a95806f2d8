"""Pages -> ArticleDraft: main text and metadata, boilerplate and comments left out."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import NotAnArticleError
from bot.sources.draft import Origin
from bot.sources.fetch import FetchedPage
from bot.sources.webpage import html_file_to_draft, page_to_draft

ARTICLE = Path(__file__).parent / "fixtures" / "web" / "article.html"


def page(
    text: str,
    *,
    url: str = "https://news.lakeside-courier.test/2024/03/harbour-dredging-fish?utm_medium=social",
    content_type: str = "text/html",
) -> FetchedPage:
    return FetchedPage(
        url=url, final_url=url, status=200, content_type=content_type, text=text, headers={}
    )


def test_article_text_and_metadata() -> None:
    draft = page_to_draft(page(ARTICLE.read_text()))
    assert draft.title == "Harbour authority denies dredging caused fish deaths"
    assert draft.outlet == "The Lakeside Courier"
    assert draft.author == "Mira Okonkwo"
    assert draft.published == datetime(2024, 3, 14, tzinfo=UTC)
    assert draft.url == "https://news.lakeside-courier.test/2024/03/harbour-dredging-fish"
    assert draft.origin is Origin.URL
    assert draft.text.startswith("The Greywater Harbour Authority on Thursday denied")
    assert '"There is simply no evidence linking our maintenance' in draft.text
    assert "independent inquiry" in draft.text


def test_boilerplate_and_comments_are_left_out() -> None:
    text = page_to_draft(page(ARTICLE.read_text())).text
    for boilerplate in [
        "Subscribe",
        "Most read",
        "Bakery wins",
        "All rights reserved",
        "mark my words",
        "fake news",
    ]:
        assert boilerplate not in text


def test_a_canonical_link_to_another_site_is_ignored() -> None:
    html = ARTICLE.read_text().replace(
        "https://news.lakeside-courier.test/2024/03/harbour-dredging-fish?utm_source=rss",
        "https://elsewhere.test/stolen",
    )
    draft = page_to_draft(page(html, url="https://news.lakeside-courier.test/a?b=2&fbclid=x"))
    assert draft.url == "https://news.lakeside-courier.test/a?b=2"


def test_origin_and_detail_pass_through() -> None:
    draft = page_to_draft(
        page(ARTICLE.read_text()), origin=Origin.FEED, origin_detail={"feed_id": 7}
    )
    assert draft.origin is Origin.FEED
    assert draft.origin_detail["feed_id"] == 7
    assert draft.origin_detail["fetched_url"].endswith("utm_medium=social")


def test_plain_text_first_line_is_the_title() -> None:
    text = "\n\n  Ferry strike called off  \nThe union said on Monday that the strike was off.\n"
    draft = page_to_draft(page(text, url="https://notes.test/ferry.txt", content_type="text/plain"))
    assert draft.title == "Ferry strike called off"
    assert draft.text == "The union said on Monday that the strike was off."
    assert draft.outlet == "notes.test"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><head><title>Only a title</title></head>"
        "<body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_a_page_without_text_is_not_an_article(html: str) -> None:
    with pytest.raises(NotAnArticleError):
        page_to_draft(page(html))


def test_an_html_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.html"
    path.write_bytes(ARTICLE.read_bytes())
    draft = html_file_to_draft(path)
    assert draft.origin is Origin.FILE
    assert draft.origin_detail == {"path": str(path)}
    assert draft.title == "Harbour authority denies dredging caused fish deaths"
    assert draft.url == "https://news.lakeside-courier.test/2024/03/harbour-dredging-fish"


def test_an_html_file_in_latin1(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    body = (
        "<html><head><meta charset='iso-8859-1'><title>Café closes</title></head><body>"
        "<article><p>The owner of the café said the rent had doubled since spring, and that"
        " she could no longer keep the doors open.</p>"
        "<p>Regulars said they would miss the crêpes.</p></article></body></html>"
    )
    path.write_bytes(body.encode("latin-1"))
    draft = html_file_to_draft(path)
    assert draft.title == "Café closes"
    assert "crêpes" in draft.text
