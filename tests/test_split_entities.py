"""Long replies are split only between entities: every piece is HTML Telegram accepts
(checked with the fake Bot API's own parser) and within Telegram's length in UTF-16."""

from __future__ import annotations

import html

import pytest
from fake_bot_api import utf16_length
from telegram_html import parse_html

from bot.conversation.split import TELEGRAM_LIMIT, split_message, units


def check(pieces: list[str], *, limit: int) -> str:
    """The pieces' plain text joined, after checking that each parses and fits."""
    texts = []
    for piece in pieces:
        assert units(piece) <= limit
        texts.append(parse_html(piece))
        assert utf16_length(texts[-1]) <= limit
    return " ".join(texts)


def words(text: str) -> list[str]:
    return text.split()


def test_a_line_of_many_entities_is_cut_between_them() -> None:
    link = '<a href="https://news.example/a?b=1&amp;c=2">the Courier &amp; Post</a>'
    line = " ".join(f"<b>Claim {n}</b> said {link}" for n in range(400))
    pieces = split_message(line, limit=500)
    assert len(pieces) > 1
    for piece in pieces:
        assert piece.count("<b>") == piece.count("</b>") and piece.count("<a ") == piece.count(
            "</a>"
        )
    assert words(check(pieces, limit=500)) == words(parse_html(line))


def test_one_entity_longer_than_a_message_is_closed_and_reopened() -> None:
    title = html.escape("Harbour & pier " * 2_000)
    text = f'<b><a href="https://news.example/x">{title}</a></b>\nnext line'
    pieces = split_message(text)
    assert len(pieces) >= 8
    assert all(p.startswith('<b><a href="https://news.example/x">') for p in pieces[1:-1])
    joined = "".join(parse_html(piece) for piece in pieces)
    assert words(joined.replace("\n", " ")) == words(html.unescape(title) + " next line")
    check(pieces, limit=TELEGRAM_LIMIT)


def test_escapes_are_never_cut() -> None:
    text = "<i>" + "&amp;" * 3_000 + "</i>"
    pieces = split_message(text, limit=1_000)
    assert parse_html("".join(p.removeprefix("<i>").removesuffix("</i>") for p in pieces)) == (
        "&" * 3_000
    )
    check(pieces, limit=1_000)


@pytest.mark.parametrize("limit", [TELEGRAM_LIMIT, 700])
def test_emoji_count_twice_as_telegram_counts_them(limit: int) -> None:
    text = "<b>" + "😀 " * 3_000 + "</b>"
    pieces = split_message(text, limit=limit)
    check(pieces, limit=limit)
    assert sum(parse_html(p).count("😀") for p in pieces) == 3_000


def test_short_and_paragraphed_replies_are_unchanged() -> None:
    assert split_message("<b>Hi</b>") == ["<b>Hi</b>"]
    paragraphs = "\n\n".join(f"<b>Answer {n}</b>\nSaid something." for n in range(400))
    pieces = split_message(paragraphs)
    assert all(p.startswith("<b>Answer") for p in pieces)
    check(pieces, limit=TELEGRAM_LIMIT)
