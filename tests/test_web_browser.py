"""The web view in a real browser: Debian's chromium driven by Playwright, against the real
``newsprov web`` over a real SQLite file. Each page is also saved as a screenshot under
test-output/web/ for a person to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_harness import (
    ACCUSATION,
    DENIAL,
    DISPUTE_QUESTION,
    HOSTILE,
    HOSTILE_TITLE,
    SCREENSHOTS,
    WebServer,
    run_web_server,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
WITHOUT_BADGES = """element => Array.from(element.childNodes)
    .filter(node => node.nodeName !== "SUP").map(node => node.textContent).join("")"""


def _require_browser() -> None:
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is absent (bash .ci/dev test installs it when run as root)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed (the dev extra has it)"
    if reason is None:
        return
    if os.environ.get("NEWSPROV_REQUIRE_BROWSER"):
        pytest.fail(f"The browser tests are required here: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Iterator[WebServer]:
    _require_browser()
    yield from run_web_server(tmp_path_factory.mktemp("web"), extractor)


@pytest.fixture(scope="module")
def browser(server: WebServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=True)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    try:
        yield opened
    finally:
        context.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def fits_the_phone(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def texts(page: Any, selector: str) -> list[str]:
    return [element.inner_text() for element in page.query_selector_all(selector)]


def test_the_front_page_has_a_search_box_and_the_latest_articles(
    server: WebServer, page: Any
) -> None:
    page.goto(server.url + "/")
    titles = texts(page, "ol.articles li a[href^='/articles/']")
    assert DENIAL.title in titles and ACCUSATION.title in titles and HOSTILE_TITLE in titles
    page.fill("input[name=q]", DISPUTE_QUESTION)
    screenshot(page, "home")
    page.click("button[type=submit]")
    page.wait_for_url("**/ask?q=*")
    assert page.inner_text("h1") == DISPUTE_QUESTION
    assert fits_the_phone(page)


def test_an_article_shows_its_attributions_marked(server: WebServer, page: Any) -> None:
    page.goto(f"{server.url}/articles/{server.article_ids[DENIAL.title]}")
    assert page.inner_text("h1") == DENIAL.title
    sources, cues = texts(page, ".text mark.m-source"), texts(page, ".text mark.m-cue")
    contents = texts(page, ".text mark.m-content")
    assert any("Ilse Marrow" in source for source in sources), sources
    assert "denied" in cues and "told" in cues, cues
    assert any("Not a drop of fuel left our vessels" in c for c in contents), contents
    assert any("dredgers had spilled fuel" in c for c in contents), contents
    # Each kind in its own colour; the stance beside each attribution.
    colour = "mark => getComputedStyle(mark).backgroundColor"
    colours = {
        kind: page.eval_on_selector(f".text mark.m-{kind}", colour)
        for kind in ("source", "cue", "content")
    }
    assert len(set(colours.values())) == 3, colours
    badges = texts(page, ".text sup.badge")
    assert any(badge.endswith("deny") for badge in badges), badges
    # The marks leave the text as written: less the stance badges, it is the article's text.
    assert page.eval_on_selector(".text", WITHOUT_BADGES) == DENIAL.text
    claims = texts(page, "ol.claims li.claim")
    assert any("Ilse Marrow" in claim for claim in claims), claims
    assert fits_the_phone(page)
    screenshot(page, "article")


def test_a_dispute_shows_both_sides(server: WebServer, page: Any) -> None:
    page.goto(f"{server.url}/ask?q={DISPUTE_QUESTION}")
    assert "The stored claims disagree" in page.inner_text("main")
    sides = {
        side.query_selector("h2").inner_text(): side.inner_text()
        for side in page.query_selector_all(".dispute .side")
    }
    assert "Denied" in sides and "Accused" in sides, sides
    assert "harbour ministry" in sides["Denied"].lower() or "Marrow" in sides["Denied"]
    assert "union" in sides["Accused"].lower() or "Brek" in sides["Accused"]
    # Each answer links to its article's page.
    links = page.query_selector_all(".dispute a[href^='/articles/']")
    assert links
    assert fits_the_phone(page)
    screenshot(page, "ask-dispute")


def test_a_speaker_page_lists_roles_aliases_and_claims(server: WebServer, page: Any) -> None:
    page.goto(f"{server.url}/articles/{server.article_ids[DENIAL.title]}")
    speaker = page.query_selector("ol.claims a.speaker:has-text('Ilse Marrow')")
    assert speaker is not None
    speaker.click()
    page.wait_for_url("**/speakers/*")
    assert page.inner_text("h1") == "Ilse Marrow"
    assert any("spokeswoman" in role for role in texts(page, "ul.roles li"))
    claims = texts(page, "ol.claims li.claim")
    assert any("Not a drop of fuel" in claim for claim in claims), claims
    assert all(DENIAL.title in claim for claim in claims)
    screenshot(page, "speaker")


def test_a_hostile_title_is_shown_as_text_and_nothing_runs(server: WebServer, page: Any) -> None:
    article = f"/articles/{server.article_ids[HOSTILE.title]}"
    for path in ("/", article, "/ask?q=who+said+the+dam+would+open"):
        page.goto(server.url + path)
        assert page.evaluate("document.scripts.length") == 0, path
        assert page.evaluate("window.__pwned === undefined"), path
        assert page.query_selector("main img") is None, path
        assert page.query_selector("main b:has-text('opens')") is None, path
        assert HOSTILE_TITLE in page.inner_text("main"), path
    # The article page: the title, the outlet and the text as written, never as markup.
    assert page.title() != "pwned"
    page.goto(f"{server.url}/articles/{server.article_ids[HOSTILE.title]}")
    assert page.inner_text("h1") == HOSTILE_TITLE
    assert "<i>Ost</i> Courier" in page.inner_text("p.details")
    assert "<script>window.__pwned = 2</script>" in page.inner_text(".text")
    assert page.query_selector("a[href^='javascript:']") is None
    assert page.dialogs == []
    screenshot(page, "article-hostile")


def test_an_unknown_id_is_a_404_page(server: WebServer, page: Any) -> None:
    response = page.goto(f"{server.url}/articles/987654")
    assert response is not None and response.status == 404
    assert page.inner_text("h1") == "There is no article 987654."
    assert page.query_selector("a[href='/']") is not None
    screenshot(page, "not-found")
    for path in ("/speakers/987654", "/articles/99999999999999999999999", "/no/such/page"):
        response = page.goto(server.url + path)
        assert response is not None and response.status == 404, path
