"""The pure parts of the conversation: classifying, titles, rendering, splitting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from telegram_html import EntityError, parse_html

from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.conversation import HTML, PLAIN
from bot.conversation.classify import (
    CommandCall,
    Links,
    Nothing,
    Paste,
    Question,
    classify,
    paste,
)
from bot.conversation.commands import COMMANDS, menu
from bot.conversation.render import question_from_reply, render_answer_set, render_help
from bot.conversation.split import split_message

ARTICLE = ArticleRef(
    id=4,
    title="Ministry <denies> & rejects",
    url="https://news.example/a?x=1&y=2",
    outlet="Example News",
    published=datetime(2026, 1, 5, tzinfo=UTC),
)


def claim(stance: str, speaker: str, content: str, *, quote: bool = False) -> Answer:
    return Answer(
        attribution_id=1,
        speaker=speaker,
        speaker_description="spokesman for the <ministry>",
        stance=stance,
        cue=None,
        content=content,
        quote=quote,
        via="Reuters",
        sentence=content,
        article=ARTICLE,
        score=90.0,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who denied the strike?", Question("who denied the strike?")),
        ("  who   denied\nit  ", Question("who denied it")),
        ("/who@newsprov_bot Josh Jacques", CommandCall("who", "Josh Jacques")),
        ("/STATS", CommandCall("stats", "")),
        (
            "read https://a.example/x, and http://b.example/y.",
            Links(("https://a.example/x", "http://b.example/y")),
        ),
        ("   ", Nothing()),
    ],
)
def test_classify(text: str, expected: object) -> None:
    assert classify(text) == expected


def test_long_text_is_a_paste_titled_by_its_first_line() -> None:
    text = "Harbour reopens\n" + "The port authority said the harbour would reopen. " * 8
    found = classify(text)
    assert isinstance(found, Paste)
    assert found.title == "Harbour reopens"
    assert found.text.startswith("The port authority said")


def test_a_paste_without_headline_is_titled_by_its_first_sentence_shortened() -> None:
    text = (
        "The port authority said on Monday that " + "the harbour " * 20 + "would reopen. Then more."
    )
    found = paste(text)
    assert len(found.title) <= 120 and found.title.endswith("…")
    assert found.text == text


def test_a_long_question_with_a_mark_stays_a_question() -> None:
    question = "who said " + "that the harbour was closed " * 10 + "?"
    assert 280 <= len(question) <= 300
    assert isinstance(classify(question), Question)


def test_html_rendering_escapes_every_stored_string_and_parses() -> None:
    answers = AnswerSet(
        question="who <denied> & why?",
        answers=[claim("deny", "Ana <b>Ruiz</b>", "We did <not> strike & never will", quote=True)],
    )
    html = render_answer_set(answers, HTML)
    visible = parse_html(html)  # Telegram would accept it
    assert "Ana <b>Ruiz</b>, spokesman for the <ministry>, denied: “We did <not> strike" in visible
    assert "(told Reuters)" in visible
    assert 'href="https://news.example/a?x=1&amp;y=2"' in html
    assert "Ministry <denies> & rejects — Example News, 5 Jan 2026" in visible
    assert question_from_reply(visible) == "who <denied> & why?"


def test_plain_rendering_matches_what_telegram_shows_minus_links() -> None:
    answers = AnswerSet(
        question="q?", answers=[claim("accuse", "SANA", "the coalition killed civilians")]
    )
    plain = render_answer_set(answers, PLAIN)
    assert "1. SANA, spokesman for the <ministry>, accused the coalition killed civilians" in plain
    assert "Ministry <denies> & rejects <https://news.example/a?x=1&y=2>" in plain


def test_a_dispute_is_grouped_by_stance() -> None:
    answers = AnswerSet(
        question="who was behind the strike?",
        answers=[
            claim("deny", "Coalition", "it did not strike"),
            claim("accuse", "SANA", "the coalition struck"),
            claim("deny", "Pentagon", "no US aircraft flew"),
        ],
        dispute=True,
    )
    visible = parse_html(render_answer_set(answers, HTML))
    assert "The stored claims disagree:" in visible
    denied, accused = visible.index("Denied\n"), visible.index("Accused\n")
    assert denied < visible.index("Pentagon") < accused < visible.index("SANA")


def test_nothing_stored_is_said_plainly() -> None:
    visible = render_answer_set(AnswerSet(question="who?", answers=[]), PLAIN)
    assert "I have no stored claim about that." in visible and "Forward me" in visible


def test_split_keeps_paragraphs_whole_and_every_piece_valid() -> None:
    paragraph = "<b>Title</b> " + "words &amp; more " * 20
    text = "\n\n".join([paragraph] * 60)
    pieces = split_message(text)
    assert len(pieces) > 1
    assert all(len(piece) <= 4096 for piece in pieces)
    assert "\n\n".join(pieces) == text
    for piece in pieces:
        parse_html(piece)


def test_split_cuts_an_overlong_line_between_words() -> None:
    pieces = split_message("word " * 2000, limit=100)
    assert all(0 < len(piece) <= 100 for piece in pieces)
    assert " ".join(p.strip() for p in pieces).split() == ["word"] * 2000


def test_one_command_list_feeds_menus_and_help() -> None:
    public = menu(telegram=True, admin=False)
    assert {c.name for c in public} == {
        "start",
        "help",
        "ask",
        "sources",
        "article",
        "who",
        "origin",
        "stats",
    }
    admin = {c.name for c in menu(telegram=True, admin=True)}
    assert {"ingest", "addfeed", "feeds", "removefeed", "poll"} <= admin
    console = {c.name for c in menu(telegram=False, admin=True)}
    assert {"paste", "more", "quit"} <= console and "start" not in console
    help_text = parse_html(render_help(public, HTML, intro="Hi"))
    assert all(f"/{c.name}" in help_text for c in public)
    assert all(3 <= len(c.description) <= 256 for c in COMMANDS)


@pytest.mark.parametrize(
    "bad",
    [
        "a < b",
        "<script>x</script>",
        "<b>open",
        "<b><i>x</b></i>",
        "fish & chips",
        "&nbsp;",
        "<a>x</a>",
    ],
)
def test_the_fake_api_refuses_html_telegram_refuses(bad: str) -> None:
    with pytest.raises(EntityError):
        parse_html(bad)


def test_quoted_words_after_that_keep_one_pair_of_marks() -> None:
    said = claim("say", "the alliance", "that “there was no bombing in that area.”", quote=True)
    visible = parse_html(render_answer_set(AnswerSet(question="q?", answers=[said]), HTML))
    assert "the alliance, spokesman for the <ministry>, said that “there was no bombing" in visible
    assert "““" not in visible and "“that" not in visible
