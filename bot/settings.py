"""Settings, read once from the environment and ``.env`` and passed down from there."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.errors import ConfigError
from store.errors import redacted_url, url_password

DEFAULT_DATABASE_URL = "sqlite:///newsprov.db"
SPACY_MAX_LENGTH = 1_000_000  # spaCy's own limit (E088) for the parser and NER


SECRET_FIELDS = frozenset({"telegram_token", "webhook_secret"})

# NEWSPROV_SEMANTIC: "on" and "off" force the semantic signal; "auto" stores sentence vectors
# at ingest and answers with them while the vector index is small enough (below).
SemanticMode = Literal["auto", "on", "off"]
# Under "auto" the signal answers while the vector index holds at most this many vectors: the
# largest size measured (SQLite, 10k / 30k / 100k attributions) where the answer p95 with the
# signal stayed within the 50 ms budget (45 ms at 10k, 63 ms at 30k, on a quiet machine): the
# question's embedding (~11-13 ms) is constant, the vector search and ranking grow with the
# store (docs/benchmarks.md, ninth session: semauto).
SEMANTIC_AUTO_MAX_VECTORS = 10_000


@dataclass(frozen=True, kw_only=True)
class ExtractionBudget:
    """What one article may cost: characters read, tokens parsed (memory grows with them)
    and seconds spent. Longer texts are read in part; a slower one is refused."""

    max_chars: int = 100_000
    max_tokens: int = 30_000
    max_seconds: float = 60.0

    def __post_init__(self) -> None:
        if not 1 <= self.max_chars <= SPACY_MAX_LENGTH:
            raise ValueError(f"max_chars must be between 1 and {SPACY_MAX_LENGTH:,}")
        if self.max_tokens < 1 or self.max_seconds <= 0:
            raise ValueError("max_tokens and max_seconds must be positive")


@dataclass(frozen=True, kw_only=True, repr=False)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    telegram_token: str | None = None
    telegram_api_base: str | None = None  # another Bot API server, e.g. a local one
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    webhook_url: str | None = None  # public HTTPS URL: webhook mode instead of long polling
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    allow_private_networks: bool = False
    fetch_timeout_s: float = 15.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    fetch_concurrency: int = 4
    feed_interval_minutes: int = 30
    feed_max_failures: int = 5
    user_rate_per_minute: int = 20
    watches_per_user: int = 10  # /watch topics one Telegram user may follow
    concurrent_chats: int = 16  # chats whose updates the bot handles at the same time
    max_article_chars: int = 100_000  # a longer article is read and stored in part
    extract_max_tokens: int = 30_000  # the parse's memory grows with its tokens
    extract_max_seconds: float = 60.0  # an article that takes longer is refused
    log_level: str = "INFO"
    # Sentence embeddings for paraphrased questions (bot/embedding.py): stored at ingest unless
    # "off"; used in answering when "on", or under "auto" (the default) while the vector index
    # holds at most semantic_auto_max_vectors: the signal gains on every question set, but
    # multiplies the answer p95 by 1.6-2 and its search grows with the index (docs/benchmarks.md,
    # ninth session: semantic2 and semauto).
    semantic: SemanticMode = "auto"
    semantic_auto_max_vectors: int = SEMANTIC_AUTO_MAX_VECTORS
    # Jobs (bot/services/jobs.py). On PostgreSQL they wait in procrastinate's tables; the bot
    # process runs them too unless bot_runs_jobs is off (workers elsewhere run them). On
    # SQLite they run inside the bot's process.
    bot_runs_jobs: bool = True
    job_concurrency: int = 4  # jobs one process runs at once (fetches overlap; parses queue)
    job_max_attempts: int = 5  # attempts of a job that keeps failing, then it is failed
    job_retry_seconds: float = 5.0  # the wait after the first failure, doubled after each
    job_check_seconds: int = 60  # how often due feeds and stalled jobs are looked for
    job_stalled_seconds: float = 30.0  # a worker silent this long is dead; its jobs rerun
    job_retention_days: int = 7  # queued jobs that ended are removed this long after
    failed_job_retention_days: int = 30  # failed ones (``newsprov jobs --failed``) this long
    # Where ``newsprov web`` is reachable: the bot's replies link to its pages when set.
    public_url: str | None = None
    web_forwarded_allow_ips: str = "127.0.0.1"  # proxies whose X-Forwarded-* headers count

    @property
    def extraction_budget(self) -> ExtractionBudget:
        return ExtractionBudget(
            max_chars=self.max_article_chars,
            max_tokens=self.extract_max_tokens,
            max_seconds=self.extract_max_seconds,
        )

    @property
    def stores_vectors(self) -> bool:
        """Whether ingest embeds claims (and ``newsprov db embed`` fills the missing ones)."""
        return self.semantic != "off"

    def answers_in_meaning(self, vectors: int) -> bool:
        """Whether a question is answered with the semantic signal over an index of
        ``vectors``."""
        if self.semantic == "auto":
            return vectors <= self.semantic_auto_max_vectors
        return self.semantic == "on"

    @classmethod
    def load(
        cls,
        *,
        environ: Mapping[str, str] | None = None,
        env_file: str | os.PathLike[str] | None = ".env",
    ) -> Settings:
        """Settings from ``env_file`` (if it exists) overridden by ``environ``."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> Settings:
        def text(name: str) -> str | None:
            value = values.get(name, "").strip()
            return value or None

        def number(name: str, default: float, kind: type[int] | type[float]) -> float:
            raw = text(name)
            if raw is None:
                return default
            try:
                return kind(raw)
            except ValueError:
                raise ConfigError(f"{name} must be a number, not {raw!r}.") from None

        def bounded(name: str, default: float, kind: type[int] | type[float], top: float) -> float:
            value = number(name, default, kind)
            if not 0 < value <= top:
                raise ConfigError(f"{name} must be above 0 and at most {top:,}, not {value}.")
            return value

        def flag(name: str, default: bool) -> bool:
            raw = text(name)
            if raw is None:
                return default
            if raw.lower() in TRUE_WORDS:
                return True
            if raw.lower() in FALSE_WORDS:
                return False
            raise ConfigError(f"{name} must be true or false, not {raw!r}.")

        return cls(
            database_url=text("NEWSPROV_DATABASE_URL") or DEFAULT_DATABASE_URL,
            telegram_token=text("TELEGRAM_BOT_TOKEN"),
            telegram_api_base=text("TELEGRAM_API_BASE"),
            admin_ids=parse_admin_ids(values.get("NEWSPROV_ADMIN_IDS", "")),
            webhook_url=text("NEWSPROV_WEBHOOK_URL"),
            webhook_secret=text("NEWSPROV_WEBHOOK_SECRET"),
            webhook_listen=text("NEWSPROV_WEBHOOK_LISTEN") or "0.0.0.0",
            webhook_port=int(number("NEWSPROV_WEBHOOK_PORT", 8443, int)),
            allow_private_networks=flag("NEWSPROV_ALLOW_PRIVATE_NETWORKS", False),
            fetch_timeout_s=float(number("NEWSPROV_FETCH_TIMEOUT", 15.0, float)),
            fetch_max_bytes=int(number("NEWSPROV_FETCH_MAX_BYTES", 5_000_000, int)),
            fetch_max_redirects=int(number("NEWSPROV_FETCH_MAX_REDIRECTS", 5, int)),
            fetch_concurrency=int(number("NEWSPROV_FETCH_CONCURRENCY", 4, int)),
            feed_interval_minutes=int(number("NEWSPROV_FEED_INTERVAL_MINUTES", 30, int)),
            feed_max_failures=int(number("NEWSPROV_FEED_MAX_FAILURES", 5, int)),
            user_rate_per_minute=int(number("NEWSPROV_USER_RATE_PER_MINUTE", 20, int)),
            watches_per_user=int(bounded("NEWSPROV_WATCHES_PER_USER", 10, int, 1_000)),
            concurrent_chats=int(bounded("NEWSPROV_CONCURRENT_CHATS", 16, int, 1_000)),
            max_article_chars=int(
                bounded("NEWSPROV_MAX_ARTICLE_CHARS", 100_000, int, SPACY_MAX_LENGTH)
            ),
            extract_max_tokens=int(
                bounded("NEWSPROV_EXTRACT_MAX_TOKENS", 30_000, int, SPACY_MAX_LENGTH)
            ),
            extract_max_seconds=bounded("NEWSPROV_EXTRACT_MAX_SECONDS", 60.0, float, 86_400),
            log_level=log_level(text("NEWSPROV_LOG_LEVEL") or "INFO"),
            semantic=semantic_mode(text("NEWSPROV_SEMANTIC")),
            semantic_auto_max_vectors=int(
                number("NEWSPROV_SEMANTIC_AUTO_MAX_VECTORS", SEMANTIC_AUTO_MAX_VECTORS, int)
            ),
            bot_runs_jobs=flag("NEWSPROV_BOT_RUNS_JOBS", True),
            job_concurrency=int(bounded("NEWSPROV_JOB_CONCURRENCY", 4, int, 256)),
            job_max_attempts=int(bounded("NEWSPROV_JOB_MAX_ATTEMPTS", 5, int, 100)),
            job_retry_seconds=bounded("NEWSPROV_JOB_RETRY_SECONDS", 5.0, float, 86_400),
            job_check_seconds=int(bounded("NEWSPROV_JOB_CHECK_SECONDS", 60, int, 3_600)),
            job_stalled_seconds=bounded("NEWSPROV_JOB_STALLED_SECONDS", 30.0, float, 86_400),
            job_retention_days=int(bounded("NEWSPROV_JOB_RETENTION_DAYS", 7, int, 36_500)),
            failed_job_retention_days=int(
                bounded("NEWSPROV_FAILED_JOB_RETENTION_DAYS", 30, int, 36_500)
            ),
            public_url=public_url(text("NEWSPROV_PUBLIC_URL")),
            web_forwarded_allow_ips=text("NEWSPROV_WEB_FORWARDED_ALLOW_IPS") or "127.0.0.1",
        )

    @property
    def uses_queue(self) -> bool:
        """Jobs go through procrastinate: the database is PostgreSQL."""
        return self.database_url.startswith("postgres")

    def with_database(self, url: str | None) -> Settings:
        return self if url is None else replace(self, database_url=url)

    def secrets(self) -> tuple[str, ...]:
        """The values no output, log line or error message may show."""
        values = (self.telegram_token, self.webhook_secret, url_password(self.database_url))
        return tuple(value for value in values if value)

    def __repr__(self) -> str:
        shown = []
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name in SECRET_FIELDS and value:
                value = "***"
            elif item.name == "database_url":
                value = redacted_url(value)
            shown.append(f"{item.name}={value!r}")
        return f"Settings({', '.join(shown)})"


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def semantic_mode(raw: str | None) -> SemanticMode:
    """``auto`` (or unset) -> "auto"; a true word -> "on"; a false word -> "off"."""
    word = (raw or "auto").strip().lower()
    if word == "auto":
        return "auto"
    if word in TRUE_WORDS:
        return "on"
    if word in FALSE_WORDS:
        return "off"
    raise ConfigError(f"NEWSPROV_SEMANTIC must be auto, true or false, not {raw!r}.")


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(
            f"NEWSPROV_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {raw!r}."
        )
    return level


def public_url(raw: str | None) -> str | None:
    """``https://news.example/prov/`` -> ``https://news.example/prov``; only http(s)."""
    if raw is None:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            f"NEWSPROV_PUBLIC_URL must be an http(s) address without a query, not {raw!r}."
        )
    return raw.rstrip("/")


def parse_admin_ids(raw: str) -> frozenset[int]:
    """``"123, 456"`` -> ``{123, 456}``; anything that is not a whole number is an error."""
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(
                f"NEWSPROV_ADMIN_IDS holds {part!r}, which is not a user id."
            ) from None
    return frozenset(ids)
