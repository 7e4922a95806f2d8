"""An article as it arrives, before it is stored: the common shape of every ingest source."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Origin(StrEnum):
    FILE = "file"
    URL = "url"
    FEED = "feed"
    TELEGRAM = "telegram"
    TEXT = "text"  # pasted into the console or a chat


@dataclass(frozen=True, kw_only=True)
class ArticleDraft:
    title: str
    text: str
    origin: Origin
    url: str | None = None  # canonical URL, when there is one
    outlet: str | None = None
    published: datetime | None = None
    author: str | None = None
    origin_detail: dict[str, Any] = field(default_factory=dict)  # file path, feed id, chat...

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the text with case, Unicode form and white space folded: same words, same hash."""
    folded = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
