"""What a message asks for, decided from its text alone (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUESTION_CHARS = 300
# Text this long that is not a question is taken for a pasted article.
MIN_PASTE_CHARS = 280
MAX_TITLE_CHARS = 120


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

_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'A-Z0-9])")


def classify(text: str) -> Intent:
    """Decide whether ``text`` is a command, links to read, a pasted article or a question."""
    text = text.strip()
    if not text:
        return Nothing()
    command = parse_command(text)
    if command is not None:
        return command
    urls = find_urls(text)
    rest = _URL.sub(" ", text).strip()
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


def find_urls(text: str) -> tuple[str, ...]:
    """The http(s) links in ``text``, in order, without duplicates or trailing punctuation."""
    found: list[str] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?)]}»”’")
        if url not in found:
            found.append(url)
    return tuple(found)


def paste(text: str) -> Paste:
    """A pasted article: its title guessed from the first line or the first sentence."""
    text = text.strip()
    first_line, _, remainder = text.partition("\n")
    first_line = first_line.strip()
    if remainder.strip() and len(first_line) <= MAX_TITLE_CHARS and first_line[-1:] not in ".!?":
        # A short first line on its own, without a full stop, reads as a headline.
        return Paste(first_line, remainder.strip())
    first_sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    return Paste(shorten(" ".join(first_sentence.split()), MAX_TITLE_CHARS), text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _looks_like_question(text: str) -> bool:
    return len(text) <= MAX_QUESTION_CHARS and text.rstrip().endswith("?")
