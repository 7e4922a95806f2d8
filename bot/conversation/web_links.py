"""Addresses of the web view's pages (``newsprov web``) under ``NEWSPROV_PUBLIC_URL``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

OPEN_LABEL = "Open in the browser"


@dataclass(frozen=True, slots=True)
class WebLinks:
    base: str  # no trailing slash (Settings.public_url)

    @classmethod
    def of(cls, public_url: str | None) -> WebLinks | None:
        return cls(public_url) if public_url else None

    def ask(self, question: str) -> str:
        return f"{self.base}/ask?{urlencode({'q': question})}"

    def article(self, article_id: int) -> str:
        return f"{self.base}/articles/{article_id}"

    def speaker(self, speaker_id: int) -> str:
        return f"{self.base}/speakers/{speaker_id}"
