"""The one exception hierarchy of newsprov.

Low-level errors (httpx, SQLAlchemy, parsers) are translated once, where they happen, into
one of these, so that the CLI, the console and the bot can turn any of them into one plain
sentence for a person. The store, below ``bot``, has its own: ``store.errors.StoreError`` (a
database that cannot be reached, is read-only, full, corrupt or newer than this code), shown
the same way; ``USER_ERRORS`` is what a front end catches.
"""

from __future__ import annotations

from store.errors import StoreError


class NewsprovError(Exception):
    """Base of every error newsprov raises on purpose. ``str(error)`` is fit for a user."""


class ConfigError(NewsprovError):
    """A setting is missing or malformed."""


class SourceError(NewsprovError):
    """An ingest source (file, text, link, feed) could not be read as an article."""


class FetchError(SourceError):
    """A link or feed could not be fetched. ``reason`` is a short machine-readable word."""

    def __init__(self, message: str, *, url: str, reason: str) -> None:
        super().__init__(message)
        self.url = url
        self.reason = reason


class BlockedAddressError(FetchError):
    """The link points into a private, loopback, link-local or otherwise reserved network."""

    HINT = (
        "A private deployment can allow such addresses by setting "
        "NEWSPROV_ALLOW_PRIVATE_NETWORKS=1."
    )

    def with_hint(self) -> str:
        """The message and how a private deployment allows such addresses."""
        return f"{self} {self.HINT}"


class NotAnArticleError(SourceError):
    """The content is not something newsprov ingests (a PDF, an image, an empty page)."""


class ExtractionBudgetError(SourceError):
    """An article would cost the extractor more time than its budget allows."""


class FeedError(SourceError):
    """A feed could not be parsed or polled."""


class NotFoundError(NewsprovError):
    """A stored record (article, feed, speaker) asked for by id or name does not exist."""


class ModelMissingError(ConfigError):
    """spaCy's English model, which the extractor needs, is not installed."""


class WatchError(NewsprovError):
    """A watch that cannot be added: too many already, or a topic too long or empty."""


# FetchError reasons a later attempt may not meet: the site down, slow, or failing for now.
PASSING_FETCH_REASONS = frozenset({"connect", "timeout", "http_error"})


def may_pass(error: SourceError) -> bool:
    """Whether trying this source again later may succeed where it failed now."""
    return isinstance(error, FetchError) and error.reason in PASSING_FETCH_REASONS


# Every error whose message is meant for a person: newsprov's own and the store's.
USER_ERRORS: tuple[type[Exception], ...] = (NewsprovError, StoreError)
