"""What a message asks for, decided from its text alone (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.sources.titles import shorten as shorten  # what render.py imports from here
from bot.sources.titles import title_from_text
from bot.sources.urls import find_links

MAX_QUESTION_CHARS = 300
# Text this long that is not a question is taken for a pasted article.
MIN_PASTE_CHARS = 280


@dataclass(frozen=True, slots=True)
class Question:
    text: str


@dataclass(frozen=True, slots=True)
class Links:
    urls: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Paste:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class CommandCall:
    name: str  # lower case, without the slash or @botname
    args: str


@dataclass(frozen=True, slots=True)
class Nothing:
    """Empty or blank text: nothing to answer."""


Intent = Question | Links | Paste | CommandCall | Nothing

_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)


def classify(text: str) -> Intent:
    """Decide whether ``text`` is a command, links to read, a pasted article or a question."""
    text = text.strip()
    if not text:
        return Nothing()
    command = parse_command(text)
    if command is not None:
        return command
    urls = tuple(find_links(text))
    rest = text
    for url in urls:
        rest = rest.replace(url, " ")
    rest = rest.strip()
    long_text = len(text) >= MIN_PASTE_CHARS and not _looks_like_question(text)
    if long_text and (not urls or len(rest) >= MIN_PASTE_CHARS):
        return paste(text)
    if urls:
        return Links(urls)
    return Question(" ".join(text.split()))


def parse_command(text: str) -> CommandCall | None:
    """``"/who@newsprov_bot Josh Jacques"`` -> ``CommandCall("who", "Josh Jacques")``."""
    match = _COMMAND.match(text.strip())
    if match is None:
        return None
    return CommandCall(match.group(1).lower(), (match.group(2) or "").strip())


def paste(text: str) -> Paste:
    """A pasted article, titled by the one title rule (``bot.sources.titles``)."""
    text = text.strip()
    return Paste(title_from_text(text), text)


def _looks_like_question(text: str) -> bool:
    return len(text) <= MAX_QUESTION_CHARS and text.rstrip().endswith("?")
