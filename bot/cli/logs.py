"""Logging for the command line, with the secrets written as ``***``."""

from __future__ import annotations

import logging
from collections.abc import Sequence


def configure_logging(level: str, *, secrets: Sequence[str] = ()) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    # Their INFO lines (every migration check, every HTTP request) drown what newsprov says.
    for chatty in ("alembic", "httpx", "httpcore", "apscheduler"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.getLevelName(level)))


class RedactSecrets(logging.Filter):
    """Writes ``***`` for the bot token and the database password in every record a handler
    emits: PTB, httpx and SQLAlchemy messages and tracebacks may carry them."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text
