"""Provenance in the store: an ingested article's fingerprints and reuse links, an
article's copies and sources, and the reports of answers. Functions take the session of the
service's transaction; the matching itself is ``bot.extract.reuse``'s."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.answerer import answer_from_row, article_ref
from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.provenance import (
    Provenance,
    ReuseRef,
    merge_statements,
    publication_order,
    via_chain,
    with_reports,
)
from bot.extract.fingerprints import SentencePrint
from bot.extract.reuse import StoredSentence, names_source, overlaps, reuse_between, sides_of
from store import attributions as attribution_store
from store import reuse as reuse_store
from store.attributions import ArticleHeading
from store.models import Article

CHAIN_DEPTH = 8  # how far back ``earliest_source`` follows links
# The stored articles sharing most with a new one that it is linked to: a wire story that
# hundreds of outlets carried links each new copy to the fifty that share most with it.
MAX_LINKS = 50
MAX_CANDIDATES = 2 * MAX_LINKS  # stored articles read, those with the most shared band keys
CARRIER_CLAIMS = 500  # claims read from the articles linked to the answers'


def _stored_prints(prints: Sequence[SentencePrint]) -> list[reuse_store.NewPrint]:
    return [reuse_store.NewPrint(p.ordinal, p.start, p.end, p.signature, p.bands) for p in prints]


async def link_article(
    session: AsyncSession,
    article: Article,
    prints: Sequence[SentencePrint],
    *,
    vias: Iterable[str | None] = (),
) -> list[reuse_store.Link]:
    """Store the article's fingerprints and link it to every stored article it shares text
    with, in whichever direction their dates give; the links made."""
    await reuse_store.add_prints(session, article.id, _stored_prints(prints))
    ordinals_by_key: dict[int, list[int]] = defaultdict(list)
    for p in prints:
        for key in p.bands:
            ordinals_by_key[key].append(p.ordinal)
    matches = await reuse_store.band_matches(session, ordinals_by_key, excluding=article.id)
    hits = Counter(m.article_id for m in matches)
    candidates = {article_id for article_id, _ in hits.most_common(MAX_CANDIDATES)}
    sentences = {
        (p.article_id, p.ordinal): StoredSentence(p.article_id, p.ordinal, p.chars, p.signature)
        for p in await reuse_store.prints_of(session, candidates)
    }
    pairs = {
        (ordinal, sentences[m.article_id, m.ordinal])
        for m in matches
        if (m.article_id, m.ordinal) in sentences
        for ordinal in ordinals_by_key[m.band_key]
    }
    found = sorted(overlaps(prints, pairs), key=lambda o: -len(o.new))[:MAX_LINKS]
    facts = await reuse_store.article_facts(session, [o.article_id for o in found])
    chars: dict[int, dict[int, int]] = defaultdict(dict)
    for (article_id, ordinal), sentence in sentences.items():
        chars[article_id][ordinal] = sentence.chars
    reuses = []
    for overlap in found:
        stored = facts[overlap.article_id]
        new_side, stored_side = sides_of(
            overlap,
            new_id=article.id,
            new_published=article.published,
            prints=prints,
            stored_published=stored.published,
            stored_chars=chars[overlap.article_id],
        )
        reuse = reuse_between(new_side, stored_side)
        if reuse is not None:
            reuses.append(reuse)
    # A stored article that turns out to be the copy (published later) is read for its
    # naming of the new one's outlet.
    stored_copies = await reuse_store.texts_and_vias(
        session, [r.copy_id for r in reuses if r.copy_id != article.id]
    )
    own_vias = list(vias)
    links = []
    for reuse in reuses:
        if reuse.copy_id == article.id:
            named = names_source(article.text, own_vias, facts[reuse.source_id].outlet)
        else:
            text, copy_vias = stored_copies.get(reuse.copy_id, ("", []))
            named = names_source(text, copy_vias, article.outlet)
        links.append(
            reuse_store.Link(
                copy_id=reuse.copy_id,
                source_id=reuse.source_id,
                share=reuse.share,
                source_share=reuse.source_share,
                shared_sentences=reuse.shared_sentences,
                names_source=named,
            )
        )
    await reuse_store.add_links(session, links)
    return links


async def _refs(session: AsyncSession, ids: Iterable[int]) -> dict[int, ArticleRef]:
    facts = await reuse_store.article_facts(session, ids)
    return {
        id_: article_ref(ArticleHeading(f.id, f.title, f.url, f.outlet, f.published))
        for id_, f in facts.items()
    }


def _in_order(refs: Iterable[ReuseRef]) -> list[ReuseRef]:
    return sorted(refs, key=lambda ref: publication_order(ref.article))


async def provenance_of(session: AsyncSession, article: Article) -> Provenance:
    links = await reuse_store.links_of(session, [article.id])
    refs = await _refs(
        session,
        [article.id, *(link.copy_id for link in links), *(link.source_id for link in links)],
    )

    def ref(link: reuse_store.Link, other_id: int) -> ReuseRef:
        return ReuseRef(
            article=refs[other_id],
            share=link.share,
            shared_sentences=link.shared_sentences,
            names_source=link.names_source,
        )

    copies_of = [ref(link, link.source_id) for link in links if link.copy_id == article.id]
    copied_by = [ref(link, link.copy_id) for link in links if link.source_id == article.id]
    return Provenance(
        article=article_ref(article),
        copies_of=_in_order(copies_of),
        copied_by=_in_order(copied_by),
        earliest_source=await _earliest_source(session, article.id),
    )


async def _earliest_source(session: AsyncSession, article_id: int) -> ArticleRef | None:
    """The earliest article reached by following 'copies' links back from this one."""
    reached: set[int] = set()
    frontier = {article_id}
    for _ in range(CHAIN_DEPTH):
        links = await reuse_store.links_of(session, frontier)
        sources = (
            {link.source_id for link in links if link.copy_id in frontier} - reached - {article_id}
        )
        if not sources:
            break
        reached |= sources
        frontier = sources
    if not reached:
        return None
    refs = await _refs(session, reached)
    return min(refs.values(), key=publication_order)


async def with_provenance(session: AsyncSession, answers: AnswerSet) -> AnswerSet:
    """Each answer with every article carrying the same statement (the answers' own, and
    the same speaker's claims in articles linked to theirs) and the via-chain the texts name."""
    merged = merge_statements(answers.answers)
    if not merged:
        return answers
    article_ids = {report.id for answer in merged for report in answer.reports}
    links = await reuse_store.links_of(session, article_ids)
    enriched = merged
    if links:
        linked = {link.copy_id for link in links} | {link.source_id for link in links}
        carriers = await _claims_in(session, linked - article_ids)
        enriched = [with_reports(answer, carriers) for answer in merged]
        more = {report.id for answer in enriched for report in answer.reports} - article_ids
        links += await reuse_store.links_of(session, more)
    named = {(link.copy_id, link.source_id) for link in links if link.names_source}
    return replace(
        answers,
        answers=[replace(answer, chain=via_chain(answer, named)) for answer in enriched],
    )


async def _claims_in(session: AsyncSession, article_ids: Iterable[int]) -> list[Answer]:
    rows = await attribution_store.claims_of_articles(session, article_ids, limit=CARRIER_CLAIMS)
    return [answer_from_row(row, score=100.0) for row in rows]
