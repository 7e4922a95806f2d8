"""What the read-only pages show (``bot/web/``): an article with the places of its
attributions in its text, and a speaker's profile with their claims."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.model import Answer, ArticleRef


@dataclass(frozen=True, slots=True)
class Place:
    """Characters ``start:end`` of the article's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PlacedClaim:
    """A claim and where its source, cue and content are written in the article."""

    claim: Answer
    source: Place | None
    cue: Place | None
    content: Place | None  # the content's outer bounds (a quote in pieces spans its cue)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleView:
    article: ArticleRef
    text: str
    claims: list[PlacedClaim]  # in text order


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerView:
    id: int
    name: str
    kind: str  # person, organisation, anonymous or unknown
    aliases: list[str]
    roles: list[tuple[str, int]]  # role as written, attributions giving it; most given first
    claims: list[Answer]  # newest first


def place(start: int | None, end: int | None) -> Place | None:
    if start is None or end is None or end <= start:
        return None
    return Place(start, end)
