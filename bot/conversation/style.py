"""Two ways of writing the same reply: Telegram HTML and plain console text."""

from __future__ import annotations

import html
from typing import Protocol

from bot.sources.urls import is_web_url


class Style(Protocol):
    def text(self, value: str) -> str:
        """Stored or user-given text, made safe to include."""

    def bold(self, value: str) -> str: ...

    def italic(self, value: str) -> str: ...

    def code(self, value: str) -> str: ...

    def link(self, label: str, url: str | None) -> str: ...


class HtmlStyle:
    """Telegram's HTML parse mode: only ``<b> <i> <code> <a href>`` and escaped text."""

    def text(self, value: str) -> str:
        return html.escape(value, quote=False)

    def bold(self, value: str) -> str:
        return f"<b>{html.escape(value, quote=False)}</b>"

    def italic(self, value: str) -> str:
        return f"<i>{html.escape(value, quote=False)}</i>"

    def code(self, value: str) -> str:
        return f"<code>{html.escape(value, quote=False)}</code>"

    def link(self, label: str, url: str | None) -> str:
        if not is_web_url(url):
            return html.escape(label, quote=False)
        assert url is not None
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(label, quote=False)}</a>'


class PlainStyle:
    """Plain text for the console: nothing escaped, links written out after their label."""

    def text(self, value: str) -> str:
        return value

    def bold(self, value: str) -> str:
        return value

    def italic(self, value: str) -> str:
        return value

    def code(self, value: str) -> str:
        return value

    def link(self, label: str, url: str | None) -> str:
        return f"{label} <{url}>" if is_web_url(url) else label


HTML = HtmlStyle()
PLAIN = PlainStyle()
