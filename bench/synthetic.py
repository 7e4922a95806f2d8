"""A synthetic news corpus of any size: articles, attributions and questions about them.

No corpus text: names, places and most words are built from syllables; a small list of common
English words written here gives the top of a Zipf-like frequency spread, as in real news.
Everything is deterministic for a given seed.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

_ONSETS = tuple("b d f g h k l m n p r s t v z br dr gr kr sh th tr ch st y w".split())  # noqa: SIM905
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ea")
_CODAS = ("", "", "", "n", "r", "l", "s", "m", "k", "sh", "nd", "rt")

COMMON_WORDS = """
government officials security forces military police ministry minister president people
country city region border attack strike killed wounded civilians troops fighters group
report reports week year month talks agreement ceasefire election vote party leader leaders
statement spokesman spokeswoman army rebels militants village villages town towns area
control operation operations aid water food hospital hospitals school schools children
prices market markets bank banks oil gas plan plans law court judge trial protest protests
crisis economy budget tax taxes workers union company companies deal deals talks sanctions
investigation inquiry police charges arrest arrests bombing bombings fire fires flood
shelling raid raids drone drones missile missiles convoy checkpoint refugees camp camps
negotiations envoy embassy council assembly parliament opposition coalition alliance
""".split()  # noqa: SIM905

_STANCE_CUES: dict[str, tuple[str, ...]] = {
    "say": ("said", "told", "added", "stated"),
    "deny": ("denied", "rejected", "dismissed"),
    "accuse": ("accused", "blamed"),
    "claim": ("claimed", "insisted"),
    "confirm": ("confirmed", "acknowledged"),
    "announce": ("announced", "declared"),
    "warn": ("warned",),
    "demand": ("demanded", "urged"),
    "believe": ("believes", "thinks"),
    "report": ("reported",),
}
_STANCES = tuple(_STANCE_CUES)
_STANCE_WEIGHTS = (50, 8, 7, 6, 6, 8, 6, 4, 2, 3)
_ROLES = ("spokesman for the", "head of the", "a senior official in the", "commander of the")
_ORG_KINDS = ("Ministry", "Army", "Front", "Council", "Party", "Agency", "Union", "Authority")
_OUTLETS = ("Reuters", "AFP", "Associated Press", "state television", "a local radio station")


def _syllable_words(rng: random.Random, count: int, *, syllables: tuple[int, int]) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        parts = [
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(rng.randint(*syllables))
        ]
        words.add("".join(parts))
    return sorted(words)


class Zipf:
    """Draws items with probability proportional to 1 / rank**exponent."""

    def __init__(self, items: Sequence[str], *, exponent: float = 1.0) -> None:
        self.items = list(items)
        weights = [1.0 / (rank**exponent) for rank in range(1, len(self.items) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random, k: int = 1) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cumulative, k=k)


@dataclass
class Vocabulary:
    first_names: Zipf
    surnames: Zipf
    places: Zipf
    words: Zipf
    absent_names: list[str]  # built like the others, never used in the corpus

    @classmethod
    def build(cls, seed: int = 7, *, scale: float = 1.0) -> Vocabulary:
        rng = random.Random(seed)
        pool = _syllable_words(rng, int(90_000 * scale) + 2_000, syllables=(2, 3))
        rng.shuffle(pool)
        first, rest = pool[:2_000], pool[2_000:]
        cut = len(rest) // 4
        surnames, places = rest[:cut], rest[cut : 2 * cut]
        topic_words, absent = rest[2 * cut : -500], rest[-500:]
        return cls(
            first_names=Zipf([w.title() for w in first], exponent=0.9),
            surnames=Zipf([w.title() for w in surnames], exponent=0.8),
            places=Zipf([w.title() for w in places], exponent=0.9),
            words=Zipf(COMMON_WORDS + topic_words, exponent=1.05),
            absent_names=[w.title() for w in absent],
        )


@dataclass(frozen=True, slots=True)
class Claim:
    speaker: str
    role: str
    stance: str
    cue: str
    topic: list[str]  # the claim's own content words, in order
    place: str
    via: str | None

    @property
    def content(self) -> str:
        words = list(self.topic)
        words.insert(min(3, len(words)), f"in {self.place}")
        return "the " + " ".join(words)

    @property
    def sentence(self) -> str:
        told = f" {self.via}" if self.via and self.cue == "told" else ""
        return f"{self.speaker}, {self.role}, {self.cue}{told} that {self.content}."


@dataclass
class Corpus:
    vocabulary: Vocabulary
    seed: int = 11
    claims_per_article: int = 5
    _rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def claim(self) -> Claim:
        rng, vocab = self._rng, self.vocabulary
        stance = rng.choices(_STANCES, weights=_STANCE_WEIGHTS)[0]
        cue = rng.choice(_STANCE_CUES[stance])
        org = f"{vocab.places.draw(rng)[0]} {rng.choice(_ORG_KINDS)}"
        return Claim(
            speaker=f"{vocab.first_names.draw(rng)[0]} {vocab.surnames.draw(rng)[0]}",
            role=f"{rng.choice(_ROLES)} {org}",
            stance=stance,
            cue=cue,
            topic=vocab.words.draw(rng, rng.randint(6, 14)),
            place=vocab.places.draw(rng)[0],
            via=rng.choice(_OUTLETS) if cue == "told" else None,
        )

    def articles(
        self, count: int, *, start: int = 0
    ) -> Iterator[tuple[dict[str, Any], list[Claim]]]:
        """``count`` articles as (article row values, its claims)."""
        epoch = datetime(2024, 1, 1, tzinfo=UTC)
        for number in range(start, start + count):
            claims = [self.claim() for _ in range(self.claims_per_article)]
            lead = claims[0]
            title = f"{lead.speaker.split()[-1]} {lead.cue} {' '.join(lead.topic[:3])}"
            text = " ".join(claim.sentence for claim in claims)
            article = {
                "title": title[:1].upper() + title[1:],
                "url": f"https://news.example/{number}",
                "outlet": self._rng.choice(_OUTLETS[:3]),
                "published": epoch + timedelta(minutes=7 * number),
                "text": text,
                "content_hash": hashlib.sha256(f"{number}:{text}".encode()).hexdigest(),
                "origin": "file",
                "origin_detail": {},
            }
            yield article, claims


def attribution_values(
    article_id: int, title: str, claims: Sequence[Claim], *, speaker_ids: dict[str, int]
) -> list[dict[str, Any]]:
    """Attribution rows for an article's claims, with offsets into the article text."""
    rows, offset = [], 0
    for ordinal, claim in enumerate(claims):
        sentence = claim.sentence
        start = sentence.index(claim.content)
        search_text = "\n".join(
            part
            for part in (claim.speaker, claim.role, claim.via, claim.content, sentence, title)
            if part
        )
        rows.append(
            {
                "article_id": article_id,
                "ordinal": ordinal,
                "sentence_index": ordinal,
                "sentence_start": offset,
                "sentence_end": offset + len(sentence),
                "sentence": sentence,
                "source_text": claim.speaker,
                "source_start": offset,
                "source_end": offset + len(claim.speaker),
                "speaker_id": speaker_ids.get(claim.speaker),
                "speaker_name": claim.speaker,
                "speaker_role": claim.role,
                "speaker_kind": "person",
                "anonymous": False,
                "cue": claim.cue,
                "cue_start": None,
                "cue_end": None,
                "stance": claim.stance,
                "content": claim.content,
                "content_start": offset + start,
                "content_end": offset + start + len(claim.content),
                "is_quote": False,
                "via": claim.via,
                "search_text": search_text,
            }
        )
        offset += len(sentence) + 1
    return rows


_ASK_STANCE = {
    "deny": "denied",
    "accuse": "blamed",
    "claim": "claimed",
    "confirm": "confirmed",
    "announce": "announced",
    "warn": "warned",
    "demand": "demanded",
}


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    expected: int | None  # an attribution id that answers it, None when nothing should


def questions(
    sample: Sequence[tuple[int, Claim]], vocabulary: Vocabulary, *, count: int = 200, seed: int = 3
) -> list[Question]:
    """Varied questions: who/what, with stance words, names present and absent, unanswerable."""
    rng = random.Random(seed)
    asked: list[Question] = []
    for number in range(count):
        attribution_id, claim = rng.choice(sample)
        words = [w for w in claim.topic if w not in COMMON_WORDS] or claim.topic
        topic = " ".join(rng.sample(words, min(2, len(words))))
        kind = number % 10
        if kind in (0, 1, 2):
            verb = _ASK_STANCE.get(claim.stance, "said")
            asked.append(Question(f"Who {verb} the {topic} in {claim.place}?", attribution_id))
        elif kind in (3, 4):
            surname = claim.speaker.split()[-1]
            asked.append(Question(f"What did {surname} say about the {topic}?", attribution_id))
        elif kind == 5:
            asked.append(Question(f"What did {claim.speaker} say about {topic}?", attribution_id))
        elif kind == 6:
            common = " ".join(rng.sample(COMMON_WORDS[:40], 2))
            asked.append(Question(f"What did officials say about the {common}?", None))
        elif kind == 7:
            absent = rng.choice(vocabulary.absent_names)
            asked.append(Question(f"What did {absent} say about the {topic}?", None))
        elif kind == 8:
            thing, place = rng.sample(vocabulary.absent_names, 2)
            asked.append(Question(f"Who denied the {thing.lower()} in {place}?", None))
        else:
            place = claim.place
            asked.append(Question(f"Who warned about {words[0]} in {place}?", None))
    return asked
