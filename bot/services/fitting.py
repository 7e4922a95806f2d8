"""A draft made fit to store: no NUL characters, every value within its column, the text
within the article length the settings allow."""

from __future__ import annotations

from dataclasses import replace

from bot.extract.bounds import cut_text
from bot.sources.draft import ArticleDraft
from store.models import Article
from store.sizes import TITLE_MAX, clean_json, clipped, cut, fitting_or_none, no_nul


def fit_draft(draft: ArticleDraft, *, max_chars: int) -> tuple[ArticleDraft, int]:
    """The draft as it will be stored, and the length of its text before it was cut."""
    text = no_nul(draft.text)
    fitted = replace(
        draft,
        title=fitted_title(draft.title),
        text=cut_text(text, max_chars),
        url=fitting_or_none(draft.url, Article.url),  # a URL cut short is another URL
        outlet=clipped(draft.outlet, Article.outlet),
        author=clipped(draft.author, Article.author),
        origin_detail=clean_json(draft.origin_detail),
    )
    return fitted, len(text)


def fitted_title(title: str) -> str:
    """A title on one line, without NULs, within its column."""
    return cut(" ".join(no_nul(title).split()), TITLE_MAX)


def read_in_part_note(*, read_chars: int, total_chars: int) -> str | None:
    """One line saying how much of a long article was read, or ``None`` if all of it was."""
    if read_chars >= total_chars:
        return None
    return f"It is long, so I read only its first {read_chars:,} of {total_chars:,} characters."
