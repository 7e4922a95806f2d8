"""Turning a draft and its extracted attributions into rows: one article, its claims, speakers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from bot.embedding import VECTOR_MODEL, claim_text, embed_texts
from bot.extract.entities import EntityTable
from bot.extract.model import ExtractedAttribution, SpeakerKind
from bot.extract.speakers import speaker_key
from bot.extract.version import EXTRACTOR_VERSION
from bot.services.profile_index import index_speakers
from bot.sources.draft import ArticleDraft
from store.articles import new_article
from store.entities import NewEntity, replace_article_entities
from store.models import Article, Attribution, Speaker, SpeakerAlias, SpeakerRole
from store.sizes import clipped
from store.speakers import SpeakerSeen, add_speaker_roles, get_or_create_speakers
from store.vectors import NewVector, add_vectors

if TYPE_CHECKING:
    from bot.embedding import SentenceEncoder

ClaimVector = tuple[bytes, bytes]  # an attribution's embedding: int8 components, sign bits

_NAMED_KINDS = {SpeakerKind.PERSON, SpeakerKind.ORGANISATION}


def search_text(draft_title: str, found: ExtractedAttribution) -> str:
    """What full-text search sees of a claim: who, their role, the claim, its sentence, title."""
    parts = [
        found.speaker,
        found.source.text if found.source else None,
        found.speaker_role,
        found.via,
        found.content_text,
        found.sentence.text,
        draft_title,
    ]
    return "\n".join(part for part in parts if part)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def claims_outside_headline(
    title: str, found: Sequence[ExtractedAttribution]
) -> list[ExtractedAttribution]:
    """Drop claims made only in the headline: the body states them with their evidence
    (who, role, quoted words), and a headline repeated as a claim would crowd those out."""
    headline = _folded(title)
    return [item for item in found if _folded(item.sentence.text) != headline]


def embed_claims(
    encoder: SentenceEncoder, found: Sequence[ExtractedAttribution]
) -> list[ClaimVector]:
    """The embeddings of the claims (their sentences: ``claim_text``), in order."""
    return embed_texts(
        encoder, [claim_text(item.sentence.text, item.content_text) for item in found]
    )


async def store_article(
    session: AsyncSession,
    draft: ArticleDraft,
    found: Sequence[ExtractedAttribution],
    *,
    feed_id: int | None = None,
    embeddings: Sequence[ClaimVector] | None = None,
    entities: EntityTable | None = None,
) -> Article:
    """Add the article, its attributions and its entity table to the session (the caller
    commits)."""
    article = new_article(
        title=draft.title,
        text=draft.text,
        content_hash=draft.content_hash,
        origin=draft.origin.value,
        url=draft.url,
        outlet=draft.outlet,
        author=draft.author,
        published=draft.published,
        origin_detail=draft.origin_detail,
        feed_id=feed_id,
    )
    article.extractor_version = EXTRACTOR_VERSION
    session.add(article)
    await session.flush()
    await add_attributions(session, article, found, embeddings=embeddings, entities=entities)
    return article


async def add_attributions(
    session: AsyncSession,
    article: Article,
    found: Sequence[ExtractedAttribution],
    *,
    embeddings: Sequence[ClaimVector] | None = None,
    entities: EntityTable | None = None,
) -> None:
    """Add an article's attributions, in text order, with their speakers (got or created).
    ``embeddings``: one a claim of ``claims_outside_headline(article.title, found)``, in order;
    ``entities``: the article's entity table, which replaces the stored one."""
    article.extractor_version = EXTRACTOR_VERSION
    claims = claims_outside_headline(article.title, found)
    said = _speakers_said(claims)
    speakers = await _speakers(session, said)
    await index_speakers(session, speakers.values())
    rows = [
        _attribution_row(
            article, ordinal, item, speakers[ordinal].id if ordinal in speakers else None
        )
        for ordinal, item in enumerate(claims)
    ]
    session.add_all(rows)
    await session.flush()
    if entities is not None:
        await replace_article_entities(session, article.id, entity_rows(entities))
    if embeddings is not None:
        vectors = [
            NewVector(row.id, embedding, bits)
            for row, (embedding, bits) in zip(rows, embeddings, strict=True)
        ]
        await add_vectors(session, vectors, model=VECTOR_MODEL)
    # Last: a role seen again is an UPDATE of a row other articles' writers update too, and
    # its lock is held until commit.
    roles = [(speakers[one.ordinal], one.role) for one in said if one.role]
    await add_speaker_roles(session, roles, article_id=article.id)


def entity_rows(table: EntityTable) -> list[NewEntity]:
    """The entries of an article's entity table that spoke, as rows linked to their speakers."""
    return [
        NewEntity(
            name=entity.name,
            kind=entity.kind.value,
            speaker_key=clipped(speaker_key(entity.name), Speaker.key) or None
            if entity.kind in _NAMED_KINDS
            else None,
            descriptions=sorted(entity.descriptions),
            spellings=sorted(entity.spellings),
        )
        for entity in table.speakers()
    ]


@dataclass(frozen=True, slots=True)
class _Said:
    ordinal: int
    key: str
    name: str
    kind: str
    alias: str | None
    role: str | None


def _said(ordinal: int, item: ExtractedAttribution) -> _Said | None:
    name = clipped(_speaker_name(item), Attribution.speaker_name)
    if not name or item.speaker_kind not in _NAMED_KINDS or item.anonymous:
        return None
    key = clipped(speaker_key(name), Speaker.key)
    if not key:
        return None
    return _Said(
        ordinal=ordinal,
        key=key,
        name=clipped(name, Speaker.name) or key,
        kind=item.speaker_kind.value,
        alias=clipped(item.source.text, SpeakerAlias.alias) if item.source else None,
        role=(clipped(item.speaker_role, SpeakerRole.role) or item.speaker_role)
        if item.speaker_role
        else None,
    )


def _speakers_said(claims: Sequence[ExtractedAttribution]) -> list[_Said]:
    """The claims that name a speaker, in the order of their keys (then roles)."""
    said = [s for ordinal, item in enumerate(claims) if (s := _said(ordinal, item)) is not None]
    return sorted(said, key=lambda s: (s.key, s.role or "", s.ordinal))


async def _speakers(session: AsyncSession, said: Sequence[_Said]) -> dict[int, Speaker]:
    """The speaker of each claim that names one (by ordinal), got or created.

    Speakers and their roles are written in the order of their keys (then roles), the same in
    every transaction: writers in several processes storing articles that share speakers then
    wait for one another's row locks in turn instead of deadlocking."""
    seen = [SpeakerSeen(one.key, one.name, one.kind, one.alias) for one in said]
    by_key = await get_or_create_speakers(session, seen)
    return {one.ordinal: by_key[one.key] for one in said}


def _speaker_name(item: ExtractedAttribution) -> str | None:
    return item.speaker or (item.source.text if item.source and item.agent else None)


def _attribution_row(
    article: Article, ordinal: int, item: ExtractedAttribution, speaker_id: int | None
) -> Attribution:
    title = article.title
    name = clipped(_speaker_name(item), Attribution.speaker_name)
    content = item.content_span
    return Attribution(
        article_id=article.id,
        ordinal=ordinal,
        sentence_index=item.sentence_index,
        sentence_start=item.sentence.start,
        sentence_end=item.sentence.end,
        sentence=item.sentence.text,
        source_text=item.source.text if item.source else None,
        source_start=item.source.start if item.source else None,
        source_end=item.source.end if item.source else None,
        speaker_id=speaker_id,
        speaker_name=name,
        speaker_role=item.speaker_role,
        speaker_kind=item.speaker_kind.value,
        anonymous=item.anonymous,
        cue=clipped(item.cue.text, Attribution.cue) if item.cue else None,
        cue_start=item.cue.start if item.cue else None,
        cue_end=item.cue.end if item.cue else None,
        stance=item.stance.value,
        polarity=item.polarity.value,
        content=item.content_text,
        content_start=content.start if content else None,
        content_end=content.end if content else None,
        is_quote=item.quote,
        via=clipped(item.via, Attribution.via),
        search_text=search_text(title, item),
        extractor_version=EXTRACTOR_VERSION,
    )
