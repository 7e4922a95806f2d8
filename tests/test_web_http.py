"""The web view's HTTP side, over the real service on SQLite and PostgreSQL (no browser):
read-only, escaped, its headers, and the answers to odd requests."""

from __future__ import annotations

from typing import Any

import httpx
from web_harness import ACCUSATION, DENIAL, HOSTILE, HOSTILE_TITLE

from bot.web.app import create_app


async def client_for(service: Any) -> httpx.AsyncClient:
    for draft in (DENIAL, ACCUSATION, HOSTILE):
        await service.ingest_draft(draft)
    transport = httpx.ASGITransport(app=create_app(service))
    return httpx.AsyncClient(transport=transport, base_url="http://web.test")


async def test_pages_are_escaped_and_sent_with_a_strict_policy(service: Any) -> None:
    async with await client_for(service) as client:
        home = await client.get("/")
        assert home.status_code == 200
        assert home.headers["content-type"].startswith("text/html")
        assert "script-src" not in home.headers["content-security-policy"]
        assert "default-src 'none'" in home.headers["content-security-policy"]
        assert "<script" not in home.text
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt; Mayor &lt;b&gt;opens" in home.text
        assert HOSTILE_TITLE not in home.text
        hostile_id = (await service.recent_articles(limit=1))[0].id
        page = await client.get(f"/articles/{hostile_id}")
        assert "<script" not in page.text and "<img" not in page.text
        assert "&lt;i&gt;Ost&lt;/i&gt; Courier" in page.text
        assert 'href="javascript:' not in page.text
        style = await client.get("/style.css")
        assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")


async def test_nothing_can_be_posted(service: Any) -> None:
    async with await client_for(service) as client:
        for path in ("/", "/ask?q=who+denied+the+spill", "/articles/1"):
            response = await client.post(path, data={"q": "x"})
            assert response.status_code == 405, path


async def test_odd_questions_and_ids(service: Any) -> None:
    async with await client_for(service) as client:
        empty = await client.get("/ask", params={"q": "   "})
        assert empty.status_code == 200 and "Latest articles" in empty.text
        long = await client.get("/ask", params={"q": "why " * 200})
        assert long.status_code == 400 and "at most" in long.text
        nothing = await client.get("/ask", params={"q": "who praised the lunar orchestra?"})
        assert nothing.status_code == 200 and "I have no stored claim about that." in nothing.text
        for path in ("/articles/abc", "/articles/-1", "/speakers/0", "/articles/1/../../etc"):
            response = await client.get(path)
            assert response.status_code == 404, path
            assert "<h1" in response.text, path


async def test_pages_published_under_a_path_link_within_it(service: Any) -> None:
    for draft in (DENIAL, ACCUSATION):
        await service.ingest_draft(draft)
    # As uvicorn gives it with root_path="/prov": the path in full, the root beside it.
    transport = httpx.ASGITransport(app=create_app(service), root_path="/prov")
    async with httpx.AsyncClient(transport=transport, base_url="http://web.test") as client:
        home = await client.get("/prov/")
        assert home.status_code == 200
        assert 'href="/prov/style.css"' in home.text and 'action="/prov/ask"' in home.text
        article_id = (await service.recent_articles(limit=1))[0].id
        assert f'href="/prov/articles/{article_id}"' in home.text
        page = await client.get(f"/prov/articles/{article_id}")
        assert page.status_code == 200 and 'href="/prov/speakers/' in page.text


def test_the_root_path_comes_from_the_public_url() -> None:
    from bot.web.server import root_path

    assert root_path("https://news.example/prov") == "/prov"
    assert root_path("https://news.example") == ""
    assert root_path(None) == ""


async def test_pages_show_where_a_text_was_copied_and_every_article_carrying_a_claim(
    service: Any,
) -> None:
    from reuse_articles import EDITED_COPY, ORIGINAL

    for written in (EDITED_COPY, ORIGINAL):  # the copy first: found from either side
        await service.ingest_draft(written.draft())
    original_id = await service.article_id_by_url(ORIGINAL.url)
    copy_id = await service.article_id_by_url(EDITED_COPY.url)
    transport = httpx.ASGITransport(app=create_app(service))
    async with httpx.AsyncClient(transport=transport, base_url="http://web.test") as client:
        original = (await client.get(f"/articles/{original_id}")).text
        assert "<h2>Repeated by</h2>" in original and "<h2>Repeats text of</h2>" not in original
        assert f'href="/articles/{copy_id}"' in original.split("<h2>Repeated by</h2>")[1]
        copy = (await client.get(f"/articles/{copy_id}")).text
        assert f'href="/articles/{original_id}"' in copy.split("<h2>Repeats text of</h2>")[1]
        answers = await client.get(
            "/ask", params={"q": "What did Lena Varga say about closing the terminal?"}
        )
        carried = answers.text.split("earliest first:")[1].split("</ol>")[0]
        assert carried.index(f"/articles/{original_id}") < carried.index(f"/articles/{copy_id}")
