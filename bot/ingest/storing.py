"""Turning a draft and its extracted attributions into rows: one article, its claims, speakers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from bot.embedding import MODEL_NAME, to_bits, to_int8
from bot.extract.model import ExtractedAttribution, SpeakerKind
from bot.extract.speakers import speaker_key
from bot.extract.version import EXTRACTOR_VERSION
from bot.ingest.draft import ArticleDraft
from store.articles import new_article
from store.models import Article, Attribution, Speaker, SpeakerAlias, SpeakerRole
from store.sizes import clipped
from store.speakers import add_speaker_role, get_or_create_speaker
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
    """The embeddings of the claims' contents, in order."""
    vectors = encoder.encode([item.content_text for item in found])
    return list(zip(to_int8(vectors), to_bits(vectors), strict=True))


async def store_article(
    session: AsyncSession,
    draft: ArticleDraft,
    found: Sequence[ExtractedAttribution],
    *,
    feed_id: int | None = None,
    embeddings: Sequence[ClaimVector] | None = None,
) -> Article:
    """Add the article and its attributions to the session (the caller commits)."""
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
    session.add(article)
    await session.flush()
    await add_attributions(session, article, found, embeddings=embeddings)
    return article


async def add_attributions(
    session: AsyncSession,
    article: Article,
    found: Sequence[ExtractedAttribution],
    *,
    embeddings: Sequence[ClaimVector] | None = None,
) -> None:
    """Add an article's attributions, in text order, with their speakers (got or created).
    ``embeddings``: one a claim of ``claims_outside_headline(article.title, found)``, in order."""
    article.extractor_version = EXTRACTOR_VERSION
    rows = []
    for ordinal, item in enumerate(claims_outside_headline(article.title, found)):
        rows.append(await _attribution_row(session, article, ordinal, item, article.title))
        session.add(rows[-1])
    await session.flush()
    if embeddings is not None:
        vectors = [
            NewVector(row.id, embedding, bits)
            for row, (embedding, bits) in zip(rows, embeddings, strict=True)
        ]
        await add_vectors(session, vectors, model=MODEL_NAME)


async def _attribution_row(
    session: AsyncSession,
    article: Article,
    ordinal: int,
    item: ExtractedAttribution,
    title: str,
) -> Attribution:
    speaker_id = None
    name = item.speaker or (item.source.text if item.source and item.agent else None)
    name = clipped(name, Attribution.speaker_name)
    if name and item.speaker_kind in _NAMED_KINDS and not item.anonymous:
        key = clipped(speaker_key(name), Speaker.key)
        if key:
            alias = clipped(item.source.text, SpeakerAlias.alias) if item.source else None
            speaker = await get_or_create_speaker(
                session,
                key=key,
                name=clipped(name, Speaker.name) or key,
                kind=item.speaker_kind.value,
                alias=alias,
            )
            speaker_id = speaker.id
            if item.speaker_role:
                role = clipped(item.speaker_role, SpeakerRole.role) or item.speaker_role
                await add_speaker_role(session, speaker, role=role, article_id=article.id)
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
