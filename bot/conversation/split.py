"""Long replies cut into messages Telegram accepts."""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096
# A tag, an HTML escape or one character: the pieces a line of rendered HTML is cut between.
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|.", re.DOTALL)


def split_message(text: str, *, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """``text`` in pieces of at most ``limit`` (counted as Telegram counts: UTF-16 units), cut
    between paragraphs where it can, else between lines, else between words outside every
    tag. Rendered markup never spans a line; a single entity longer than a message is closed
    at the cut and opened again in the next piece, so every piece stays well-formed."""
    if units(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for block in _blocks(text, limit):
        joined = f"{current}\n\n{block}" if current else block
        if units(joined) <= limit:
            current = joined
        else:
            pieces.append(current)
            current = block
    if current:
        pieces.append(current)
    return pieces


def _blocks(text: str, limit: int) -> list[str]:
    """Paragraphs no longer than ``limit``, the longer ones broken into lines or words."""
    blocks: list[str] = []
    for paragraph in text.split("\n\n"):
        if units(paragraph) <= limit:
            blocks.append(paragraph)
            continue
        current = ""
        for line in paragraph.split("\n"):
            for part in _cut_line(line, limit):
                joined = f"{current}\n{part}" if current else part
                if units(joined) <= limit:
                    current = joined
                else:
                    blocks.append(current)
                    current = part
        if current:
            blocks.append(current)
    return [block for block in blocks if block.strip()]


def units(text: str) -> int:
    """The length Telegram counts: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _cut_line(line: str, limit: int) -> list[str]:
    """A line of HTML in pieces: cut at the last space outside every tag that fits, or,
    inside one long entity, anywhere between characters with its tags closed and reopened."""
    if units(line) <= limit:
        return [line]
    tokens = _TOKEN.findall(line)
    parts: list[str] = []
    piece: list[str] = []
    size = 0
    open_tags: list[str] = []
    has_text = False
    safe: tuple[int, int] | None = None  # (tokens kept, index of the space) of the last cut
    index = 0
    while index < len(tokens):
        token = tokens[index]
        closing = sum(units(_closing(tag)) for tag in open_tags)
        if has_text and size + units(token) + closing > limit:
            if safe is not None:
                kept, space = safe
                parts.append("".join(piece[:kept]))
                index = space + 1
                piece, size, open_tags, has_text, safe = [], 0, [], False, None
                continue
            parts.append("".join(piece) + "".join(_closing(t) for t in reversed(open_tags)))
            piece = list(open_tags)
            size, has_text = sum(units(tag) for tag in piece), False
            continue
        piece.append(token)
        size += units(token)
        if token.startswith("</"):
            if open_tags:
                open_tags.pop()
        elif token.startswith("<") and len(token) > 1:
            open_tags.append(token)
        else:
            has_text = True
            if token == " " and not open_tags:
                safe = (len(piece) - 1, index)
        index += 1
    if has_text:
        parts.append("".join(piece))
    return [part.strip() for part in parts if part.strip()]


def _closing(opening: str) -> str:
    return "</" + opening[1:].split(None, 1)[0].rstrip(">") + ">"
