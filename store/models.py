"""The SQL schema as SQLAlchemy 2 models. Alembic migrations in ``alembic/`` create it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}  # noqa: RUF012


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    outlet: Mapped[str | None] = mapped_column(String(300))
    author: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[datetime | None]
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str] = mapped_column(String(16))  # file, url, feed, telegram, text
    origin_detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The extractor version that last read the article (0: before versions were recorded).
    extractor_version: Mapped[int] = mapped_column(Integer, server_default="0")

    attributions: Mapped[list[Attribution]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Speaker(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)  # bot.extract.speakers.speaker_key
    name: Mapped[str] = mapped_column(String(300))  # the fullest form seen
    kind: Mapped[str] = mapped_column(String(16), default="unknown")
    # Shared by the speakers that are one person or organisation (``bot.services.profiles``);
    # None: not worked out yet (stored before migration 0014).
    profile_key: Mapped[str | None] = mapped_column(String(300), index=True)

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True
    )
    roles: Mapped[list[SpeakerRole]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan", passive_deletes=True
    )


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300), index=True)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")


class SpeakerWord(Base):
    """A word of a speaker's key as ``bot.folding.name_skeleton`` spells it: how /who finds a
    speaker by a surname or a first name alone."""

    __tablename__ = "speaker_words"

    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True
    )
    word: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    last: Mapped[bool] = mapped_column(Boolean)  # the key's last word: a person's surname


class SpeakerRole(Base):
    """A role a speaker was written with ("Houthi spokesman"), across articles."""

    __tablename__ = "speaker_roles"
    __table_args__ = (UniqueConstraint("speaker_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(300))
    first_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL")
    )
    mentions: Mapped[int] = mapped_column(Integer, default=1)

    speaker: Mapped[Speaker] = relationship(back_populates="roles")


class ArticleEntity(Base):
    """One entry of an article's entity table: a name that spoke in it, the descriptions the
    article uses for it ("the airline", "the health minister") and its spellings there."""

    __tablename__ = "article_entities"
    __table_args__ = (UniqueConstraint("article_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), index=True
    )
    descriptions: Mapped[list[str]] = mapped_column(JSON)  # lower case: "airline", ...
    spellings: Mapped[list[str]] = mapped_column(JSON)  # as written: "Yahya Sarea", "Saree"


class Attribution(Base):
    __tablename__ = "attributions"
    __table_args__ = (UniqueConstraint("article_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # position among the article's attributions
    sentence_index: Mapped[int] = mapped_column(Integer)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    source_text: Mapped[str | None] = mapped_column(Text)
    source_start: Mapped[int | None]
    source_end: Mapped[int | None]
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), index=True
    )
    speaker_name: Mapped[str | None] = mapped_column(String(300))  # as resolved in the article
    speaker_role: Mapped[str | None] = mapped_column(Text)
    speaker_kind: Mapped[str] = mapped_column(String(16), default="unknown")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    cue: Mapped[str | None] = mapped_column(String(300))
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    stance: Mapped[str] = mapped_column(String(16), index=True)
    # affirmed, negated ("did not say"), refused ("declined to confirm"), modal ("may announce")
    polarity: Mapped[str] = mapped_column(String(16), server_default="affirmed")
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int | None]
    content_end: Mapped[int | None]
    is_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    via: Mapped[str | None] = mapped_column(String(300))
    # What full-text search indexes: speaker, role, cue, content, sentence and article title.
    search_text: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[int] = mapped_column(Integer, server_default="0")

    article: Mapped[Article] = relationship(back_populates="attributions")
    speaker: Mapped[Speaker | None] = relationship()


Index("ix_attributions_article_id", Attribution.article_id)


class Feed(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    interval_minutes: Mapped[int] = mapped_column(Integer, default=30)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None]
    next_poll_at: Mapped[datetime | None] = mapped_column(index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Entries repeated by content, or whose article was already stored another way.
    duplicate_entries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    entries: Mapped[list[FeedEntry]] = relationship(
        back_populates="feed", cascade="all, delete-orphan", passive_deletes=True
    )


class FeedEntry(Base):
    __tablename__ = "feed_entries"
    __table_args__ = (UniqueConstraint("feed_id", "guid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    guid: Mapped[str] = mapped_column(String(2048))
    link: Mapped[str | None] = mapped_column(String(2048), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    error: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    content_hash: Mapped[str | None] = mapped_column(String(64))  # of the entry's own text
    # Later polls that will try again an entry whose page failed for a reason that may pass.
    retries_left: Mapped[int] = mapped_column(Integer, server_default="0")

    feed: Mapped[Feed] = relationship(back_populates="entries")


Index("ix_feed_entries_feed_id_content_hash", FeedEntry.feed_id, FeedEntry.content_hash)


class JobError(Base):
    """The last error of a queued job (procrastinate keeps only its status), by job id."""

    __tablename__ = "job_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    task: Mapped[str] = mapped_column(String(128))
    attempts: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PendingJob(Base):
    """A job the bot's own process runs (SQLite, no queue), kept from before the person is told
    "reading it…" until it ends, so that a bot stopped mid-job runs it again when it starts."""

    __tablename__ = "pending_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(64))  # ingest_link, ingest_draft
    args: Mapped[dict[str, Any]] = mapped_column()  # the job's JSON arguments, chat included
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # attempts started
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AttributionVector(Base):
    """An attribution's sentence embedding (``bot.embedding``): int8 components for the
    cosine, sign bits for nearest-neighbour search. ``id`` only grows (AUTOINCREMENT on
    SQLite), so an index kept in memory reads what is new by ``id > last``."""

    __tablename__ = "attribution_vectors"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(primary_key=True)
    attribution_id: Mapped[int] = mapped_column(
        ForeignKey("attributions.id", ondelete="CASCADE"), unique=True
    )
    model: Mapped[str] = mapped_column(String(64))
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    bits: Mapped[bytes] = mapped_column(LargeBinary)


class SentencePrint(Base):
    """A sentence's MinHash signature (``bot.extract.fingerprints``), by article and ordinal."""

    __tablename__ = "sentence_prints"
    __table_args__ = (UniqueConstraint("article_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)  # character offsets in the article's text
    stop: Mapped[int] = mapped_column(Integer)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class PrintBand(Base):
    """One LSH band key of a sentence: the index that finds sentences sharing text."""

    __tablename__ = "print_bands"

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)


class ReuseLink(Base):
    """``copy`` repeats text of ``source``, the earlier article by published date (ingest
    order breaking ties); looked up from either side."""

    __tablename__ = "reuse_links"
    __table_args__ = (UniqueConstraint("copy_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    copy_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    share: Mapped[float] = mapped_column(Float)  # of the copy's text, found in the source
    source_share: Mapped[float] = mapped_column(Float)  # of the source's text, repeated
    shared_sentences: Mapped[int] = mapped_column(Integer)
    names_source: Mapped[bool] = mapped_column(Boolean, default=False)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)


class Watch(Base):
    """A topic a Telegram user asked to hear about (/watch): the claims stored later that
    would answer it are sent to ``chat_id``."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("user_id", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    topic: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WatchNotice(Base):
    """One claim found for one watch: recorded once (the unique pair), sent once."""

    __tablename__ = "watch_notices"
    __table_args__ = (UniqueConstraint("watch_id", "attribution_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"))
    attribution_id: Mapped[int] = mapped_column(
        ForeignKey("attributions.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(Float)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]  # None: still to be sent
    error: Mapped[str | None] = mapped_column(Text)  # why it could not be sent, when it failed


Index("ix_watch_notices_sent_at_id", WatchNotice.sent_at, WatchNotice.id)
