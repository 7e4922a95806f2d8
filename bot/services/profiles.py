"""``/who NAME``: a speaker found by any spelling of their name, and their profile across
articles (names, roles, claims newest first, the articles quoting them).

A name is found in any case, by its ASCII folding and transliteration skeleton
(``bot.folding.name_skeleton``), by a surname or a first name alone, by an alias, and a letter
or two off (rapidfuzz over the indexed name words of about that length). The speakers that
share a profile key (``bot.services.profile_index``) are one profile.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.answerer import answer_from_row, article_ref
from bot.answer.model import Answer, ArticleRef
from bot.errors import NotFoundError
from bot.extract.lexicon import honorifics
from bot.extract.speakers import speaker_key
from bot.services.profile_index import (
    PROFILE_BATCH,
    index_speakers,
    name_words,
    own_profile_key,
    role_words_apart,
)
from bot.services.resources import Resources
from store import attributions as attribution_store
from store import profiles as profile_store
from store.models import Speaker
from store.sizes import is_storable_id

PROFILE_CLAIMS = 5  # claims a page of a profile shows
PROFILE_ARTICLES = 10  # articles a profile lists
MAX_NAME = 200  # characters of a name looked up
MATCH = 80.0  # a profile's name at least this close to the name asked for is a match
NEAR = 5.0  # matches this close to the best one are offered as choices with it
WORD_MATCH = 75.0  # a misspelt word is looked up as the indexed words this close to it
FUZZY_WORDS = 10  # ... at most this many of them
CANDIDATES = 200  # speakers sharing a word with the name, scored at most
_ARTICLES = ("a ", "an ", "the ")


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeakerChoice:
    """One of several speakers a name may mean."""

    speaker_id: int
    name: str
    roles: list[str]
    claims: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.speaker_id,
            "name": self.name,
            "roles": self.roles,
            "claims": self.claims,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class SpokenIn:
    article: ArticleRef
    claims: int  # the speaker's claims in it


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """One person or organisation across the articles that quote them."""

    speaker_id: int  # the profile's speaker with the most claims: its id names the profile
    name: str
    kind: str
    aliases: list[str]  # other names it was written with ("Mr Kolev", "Stephan Kolev")
    roles: list[tuple[str, int]]  # role as written, attributions giving it; most given first
    claims: list[Answer]  # this page of them, newest article first
    total_claims: int
    offset: int
    articles: list[SpokenIn]  # newest first
    total_articles: int
    speaker_ids: list[int]

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.claims) < self.total_claims

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.speaker_id,
            "name": self.name,
            "kind": self.kind,
            "aliases": self.aliases,
            "roles": [{"role": role, "mentions": count} for role, count in self.roles],
            "total_claims": self.total_claims,
            "offset": self.offset,
            "claims": [claim.as_json() for claim in self.claims],
            "total_articles": self.total_articles,
            "articles": [{**one.article.as_json(), "claims": one.claims} for one in self.articles],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class WhoResult:
    """What ``/who NAME`` found: one profile (and any near names beside it), several to
    choose from, or nothing."""

    name: str
    profile: Profile | None = None
    choices: list[SpeakerChoice] = field(default_factory=list)  # several, none chosen

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "profile": self.profile.as_json() if self.profile else None,
            "choices": [choice.as_json() for choice in self.choices],
        }


class Profiles:
    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._sessions = resources.sessions

    async def who(self, name: str, *, limit: int = PROFILE_CLAIMS, offset: int = 0) -> WhoResult:
        name = " ".join(name.split())[:MAX_NAME]
        async with self._sessions() as session:
            groups = await find_profiles(session, name)
            if not groups:
                return WhoResult(name=name)
            if len(groups) == 1:
                members = groups[0][1]
                profile = await _profile(session, members, limit=limit, offset=offset)
                return WhoResult(name=name, profile=profile)
            return WhoResult(name=name, choices=[await _choice(session, m) for _, m in groups])

    async def profile(
        self, speaker_id: int, *, limit: int = PROFILE_CLAIMS, offset: int = 0
    ) -> Profile:
        """The profile a speaker belongs to (``/who`` paging, the web page)."""
        async with self._sessions() as session:
            speaker = await session.get(Speaker, speaker_id) if is_storable_id(speaker_id) else None
            if speaker is None:
                raise NotFoundError(f"There is no speaker {speaker_id}.")
            members = await _members(session, speaker)
            return await _profile(session, members, limit=limit, offset=offset)

    async def index_missing(self, *, batch: int = PROFILE_BATCH) -> int:
        """Work out the profiles of the speakers stored before migration 0014; how many."""
        done = after = 0
        while True:
            async with self._resources.write_lock, self._sessions.begin() as session:
                speakers = await profile_store.speakers_without_profile(
                    session, after=after, limit=batch
                )
                if not speakers:
                    return done
                await index_speakers(session, speakers)
                after = speakers[-1].id
                done += len(speakers)


async def find_profiles(session: AsyncSession, name: str) -> list[tuple[float, list[Speaker]]]:
    """The profiles a name may mean, best first, each with its speakers: one when one is
    clearly meant, several when they are as close, none below ``MATCH``."""
    key = speaker_key(name)
    asked = name_words(key)
    if not asked:
        return []
    exact = await profile_store.speakers_named(session, key=key, name=name)
    found = {s.id: s for s in exact}
    if not (exact and len(asked) > 1):  # a full name said exactly wins over any word match
        for speaker in await profile_store.speakers_with_words(
            session, asked + await _words_near(session, asked), limit=CANDIDATES
        ):
            found.setdefault(speaker.id, speaker)
    groups = await _groups(session, list(found.values()))
    exact_keys = {_profile_key(s) for s in exact}
    scored = []
    for profile_key, members in groups.items():
        best = max(_score(asked, name_words(m.key)) for m in members)
        if profile_key in exact_keys:
            best = 100.0 + (NEAR + 1 if len(asked) > 1 else 0)  # a full name, clearly meant
        if best >= MATCH:
            scored.append((best, members))
    if not scored:
        return []
    counts = await profile_store.claim_counts(session, [m.id for _, ms in scored for m in ms])
    scored.sort(key=lambda g: (-g[0], -sum(counts.get(m.id, 0) for m in g[1]), g[1][0].id))
    top = scored[0][0]
    return [group for group in scored if group[0] >= top - NEAR]


def _score(asked: Sequence[str], words: Sequence[str]) -> float:
    """How well the words of a stored name cover the words asked for: the mean over the asked
    words of their best match (an initial matches a word it begins)."""
    if not words:
        return 0.0
    total = 0.0
    for word in asked:
        if len(word) == 1:
            total += 100.0 if any(w.startswith(word) for w in words) else 0.0
        else:
            total += max(fuzz.ratio(word, w) for w in words)
    return total / len(asked)


async def _words_near(session: AsyncSession, asked: Sequence[str]) -> list[str]:
    """Indexed name words a letter or two off the asked ones that are not indexed as asked."""
    long_words = [word for word in asked if len(word) > 3]
    if not long_words:
        return []
    lengths = [len(word) for word in long_words]
    vocabulary = await profile_store.words_of_length(
        session, shortest=min(lengths) - 2, longest=max(lengths) + 2
    )
    known = set(vocabulary)
    near: list[str] = []
    for word in long_words:
        if word in known:
            continue
        matches = process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_MATCH, limit=FUZZY_WORDS
        )
        near += [match for match, _, _ in matches]
    return near


def _profile_key(speaker: Speaker) -> str:
    return speaker.profile_key or own_profile_key(speaker)


async def _groups(session: AsyncSession, speakers: Sequence[Speaker]) -> dict[str, list[Speaker]]:
    """The speakers by profile, each with every speaker of its profile."""
    groups: dict[str, dict[int, Speaker]] = defaultdict(dict)
    for speaker in speakers:
        groups[_profile_key(speaker)][speaker.id] = speaker
    indexed = [key for key in groups if any(s.profile_key for s in groups[key].values())]
    for member in await profile_store.profile_members(session, indexed):
        if member.profile_key is not None:
            groups[member.profile_key].setdefault(member.id, member)
    return {key: sorted(members.values(), key=lambda s: s.id) for key, members in groups.items()}


async def _members(session: AsyncSession, speaker: Speaker) -> list[Speaker]:
    if speaker.profile_key is None:
        return [speaker]
    members = await profile_store.profile_members(session, [speaker.profile_key])
    return members or [speaker]


async def _lead(session: AsyncSession, members: Sequence[Speaker]) -> tuple[Speaker, str]:
    """The speaker that names a profile (most claims, then the fullest name) and its name."""
    counts = await profile_store.claim_counts(session, [m.id for m in members])

    def weight(speaker: Speaker) -> tuple[int, int, int]:
        name = role_words_apart(speaker.name)[0]
        return (len(name.split()) > 1, counts.get(speaker.id, 0), len(name))

    lead = max(members, key=weight)
    name = role_words_apart(lead.name)[0] if lead.kind == "person" else lead.name
    return lead, name


async def _choice(session: AsyncSession, members: Sequence[Speaker]) -> SpeakerChoice:
    lead, name = await _lead(session, members)
    ids = [m.id for m in members]
    roles = _roles(await profile_store.roles_of(session, ids), members)
    counts = await profile_store.claim_counts(session, ids)
    return SpeakerChoice(
        speaker_id=lead.id,
        name=name,
        roles=[role for role, _ in roles[:2]],
        claims=sum(counts.values()),
    )


async def _profile(
    session: AsyncSession, members: Sequence[Speaker], *, limit: int, offset: int
) -> Profile:
    lead, name = await _lead(session, members)
    ids = [m.id for m in members]
    rows = await attribution_store.claims_of_speakers(session, ids, limit=limit, offset=offset)
    articles = await profile_store.articles_of_speakers(session, ids, limit=PROFILE_ARTICLES)
    return Profile(
        speaker_id=lead.id,
        name=name,
        kind=lead.kind,
        aliases=_aliases(name, await profile_store.aliases_of(session, ids), members),
        roles=_roles(await profile_store.roles_of(session, ids), members),
        claims=[answer_from_row(row, score=100.0) for row in rows],
        total_claims=await attribution_store.count_claims_of_speakers(session, ids),
        offset=offset,
        articles=[SpokenIn(article=article_ref(a), claims=n) for a, n in articles],
        total_articles=await profile_store.count_articles_of_speakers(session, ids),
        speaker_ids=ids,
    )


def _roles(stored: Sequence[tuple[str, int]], members: Sequence[Speaker]) -> list[tuple[str, int]]:
    """The roles as written, one a role whatever its case or article ("a city councillor",
    "city councillor"), honorifics ("Mr") left out, with the role words of a name
    ("councillor Stefan Kolev")."""
    written = list(stored)
    written += [(role, 1) for m in members if (role := role_words_apart(m.name)[1])]
    merged: dict[str, list[Any]] = {}
    for role, count in written:
        bare = " ".join(role.split())
        if bare.casefold().startswith(_ARTICLES):
            bare = bare.split(" ", 1)[1]
        folded = bare.casefold().rstrip(".")
        if not folded or all(word in honorifics() for word in folded.split()):
            continue
        if folded in merged:
            merged[folded][1] += count
        else:
            merged[folded] = [bare, count]
    roles = [(role, int(count)) for role, count in merged.values()]
    return sorted(roles, key=lambda rc: (-rc[1], rc[0].casefold()))


def _aliases(name: str, stored: Sequence[str], members: Sequence[Speaker]) -> list[str]:
    """The other names a profile was written with: an apposition after a comma is a role
    ("Mariia Petrova, the union's leader"), a name with role words is the name ("councillor
    Stefan Kolev"), and a form sharing no word with the name ("He", "the councillor") is none."""
    own = set(name_words(speaker_key(name)))
    seen = {name.casefold()}
    aliases = []
    for written in [*(m.name for m in members), *stored]:
        alias = " ".join(written.split(",", 1)[0].split())
        folded = alias.casefold()
        if folded in seen or name.casefold() in folded:
            continue
        seen.add(folded)
        if own & set(name_words(speaker_key(alias))):
            aliases.append(alias)
    return aliases
