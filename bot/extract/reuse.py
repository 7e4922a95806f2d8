"""Which stored article a text shares sentences with, how much, which came first, and
whether the later one names the earlier as its source. Pure functions over fingerprints
(``fingerprints.py``) and the few facts of each article the store gives."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from bot.extract.fingerprints import SIMILAR, SentencePrint
from bot.folding import to_ascii

# A link needs two shared sentences, or one that is half of the shorter side's text (a short
# post that is one sentence of an article): one sentence alone is most often a quotation that
# two outlets carried each from the speaker.
MIN_SHARED = 2
MIN_SHARE_ALONE = 0.5
_THE = re.compile(r"\bthe\b")


@dataclass(frozen=True, slots=True)
class StoredSentence:
    article_id: int
    ordinal: int
    chars: int
    signature: bytes


@dataclass(frozen=True, slots=True)
class Overlap:
    """The sentences a new text and one stored article have in common, by ordinal."""

    article_id: int
    new: frozenset[int]
    stored: frozenset[int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Side:
    """What the link needs of one article."""

    id: int
    published: datetime | None
    chars: int  # of its fingerprinted sentences
    matched_chars: int  # ... of those found in the other
    matched: int  # how many sentences


@dataclass(frozen=True, slots=True, kw_only=True)
class Reuse:
    """``copy`` repeats text of ``source``, the earlier of the two."""

    copy_id: int
    source_id: int
    share: float  # 0-1: of the copy's text, the share found in the source
    source_share: float  # 0-1: of the source's text, the share the copy repeats
    shared_sentences: int  # the copy's sentences found in the source


def overlaps(
    prints: Sequence[SentencePrint], candidates: Iterable[tuple[int, StoredSentence]]
) -> list[Overlap]:
    """Confirm candidate pairs (new sentence ordinal, stored sentence) by their signatures,
    all at once."""
    signatures = {p.ordinal: p.signature for p in prints}
    width = len(next(iter(signatures.values()), b""))
    pairs = [(o, s) for o, s in candidates if len(s.signature) == width and width]
    new: dict[int, set[int]] = defaultdict(set)
    stored: dict[int, set[int]] = defaultdict(set)
    if pairs:
        ours = np.frombuffer(b"".join(signatures[o] for o, _ in pairs), dtype="<u4")
        theirs = np.frombuffer(b"".join(s.signature for _, s in pairs), dtype="<u4")
        equal = (ours == theirs).reshape(len(pairs), -1).mean(axis=1)
        for (ordinal, sentence), share in zip(pairs, equal.tolist(), strict=True):
            if share >= SIMILAR:
                new[sentence.article_id].add(ordinal)
                stored[sentence.article_id].add(sentence.ordinal)
    return [
        Overlap(article_id, frozenset(new[article_id]), frozenset(stored[article_id]))
        for article_id in sorted(new)
    ]


def matched_chars(prints: Sequence[SentencePrint], ordinals: Iterable[int]) -> int:
    chars = {p.ordinal: p.chars for p in prints}
    return sum(chars[o] for o in ordinals)


def _share(side: Side) -> float:
    return side.matched_chars / side.chars if side.chars else 0.0


def _moment(published: datetime) -> float:
    return (published if published.tzinfo else published.replace(tzinfo=UTC)).timestamp()


def earlier_first(first: Side, second: Side) -> tuple[Side, Side]:
    """Earlier by published date where both are known; ingest order (the id) breaks ties."""
    if first.published is not None and second.published is not None:
        a, b = _moment(first.published), _moment(second.published)
        if a != b:
            return (first, second) if a < b else (second, first)
    return (first, second) if first.id < second.id else (second, first)


def reuse_between(first: Side, second: Side) -> Reuse | None:
    """The link between two articles sharing sentences, or None when they share too little."""
    source, copy = earlier_first(first, second)
    share = _share(copy)
    alone = max(share, _share(source)) >= MIN_SHARE_ALONE
    if min(copy.matched, source.matched) < MIN_SHARED and not alone:
        return None
    return Reuse(
        copy_id=copy.id,
        source_id=source.id,
        share=round(share, 4),
        source_share=round(_share(source), 4),
        shared_sentences=copy.matched,
    )


def names_source(text: str, vias: Iterable[str | None], outlet: str | None) -> bool:
    """Whether a copy names the source's outlet: as an attribution's via ("told Reuters"),
    or anywhere in its text ("Baltic Wire reported", "according to Baltic Wire")."""
    if not outlet or not outlet.strip():
        return False
    wanted = _folded(outlet)
    if any(via and _folded(via) == wanted for via in vias):
        return True
    words = r"\s+".join(re.escape(word) for word in wanted.split())
    return re.search(rf"(?<![a-z0-9]){words}(?![a-z0-9])", _folded(text)) is not None


def _folded(text: str) -> str:
    return " ".join(_THE.sub(" ", to_ascii(text).casefold()).split())


def sides_of(
    overlap: Overlap,
    *,
    new_id: int,
    new_published: datetime | None,
    prints: Sequence[SentencePrint],
    stored_published: datetime | None,
    stored_chars: Mapping[int, int],
) -> tuple[Side, Side]:
    """Both sides of an overlap: the new article's and the stored one's."""
    chars = stored_chars
    new_side = Side(
        id=new_id,
        published=new_published,
        chars=sum(p.chars for p in prints),
        matched_chars=matched_chars(prints, overlap.new),
        matched=len(overlap.new),
    )
    stored_side = Side(
        id=overlap.article_id,
        published=stored_published,
        chars=sum(chars.values()),
        matched_chars=sum(chars.get(o, 0) for o in overlap.stored),
        matched=len(overlap.stored),
    )
    return new_side, stored_side
