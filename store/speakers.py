"""Speakers: one row per normalised name, merged across articles, with their aliases and roles
(together, a speaker's profile)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Speaker, SpeakerAlias, SpeakerRole

ROLE_LENGTH = 300

_KIND_RANK = {"unknown": 0, "anonymous": 1, "organisation": 2, "person": 2}


async def get_or_create_speaker(
    session: AsyncSession, *, key: str, name: str, kind: str, alias: str | None = None
) -> Speaker:
    """The speaker stored under ``key``, created if new; keeps the fullest name and new aliases."""
    speaker = (await session.scalars(select(Speaker).where(Speaker.key == key))).first()
    if speaker is None:
        try:
            async with session.begin_nested():
                speaker = Speaker(key=key, name=name, kind=kind)
                session.add(speaker)
                await session.flush()
        except IntegrityError:  # another writer created it first
            speaker = (await session.scalars(select(Speaker).where(Speaker.key == key))).one()
    if len(name) > len(speaker.name):
        speaker.name = name
    if _KIND_RANK.get(kind, 0) > _KIND_RANK.get(speaker.kind, 0):
        speaker.kind = kind
    for spelling in {name, alias} - {None, ""}:
        assert spelling is not None
        await _add_alias(session, speaker, spelling)
    return speaker


async def _add_alias(session: AsyncSession, speaker: Speaker, alias: str) -> None:
    exists = await session.scalar(
        select(SpeakerAlias.id).where(
            SpeakerAlias.speaker_id == speaker.id, SpeakerAlias.alias == alias
        )
    )
    if exists is None:
        session.add(SpeakerAlias(speaker_id=speaker.id, alias=alias))
        await session.flush()


async def add_speaker_role(
    session: AsyncSession, speaker: Speaker, *, role: str, article_id: int | None
) -> None:
    """Count one more attribution giving the speaker this role (as written)."""
    role = " ".join(role.split())[:ROLE_LENGTH]
    if not role:
        return
    row = (
        await session.scalars(
            select(SpeakerRole).where(
                SpeakerRole.speaker_id == speaker.id, SpeakerRole.role == role
            )
        )
    ).first()
    if row is None:
        try:
            async with session.begin_nested():
                session.add(
                    SpeakerRole(
                        speaker_id=speaker.id, role=role, first_article_id=article_id, mentions=1
                    )
                )
                await session.flush()
        except IntegrityError:  # another writer added it first
            pass
        return
    row.mentions += 1


@dataclass(frozen=True, slots=True)
class SpeakerSeen:
    """One claim's speaker, as ``get_or_create_speakers`` takes it."""

    key: str
    name: str
    kind: str
    alias: str | None = None


async def get_or_create_speakers(
    session: AsyncSession, seen: Sequence[SpeakerSeen]
) -> dict[str, Speaker]:
    """``get_or_create_speaker`` for all of an article's speakers at once, by key: one query
    for the stored speakers, one for their aliases, and a row only for what is new. New
    speakers are created in key order, as every writer does (see ``bot.services.storing``)."""
    keys = sorted({one.key for one in seen})
    if not keys:
        return {}
    speakers = {
        speaker.key: speaker
        for speaker in await session.scalars(select(Speaker).where(Speaker.key.in_(keys)))
    }
    first: dict[str, SpeakerSeen] = {}
    for one in seen:
        first.setdefault(one.key, one)
    for key in keys:
        if key not in speakers:
            speakers[key] = await get_or_create_speaker(
                session, key=key, name=first[key].name, kind=first[key].kind
            )
    for one in seen:
        speaker = speakers[one.key]
        if len(one.name) > len(speaker.name):
            speaker.name = one.name
        if _KIND_RANK.get(one.kind, 0) > _KIND_RANK.get(speaker.kind, 0):
            speaker.kind = one.kind
    wanted = sorted(
        {
            (speakers[one.key].id, spelling)
            for one in seen
            for spelling in (one.name, one.alias)
            if spelling
        }
    )
    if wanted:
        rows = await session.execute(
            select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(
                tuple_(SpeakerAlias.speaker_id, SpeakerAlias.alias).in_(wanted)
            )
        )
        stored = {(speaker_id, alias) for speaker_id, alias in rows}
        session.add_all(
            SpeakerAlias(speaker_id=speaker_id, alias=alias)
            for speaker_id, alias in wanted
            if (speaker_id, alias) not in stored
        )
        await session.flush()
    return speakers


async def add_speaker_roles(
    session: AsyncSession, roles: Sequence[tuple[Speaker, str]], *, article_id: int | None
) -> None:
    """``add_speaker_role`` for each (speaker, role) of an article: one query for the stored
    ones; new ones are added in (speaker key, role) order."""
    counted = Counter(
        (speaker, cut) for speaker, role in roles if (cut := " ".join(role.split())[:ROLE_LENGTH])
    )
    if not counted:
        return
    pairs = sorted({(speaker.id, role) for speaker, role in counted})
    stored = {
        (row.speaker_id, row.role): row
        for row in await session.scalars(
            select(SpeakerRole).where(tuple_(SpeakerRole.speaker_id, SpeakerRole.role).in_(pairs))
        )
    }
    for (speaker, role), times in sorted(counted.items(), key=lambda i: (i[0][0].key, i[0][1])):
        row = stored.get((speaker.id, role))
        if row is not None:
            row.mentions += times
            continue
        try:
            async with session.begin_nested():
                session.add(
                    SpeakerRole(
                        speaker_id=speaker.id, role=role, first_article_id=article_id,
                        mentions=times,
                    )
                )  # fmt: skip
                await session.flush()
        except IntegrityError:  # another writer added it first
            for _ in range(times):
                await add_speaker_role(session, speaker, role=role, article_id=article_id)


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    name: str
    kind: str
    aliases: list[str]
    roles: list[tuple[str, int]]  # role as written, attributions giving it; most given first


async def speaker_profile(session: AsyncSession, speaker_id: int) -> SpeakerProfile | None:
    speaker = await session.get(Speaker, speaker_id)
    if speaker is None:
        return None
    aliases = await session.scalars(
        select(SpeakerAlias.alias)
        .where(SpeakerAlias.speaker_id == speaker_id)
        .order_by(SpeakerAlias.alias)
    )
    roles = await session.execute(
        select(SpeakerRole.role, SpeakerRole.mentions)
        .where(SpeakerRole.speaker_id == speaker_id)
        .order_by(SpeakerRole.mentions.desc(), SpeakerRole.role)
    )
    return SpeakerProfile(
        name=speaker.name,
        kind=speaker.kind,
        aliases=list(aliases),
        roles=[(role, mentions) for role, mentions in roles],
    )


async def find_speakers(session: AsyncSession, *, key: str, name: str) -> list[Speaker]:
    """Speakers whose key or one of whose aliases matches the name (case-insensitive)."""
    by_alias = select(SpeakerAlias.speaker_id).where(func.lower(SpeakerAlias.alias) == name.lower())
    query = select(Speaker).where((Speaker.key == key) | Speaker.id.in_(by_alias))
    return list((await session.scalars(query)).all())


async def count_speakers(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Speaker.id))) or 0)
