"""Which stored speakers are one person: the profile key they share, and the name words that
find them (``store.profiles``).

A speaker's own profile key is their name without the role words written before it in lower
case ("councillor Stefan Kolev" is "Stefan Kolev"), its words spelt by
``bot.folding.name_skeleton``: "Stephan Kolev", "Stefan Kolev" and "Стефан Колев" share one.
A person stored under a surname alone ("Mr Kolev" is the key "kolev") joins the profile of
the one person with more names who has that surname, while there is exactly one; with none
or several it keeps a profile of its own. Everything here is idempotent: a speaker indexed
again gets the same key and words.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.extract.speakers import speaker_key
from bot.folding import name_skeleton
from store import profiles as profile_store
from store.models import Speaker

PROFILE_BATCH = 500  # speakers indexed at a time by ``index_missing``


def name_words(key: str) -> list[str]:
    """``"stefan kolev"`` -> ``["stefan", "kolev"]``, each word's skeleton."""
    return [skeleton for word in key.split() if (skeleton := name_skeleton(word))]


def role_words_apart(name: str) -> tuple[str, str | None]:
    """``"councillor Stefan Kolev"`` -> ``("Stefan Kolev", "councillor")``: the lower-case
    words written before a capitalised name are a role, not part of it."""
    words = name.split()
    first_capital = next((i for i, word in enumerate(words) if word[:1].isupper()), None)
    if not first_capital:  # no capitalised word, or the name starts with one
        return name, None
    return " ".join(words[first_capital:]), " ".join(words[:first_capital])


def own_profile_key(speaker: Speaker) -> str:
    name = role_words_apart(speaker.name)[0] if speaker.kind == "person" else speaker.name
    return " ".join(name_words(speaker_key(name)) or name_words(speaker.key)) or speaker.key


async def index_speakers(session: AsyncSession, speakers: Iterable[Speaker]) -> None:
    """Work out the profile key and name words of each speaker (in key order: the order every
    writer updates speaker rows in)."""
    unique = {speaker.id: speaker for speaker in speakers}
    for speaker in sorted(unique.values(), key=lambda s: s.key):
        await _index(session, speaker)


async def _index(session: AsyncSession, speaker: Speaker) -> None:
    own = own_profile_key(speaker)
    surname_only = speaker.kind == "person" and " " not in own
    profile = await _surname_profile(session, own) if surname_only else None
    profile = profile or own
    if speaker.profile_key == profile:
        return  # indexed before, with the same name
    await profile_store.set_speaker_words(
        session, speaker, profile_key=profile, words=name_words(speaker.key)
    )
    if speaker.kind == "person" and not surname_only:
        await relink_surname(session, own.rsplit(" ", 1)[-1])


async def _surname_profile(session: AsyncSession, surname: str) -> str | None:
    """The profile of the one person with more names who has ``surname``, if just one."""
    holders = await profile_store.people_with_surname(session, surname, alone=False)
    keys = {holder.profile_key or own_profile_key(holder) for holder in holders}
    return keys.pop() if len(keys) == 1 else None


async def relink_surname(session: AsyncSession, surname: str) -> None:
    """The people stored under ``surname`` alone join the one profile with that surname, or
    keep their own when there are none or several."""
    singles = await profile_store.people_with_surname(session, surname, alone=True)
    if not singles:
        return
    target = await _surname_profile(session, surname)
    for single in singles:
        await profile_store.set_profile_key(session, [single.id], target or own_profile_key(single))
