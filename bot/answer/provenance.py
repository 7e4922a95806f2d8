"""One answer per statement, and where it was first reported: pure functions over answers
and the reuse links the service reads (no session, no SQL).

The same claim by the same speaker in several articles (a copy, or two outlets quoting the
same words) is one statement: the best-ranked claim stands for it, and its ``reports`` are
every article carrying it, earliest first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from bot.answer.ascii import to_ascii
from bot.answer.model import Answer, ArticleRef

SAME_CONTENT = 80  # rapidfuzz token_sort_ratio of two claims' folded contents


@dataclass(frozen=True, slots=True, kw_only=True)
class ReuseRef:
    """An article on the other side of a reuse link."""

    article: ArticleRef
    share: float  # 0-1: of the copy's text, the share found in the source
    shared_sentences: int
    names_source: bool  # the copy names the source's outlet

    def as_json(self) -> dict[str, Any]:
        return {
            "article": self.article.as_json(),
            "share": round(self.share, 3),
            "shared_sentences": self.shared_sentences,
            "names_source": self.names_source,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    article: ArticleRef
    copies_of: list[ReuseRef]  # earlier articles whose text this one repeats
    copied_by: list[ReuseRef]  # later articles repeating this one's text
    earliest_source: ArticleRef | None  # the earliest article this one's text goes back to

    def as_json(self) -> dict[str, Any]:
        return {
            "article": self.article.as_json(),
            "copies_of": [ref.as_json() for ref in self.copies_of],
            "copied_by": [ref.as_json() for ref in self.copied_by],
            "earliest_source": self.earliest_source.as_json() if self.earliest_source else None,
        }


def publication_order(article: ArticleRef) -> tuple[float, int]:
    """Earliest first: by published date, undated last, ingest order (the id) breaking ties."""
    published = article.published
    return (published.timestamp() if published else math.inf, article.id)


# Kept: merging compares every answer with every group's members, the same texts again and again.
@lru_cache(maxsize=4096)
def _words(text: str | None) -> frozenset[str]:
    return frozenset(to_ascii(text or "").casefold().replace(".", " ").split())


def same_speaker(first: Answer, second: Answer) -> bool:
    """The same name, or one name within the other ("Varga", "Lena Varga")."""
    a, b = _words(first.speaker), _words(second.speaker)
    if not a or not b:
        return not a and not b
    return a <= b or b <= a


@lru_cache(maxsize=4096)
def _folded(text: str | None) -> str:
    return " ".join(to_ascii(text or "").casefold().split())


def same_statement(first: Answer, second: Answer, *, outlets: frozenset[str] = frozenset()) -> bool:
    """The same speaker with the same content, in other words by a word or two; or one is
    an outlet relaying the other's claim ("X denied Y, Baltic Wire reported", stored as Baltic
    Wire's claim), ``outlets`` being the folded names of the outlets carrying either."""
    if same_speaker(first, second):
        return (
            fuzz.token_sort_ratio(_folded(first.content), _folded(second.content)) >= SAME_CONTENT
        )
    return _relayed(first, second, outlets) or _relayed(second, first, outlets)


def _relayed(relay: Answer, claim: Answer, outlets: frozenset[str]) -> bool:
    if not relay.speaker or _folded(relay.speaker) not in outlets:
        return False
    inner, outer = _folded(claim.content), _folded(relay.content)
    return len(inner) <= len(outer) and fuzz.partial_ratio(inner, outer) >= SAME_CONTENT


def outlets_of(answers: Iterable[Answer]) -> frozenset[str]:
    return frozenset(
        _folded(article.outlet)
        for answer in answers
        for article in (*answer.reports, answer.article)
        if article.outlet
    )


def _reports(answers: Iterable[Answer]) -> tuple[ArticleRef, ...]:
    articles: dict[int, ArticleRef] = {}
    for answer in answers:
        for article in answer.reports or (answer.article,):
            articles.setdefault(article.id, article)
    return tuple(sorted(articles.values(), key=publication_order))


def _merged(group: Sequence[Answer]) -> Answer:
    """The group's statement as its earliest report words it, scored as its best answer;
    an outlet's relay ("..., Baltic Wire reported") stands for it only when nothing else does."""
    outlets = outlets_of(group)
    own = [a for a in group if not (a.speaker and _folded(a.speaker) in outlets)] or list(group)
    earliest = min(own, key=lambda answer: publication_order(answer.article))
    return replace(earliest, score=max(answer.score for answer in group), reports=_reports(group))


def merge_statements(answers: Sequence[Answer]) -> list[Answer]:
    """One answer per statement, in the order of each statement's best answer, with the
    reports of every answer merged into it."""
    outlets = outlets_of(answers)
    groups: list[list[Answer]] = []
    for answer in answers:
        for group in groups:
            if any(same_statement(member, answer, outlets=outlets) for member in group):
                group.append(answer)
                break
        else:
            groups.append([answer])
    return [_merged(group) for group in groups]


def with_reports(answer: Answer, carriers: Sequence[Answer]) -> Answer:
    """The answer with the articles of those ``carriers`` that make the same statement."""
    outlets = outlets_of([answer, *carriers])
    same = [other for other in carriers if same_statement(answer, other, outlets=outlets)]
    if not same:
        return answer
    return _merged([answer, *same])


def via_chain(answer: Answer, named: set[tuple[int, int]]) -> tuple[str, ...]:
    """Speaker → told Reuters → carried by DW → repeated by Rava Desk: the steps the texts
    name. ``named`` holds the (copy, source) article pairs whose copy names its source; a
    report that names no earlier report is not a step (it is only "also")."""
    reports = answer.reports or (answer.article,)
    steps = [answer.speaker or "unnamed source"]
    if answer.via:
        steps.append(f"told {answer.via}")
    first = reports[0]
    steps.append(f"carried by {outlet_name(first)}")
    earlier = [first]
    for report in reports[1:]:
        if any((report.id, source.id) in named for source in earlier):
            steps.append(f"repeated by {outlet_name(report)}")
        earlier.append(report)
    return tuple(steps)


def outlet_name(article: ArticleRef) -> str:
    return article.outlet or article.title or f"article {article.id}"
