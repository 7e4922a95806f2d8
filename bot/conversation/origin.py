"""Replies about where an article's text came from (``/origin``) and the note under an
ingested post that repeats a stored article."""

from __future__ import annotations

from bot.answer.provenance import Provenance, ReuseRef, outlet_name, publication_order
from bot.conversation.render import render_article
from bot.conversation.reports import long_date
from bot.conversation.style import Style


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def _reuse_line(ref: ReuseRef, style: Style) -> str:
    named = "; names it as its source" if ref.names_source else ""
    count = ref.shared_sentences
    detail = f" ({percent(ref.share)} of the copy's text, {count} sentence"
    detail += f"{'' if count == 1 else 's'}{named})"
    return f"• {render_article(ref.article, style)}{style.text(detail)}"


def render_provenance(provenance: Provenance, style: Style) -> str:
    article = provenance.article
    lines = [f"{style.bold(f'Article {article.id}')}: {render_article(article, style)}"]
    if not provenance.copies_of and not provenance.copied_by:
        lines.append(style.text("It shares no text with any other stored article."))
        return "\n".join(lines)
    if provenance.copies_of:
        lines.append(style.bold("It repeats text of"))
        lines += [_reuse_line(ref, style) for ref in provenance.copies_of]
    if provenance.copied_by:
        lines.append(style.bold("Its text is repeated by"))
        lines += [_reuse_line(ref, style) for ref in provenance.copied_by]
    if provenance.earliest_source is not None:
        earliest = render_article(provenance.earliest_source, style)
        lines.append(style.text("Earliest source: ") + earliest)
    return "\n".join(lines)


def render_repeat_note(provenance: Provenance, style: Style, *, noun: str = "post") -> str | None:
    """``This post repeats Baltic Wire's report of 10 March, 72 % of its text.``: the
    stored article it repeats most of, when it repeats one."""
    if not provenance.copies_of:
        if not provenance.copied_by:
            return None
        first = min(provenance.copied_by, key=lambda r: publication_order(r.article))
        day = long_date(first.article.published)
        when = f" ({day})" if day else ""
        return style.text(
            f"{outlet_name(first.article)}{when} repeats this {noun}, "
            f"{percent(first.share)} of its own text."
        )
    ref = max(provenance.copies_of, key=lambda r: (r.share, -r.article.id))
    day = long_date(ref.article.published)
    report = f"{outlet_name(ref.article)}'s report" + (f" of {day}" if day else "")
    return style.text(f"This {noun} repeats {report}, {percent(ref.share)} of its text.")
