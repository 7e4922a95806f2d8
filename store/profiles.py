"""Speaker profiles: the speakers that are one person or organisation share a profile key,
and each speaker's name words are indexed so that a surname alone finds them. The keys and
words are worked out by ``bot.services.profiles``; these functions only read and write them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.attributions import ArticleHeading
from store.models import Article, Attribution, Speaker, SpeakerAlias, SpeakerRole, SpeakerWord

WORD_LENGTH = 100


async def set_speaker_words(
    session: AsyncSession, speaker: Speaker, *, profile_key: str, words: Sequence[str]
) -> None:
    """The speaker's profile key and name words become these (the last word is marked);
    idempotent. A speaker without a profile key has no words (both are written together)."""
    indexed = speaker.profile_key is not None
    speaker.profile_key = profile_key
    wanted = {word[:WORD_LENGTH]: False for word in words if word}
    if words and words[-1]:
        wanted[words[-1][:WORD_LENGTH]] = True
    if indexed:
        query = select(SpeakerWord.word, SpeakerWord.last).where(
            SpeakerWord.speaker_id == speaker.id
        )
        if dict((await session.execute(query)).all()) == wanted:
            await session.flush()
            return
        await session.execute(delete(SpeakerWord).where(SpeakerWord.speaker_id == speaker.id))
    session.add_all(
        SpeakerWord(speaker_id=speaker.id, word=word, last=last) for word, last in wanted.items()
    )
    await session.flush()


async def set_profile_key(session: AsyncSession, speaker_ids: Sequence[int], key: str) -> None:
    if speaker_ids:
        await session.execute(
            update(Speaker)
            .where(Speaker.id.in_(list(speaker_ids)), Speaker.profile_key.is_distinct_from(key))
            .values(profile_key=key)
        )


async def speakers_without_profile(
    session: AsyncSession, *, after: int, limit: int
) -> list[Speaker]:
    """Speakers stored before profiles were worked out, by id."""
    query = (
        select(Speaker)
        .where(Speaker.profile_key.is_(None), Speaker.id > after)
        .order_by(Speaker.id)
        .limit(limit)
    )
    return list(await session.scalars(query))


async def people_with_surname(session: AsyncSession, surname: str, *, alone: bool) -> list[Speaker]:
    """The people whose indexed key ends in ``surname``: with ``alone``, those stored under the
    surname alone ("Mr Kolev" is the key "kolev"); otherwise those with more names."""
    key_shape = Speaker.key.not_like("% %") if alone else Speaker.key.contains(" ")
    query = (
        select(Speaker)
        .join(SpeakerWord, SpeakerWord.speaker_id == Speaker.id)
        .where(
            SpeakerWord.word == surname,
            SpeakerWord.last.is_(True),
            Speaker.kind == "person",
            key_shape,
        )
        .order_by(Speaker.key, Speaker.id)  # the order every writer updates speaker rows in
    )
    return list(await session.scalars(query))


async def speakers_with_words(
    session: AsyncSession, words: Sequence[str], *, limit: int
) -> list[Speaker]:
    """Speakers with any of the name words (most recently stored first)."""
    if not words:
        return []
    ids = select(SpeakerWord.speaker_id).where(SpeakerWord.word.in_(list(words)))
    query = select(Speaker).where(Speaker.id.in_(ids)).order_by(Speaker.id.desc()).limit(limit)
    return list(await session.scalars(query))


async def speakers_named(session: AsyncSession, *, key: str, name: str) -> list[Speaker]:
    """Speakers whose key is ``key`` or one of whose aliases is ``name`` (any case)."""
    by_alias = select(SpeakerAlias.speaker_id).where(func.lower(SpeakerAlias.alias) == name.lower())
    query = select(Speaker).where((Speaker.key == key) | Speaker.id.in_(by_alias))
    return list(await session.scalars(query))


async def words_of_length(session: AsyncSession, *, shortest: int, longest: int) -> list[str]:
    """Every indexed name word of that many characters: what a misspelt word is matched to."""
    length = func.length(SpeakerWord.word)
    query = select(SpeakerWord.word).where(length >= shortest, length <= longest).distinct()
    return list(await session.scalars(query))


async def profile_members(session: AsyncSession, profile_keys: Sequence[str]) -> list[Speaker]:
    if not profile_keys:
        return []
    query = select(Speaker).where(Speaker.profile_key.in_(list(profile_keys))).order_by(Speaker.id)
    return list(await session.scalars(query))


async def claim_counts(session: AsyncSession, speaker_ids: Sequence[int]) -> dict[int, int]:
    """How many attributions each speaker has."""
    if not speaker_ids:
        return {}
    query = (
        select(Attribution.speaker_id, func.count(Attribution.id))
        .where(Attribution.speaker_id.in_(list(speaker_ids)))
        .group_by(Attribution.speaker_id)
    )
    rows = (await session.execute(query)).all()
    return {int(speaker): int(count) for speaker, count in rows if speaker is not None}


async def aliases_of(session: AsyncSession, speaker_ids: Sequence[int]) -> list[str]:
    query = (
        select(SpeakerAlias.alias)
        .where(SpeakerAlias.speaker_id.in_(list(speaker_ids)))
        .distinct()
        .order_by(SpeakerAlias.alias)
    )
    return list(await session.scalars(query))


async def roles_of(session: AsyncSession, speaker_ids: Sequence[int]) -> list[tuple[str, int]]:
    """Each role as written with the attributions giving it, most given first."""
    query = (
        select(SpeakerRole.role, func.sum(SpeakerRole.mentions))
        .where(SpeakerRole.speaker_id.in_(list(speaker_ids)))
        .group_by(SpeakerRole.role)
        .order_by(func.sum(SpeakerRole.mentions).desc(), SpeakerRole.role)
    )
    return [(role, int(count)) for role, count in (await session.execute(query)).all()]


async def articles_of_speakers(
    session: AsyncSession, speaker_ids: Sequence[int], *, limit: int
) -> list[tuple[ArticleHeading, int]]:
    """The articles quoting the speakers, newest first (by date, else when stored), each with
    how many of their claims it holds."""
    if not speaker_ids:
        return []
    counts = (
        select(Attribution.article_id, func.count(Attribution.id).label("claims"))
        .where(Attribution.speaker_id.in_(list(speaker_ids)))
        .group_by(Attribution.article_id)
        .subquery()
    )
    newest = func.coalesce(Article.published, Article.ingested_at)
    query = (
        select(
            Article.id,
            Article.title,
            Article.url,
            Article.outlet,
            Article.published,
            counts.c.claims,
        )
        .join(counts, counts.c.article_id == Article.id)
        .order_by(newest.desc(), Article.id.desc())
        .limit(limit)
    )
    return [(ArticleHeading(*row[:5]), int(row[5])) for row in (await session.execute(query)).all()]


async def count_articles_of_speakers(session: AsyncSession, speaker_ids: Sequence[int]) -> int:
    if not speaker_ids:
        return 0
    query = select(func.count(func.distinct(Attribution.article_id))).where(
        Attribution.speaker_id.in_(list(speaker_ids))
    )
    return int(await session.scalar(query) or 0)
