"""Watches: a user follows a topic (/watch), and each claim stored later that would answer it
is recorded once as a notice for a front end to send.

Matching reads the new claims as answering does: the topic is parsed as a question and the
claims are scored with the same ranker and threshold (``answerer.rank_rows``).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, partial

from bot.answer.answerer import ARTICLE_CONTEXT, answer_from_row, rank_rows, read_rows
from bot.answer.credits import ClaimTexts
from bot.answer.model import Answer
from bot.answer.question import ParsedQuestion, parse_question
from bot.answer.rank import ANSWER_THRESHOLD
from bot.answer.reading import Text
from bot.errors import NotFoundError, WatchError
from bot.folding import to_ascii
from bot.services.resources import Resources
from store import watches as watch_store
from store.attributions import StoredClaim, claims_by_ids
from store.models import Watch
from store.sizes import fitting_or_none

log = logging.getLogger(__name__)
MAX_TOPIC_CHARS = 200
CLAIMS_PER_NOTICE = 3  # of one article, for one watch: the best ones


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchInfo:
    number: int  # its place in the user's list, as /watches shows it and /unwatch takes it
    topic: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """Claims of one article found for one watch, to be sent as one message."""

    notice_ids: list[int]
    chat_id: int
    topic: str
    claims: list[Answer]  # best first


@lru_cache(maxsize=4096)
def parsed_topic(topic: str) -> ParsedQuestion:
    return parse_question(topic)


@lru_cache(maxsize=4096)
def _spellings(topic: str) -> re.Pattern[str] | None:
    """Any spelling of any term of the topic at the start of a word ("leak" finds "leaked")."""
    alternatives = {alt for term in parsed_topic(topic).terms for alt in term.alternatives}
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(alt) for alt in ordered) + ")")


def matches(watches: Sequence[Watch], rows: Sequence[StoredClaim]) -> list[tuple[int, int, float]]:
    """(watch id, attribution id, score) for each claim that would answer a watch's topic."""
    # A cheap first look before scoring: some spelling of the topic is in the claims' text.
    texts = to_ascii(
        " ".join(
            f"{row.speaker_name or ''} {row.speaker_role or ''} {row.content} {row.sentence} "
            f"{row.article.title}"
            for row in rows
        )
    ).casefold()
    by_topic: dict[str, list[int]] = {}
    for watch in watches:
        by_topic.setdefault(watch.topic, []).append(watch.id)
    found = []
    read: list[ClaimTexts] | None = None
    for topic, watch_ids in by_topic.items():
        spellings = _spellings(topic)
        if spellings is None or spellings.search(texts) is None:
            continue
        read = read if read is not None else read_once(rows)
        for score, row in rank_rows(parsed_topic(topic), rows, read=read):
            if score < ANSWER_THRESHOLD:
                break
            found += [(watch_id, row.id, score) for watch_id in watch_ids]
    return found


def read_once(rows: Sequence[StoredClaim]) -> list[ClaimTexts]:
    """The claims read for ranking once for all the topics, not once a topic: each of their
    texts (own words, speaker, sentence, and their article's title and opening, one each an
    article) keeps which terms it holds (``Text.found``), for the topics that share a term.
    Kept for this article's matching only."""
    read = read_rows(rows)
    titles: dict[int, Text] = {}
    openings: dict[int, Text] = {}
    for row, texts in zip(rows, read, strict=True):
        for text in (texts.own, texts.speaker, texts.sentence):
            text.found = {}
        texts.read_title = partial(_kept, titles, row.article_id, row.article.title)
        texts.read_article = partial(_kept, openings, row.article_id, row.article.opening)
    return read


def _kept(kept: dict[int, Text], article_id: int, text: str) -> Text:
    if article_id not in kept:
        kept[article_id] = Text.of(text)
        kept[article_id].found = {}
    return kept[article_id]


class Watches:
    """Watches and their notices, over the services' sessions and their one writer lock."""

    def __init__(self, resources: Resources) -> None:
        self.sessions = resources.sessions
        self.write_lock = resources.write_lock
        self.per_user = resources.settings.watches_per_user
        self._matching: set[asyncio.Task[None]] = set()

    def match_later(self, article_id: int, attribution_ids: Sequence[int]) -> None:
        """Match an article just stored in the background: the reply to whoever sent it does
        not wait for the scoring against every watched topic."""
        task = asyncio.create_task(self._match_logged(article_id, attribution_ids))
        self._matching.add(task)
        task.add_done_callback(self._matching.discard)

    async def _match_logged(self, article_id: int, attribution_ids: Sequence[int]) -> None:
        try:
            await self.match(attribution_ids)
        except Exception:  # a failure here loses no article, and no other ingest
            log.exception("Matching watches against article %s failed", article_id)

    async def matched(self) -> None:
        """Wait until the articles stored so far have been matched against the watches."""
        while self._matching:
            await asyncio.gather(*self._matching)

    async def add(self, *, user_id: int, chat_id: int, topic: str) -> WatchInfo:
        fitted = fitting_or_none(" ".join(topic.split()), Watch.topic)
        if fitted is not None and not fitted.strip():
            raise WatchError("Which topic? e.g. /watch the Kessel market")
        if fitted is None or len(fitted) > MAX_TOPIC_CHARS:
            raise WatchError(f"Please give a topic of at most {MAX_TOPIC_CHARS} characters.")
        topic = fitted
        if not parsed_topic(topic).terms:
            raise WatchError("That topic has no words I could look for; name who or what.")
        async with self.write_lock, self.sessions.begin() as session:
            mine = list(await watch_store.watches_of_user(session, user_id))
            for number, watch in enumerate(mine, start=1):
                if watch.topic.casefold() == topic.casefold():
                    return WatchInfo(number=number, topic=watch.topic)
            if len(mine) >= self.per_user:
                raise WatchError(
                    f"You have {len(mine)} watches, the most one person may have; "
                    "remove one with /unwatch N first."
                )
            await watch_store.add_watch(session, user_id=user_id, chat_id=chat_id, topic=topic)
            return WatchInfo(number=len(mine) + 1, topic=topic)

    async def of_user(self, user_id: int) -> list[WatchInfo]:
        async with self.sessions() as session:
            mine = await watch_store.watches_of_user(session, user_id)
            return [WatchInfo(number=n, topic=w.topic) for n, w in enumerate(mine, start=1)]

    async def remove(self, *, user_id: int, number: int) -> WatchInfo:
        async with self.write_lock, self.sessions.begin() as session:
            mine = list(await watch_store.watches_of_user(session, user_id))
            if not 1 <= number <= len(mine):
                raise NotFoundError(f"You have no watch {number}; /watches lists yours.")
            watch = mine[number - 1]
            await watch_store.remove_watch(session, watch.id)
            return WatchInfo(number=number, topic=watch.topic)

    async def match(self, attribution_ids: Sequence[int]) -> int:
        """Record a notice for each watch a new claim would answer; how many were new. The
        scoring runs in a worker thread, and only the writing takes the write lock."""
        if not attribution_ids:
            return 0
        async with self.sessions() as session:
            watches = await watch_store.all_watches(session)
            if not watches:
                return 0
            rows = await claims_by_ids(session, attribution_ids, opening=ARTICLE_CONTEXT)
        found = await asyncio.to_thread(matches, watches, rows)
        if not found:
            return 0
        async with self.write_lock, self.sessions.begin() as session:
            return await watch_store.add_notices(session, found)

    async def pending(self, *, limit: int = 20) -> list[Notice]:
        """Notices to send, grouped into one message per watch and article."""
        async with self.sessions() as session:
            rows = await watch_store.pending_notices(session, limit=limit * CLAIMS_PER_NOTICE)
            groups: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
            watches: dict[int, Watch] = {}
            for notice, watch, article_id in rows:
                watches[watch.id] = watch
                groups.setdefault((watch.id, article_id), []).append(
                    (notice.id, notice.attribution_id, notice.score)
                )
            picked = list(groups.items())[:limit]
            ids = [attribution for _, group in picked for _, attribution, _ in group]
            claims = {row.id: row for row in await claims_by_ids(session, ids)}
        notices = []
        for (watch_id, _), group in picked:
            best = sorted(group, key=lambda item: -item[2])[:CLAIMS_PER_NOTICE]
            notices.append(
                Notice(
                    notice_ids=[notice_id for notice_id, _, _ in group],
                    chat_id=watches[watch_id].chat_id,
                    topic=watches[watch_id].topic,
                    claims=[
                        answer_from_row(claims[a], score=score)
                        for _, a, score in best
                        if a in claims
                    ],
                )
            )
        return notices

    async def mark_sent(self, notice_ids: Sequence[int], *, error: str | None = None) -> None:
        """Taken as sent (before sending: a notice is never sent twice), or failed for good."""
        async with self.write_lock, self.sessions.begin() as session:
            await watch_store.mark_sent(session, notice_ids, at=datetime.now(UTC), error=error)

    async def release(self, notice_ids: Sequence[int], *, error: str) -> None:
        """Back to be sent on the next round: sending failed for a while (flood wait, network)."""
        async with self.write_lock, self.sessions.begin() as session:
            await watch_store.mark_sent(session, notice_ids, at=None, error=error)
