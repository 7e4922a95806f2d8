"""Lines under an answer carried by several articles: who reported it first, who repeated
it, and the via-chain the texts name (``bot.answer.provenance``)."""

from __future__ import annotations

from datetime import datetime

from bot.answer.model import Answer, ArticleRef
from bot.answer.provenance import outlet_name
from bot.answer.provenance_question import FIRST, OUTLETS
from bot.conversation.service import RemovedResult
from bot.conversation.style import Style

MAX_ALSO = 5  # outlets named after "also"; the rest are counted


def short_date(value: datetime | None) -> str | None:
    return f"{value.day} {value:%b}" if value else None


def long_date(value: datetime | None) -> str | None:
    return f"{value.day} {value:%B}" if value else None


def _named(article: ArticleRef) -> str:
    day = short_date(article.published)
    return f"{outlet_name(article)}, {day}" if day else outlet_name(article)


def render_reports(answer: Answer, style: Style, *, asked: str | None = None) -> str | None:
    """``first reported by Baltic Wire, 10 Mar; also Coastal Daily, Rava Desk``, when more than
    one article carries the claim or the question asked who reported it; ``carried by Baltic
    Wire (10 Mar), Coastal Daily (11 Mar)`` when it asked which outlets carried it."""
    reports = answer.reports or (answer.article,)
    if asked == OUTLETS:
        carried = ", ".join(_dated(article) for article in reports)
        return style.text(f"carried by {carried}")
    if len(reports) < 2:
        if asked == FIRST:
            return style.text(f"first reported by {_named(reports[0])}; no other article has it")
        return None
    first, *rest = reports
    others = list(dict.fromkeys(outlet_name(article) for article in rest))
    also = ", ".join(others[:MAX_ALSO])
    if len(others) > MAX_ALSO:
        also += f" and {len(others) - MAX_ALSO} more"
    return style.text(f"first reported by {_named(first)}; also {also}")


def _dated(article: ArticleRef) -> str:
    day = short_date(article.published)
    return f"{outlet_name(article)} ({day})" if day else outlet_name(article)


def render_chain(answer: Answer, style: Style) -> str | None:
    """``Lena Varga → told Reuters → carried by DW → repeated by Rava Desk``, when the texts
    name more than the article that carries it."""
    named_steps = [step for step in answer.chain[1:] if not step.startswith("carried by")]
    if not named_steps:
        return None
    return style.text(" → ".join(answer.chain))


def render_removed(removed: RemovedResult, style: Style) -> str:
    """What ``/delete`` and ``newsprov delete`` say once an article is gone."""
    claims = f"{removed.attributions} attribution{'' if removed.attributions == 1 else 's'}"
    gone = f"Deleted article {removed.article_id}, “{removed.title}”, with its {claims}"
    if removed.speakers:
        many = removed.speakers != 1
        gone += f" and {removed.speakers} speaker{'s' if many else ''} nothing else is stored about"
    return style.text(gone + ". Reading it again stores it as new.")
