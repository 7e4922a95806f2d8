"""Long replies cut into messages Telegram accepts."""

from __future__ import annotations

TELEGRAM_LIMIT = 4096


def split_message(text: str, *, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut between paragraphs where it can,
    else between lines, else between words. Rendered markup never spans a line, so pieces cut
    this way stay well-formed."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for block in _blocks(text, limit):
        joined = f"{current}\n\n{block}" if current else block
        if len(joined) <= limit:
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
        if len(paragraph) <= limit:
            blocks.append(paragraph)
            continue
        current = ""
        for line in paragraph.split("\n"):
            for part in _cut_line(line, limit):
                joined = f"{current}\n{part}" if current else part
                if len(joined) <= limit:
                    current = joined
                else:
                    blocks.append(current)
                    current = part
        if current:
            blocks.append(current)
    return [block for block in blocks if block.strip()]


def _cut_line(line: str, limit: int) -> list[str]:
    parts = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(line[:cut])
        line = line[cut:].lstrip()
    parts.append(line)
    return parts
