"""One article's entity table: the names it mentions, the descriptions it uses for them.

"Delta Air Lines ... the airline", "Health Minister Ana Ruiz ... the health minister",
"the Ministry of Transport ... the ministry": a description is linked to the name it stands
for by what the article wrote about that name (its roles), by the name's own words, or, for
an organisation noun, by the nearest organisation whose name does not say it is something else.
Spellings of one name a letter or two apart ("Yahya Sarea", "Yahya Saree") are one entry; two
people sharing a surname ("Jane Jacques", "Josh Jacques") are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from bot.extract.model import SpeakerKind
from bot.extract.name_spans import ORGANISATION_HEADS, territory_names
from bot.extract.short_forms import spelt_out
from bot.folding import to_ascii

# An organisation whose name ends in one of these says what it is: "the airline" is not it.
TYPED_HEADS = {
    "ministry", "department", "agency", "court", "police", "army", "party", "university",
    "council", "committee", "commission", "government", "embassy", "parliament", "bank",
    "institute", "bureau", "office", "union", "association", "foundation", "school", "hospital",
    "navy", "corps", "guard", "tribunal", "board", "authority", "senate", "congress",
}  # fmt: skip


def name_words(name: str) -> list[str]:
    folded = to_ascii(name).casefold().replace("'s ", " ").replace("’s ", " ")
    words = [word.strip(".,'’-") for word in folded.split()]
    words = [word for word in words if word]
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return words


@dataclass(slots=True)
class Entity:
    name: str
    kind: SpeakerKind
    positions: list[int]  # where it is mentioned (characters)
    descriptions: set[str] = field(default_factory=set)  # "health minister", "minister"
    spellings: set[str] = field(default_factory=set)
    spoke: bool = False  # a speaker of the article, not only a name NER found

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind.value,
            "descriptions": sorted(self.descriptions),
            "spellings": sorted(self.spellings),
        }


# "the World Health Organization (WHO)": a name and the short form the article defines for it
_DEFINED = re.compile(
    r"((?:[A-Z][\w'’&.-]*\s+(?:(?:of|for|and|the|on|de)\s+)*)*[A-Z][\w'’&.-]*)"
    r"\s+\(([A-Z][A-Za-z&.]{1,9})\)"
)


def defined_short_forms(text: str) -> dict[str, list[str]]:
    """Short forms the text defines in brackets after a name: {"WHO": ["world", "health", ...]}.
    A bracket that is no short form of the name before it ("Ana Ruiz (Reuters)") is left out."""
    found: dict[str, list[str]] = {}
    for match in _DEFINED.finditer(text):
        words, short = name_words(match.group(1)), match.group(2)
        spelt = spelt_out(words, short)
        if spelt:
            found.setdefault(short, spelt)
    return found


class EntityTable:
    def __init__(
        self, *, places: set[str] | None = None, short_forms: dict[str, list[str]] | None = None
    ) -> None:
        self.entities: list[Entity] = []
        self.places = places or set()  # GPE/LOC entity texts: a country is not "the company"
        self.short_forms = short_forms or {}  # "WHO" -> the words of the name it stands for

    def add(
        self,
        name: str,
        kind: SpeakerKind,
        *,
        position: int,
        role: str | None = None,
        spoke: bool = False,
    ) -> Entity:
        """Note a mention; a spelling variant of a known name joins that name's entry, and so
        does a short form the article defined for it ("WHO")."""
        name = _without_article(name).split(" (", 1)[0]
        entity = self.same_name(name, kind)
        if entity is None:
            entity = Entity(name, kind, [])
            self.entities.append(entity)
            if kind is SpeakerKind.ORGANISATION:
                words = name_words(name)
                entity.descriptions |= {word for word in words if word in ORGANISATION_HEADS}
        elif len(name_words(name)) > len(name_words(entity.name)):
            entity.name = name  # "Romania's Ministry of Foreign Affairs" over "Ministry of ..."
        entity.positions.append(position)
        entity.spoke = entity.spoke or spoke
        entity.spellings.add(name)
        if role:
            entity.descriptions |= _descriptions(role)
        if entity.kind is SpeakerKind.UNKNOWN and kind is not SpeakerKind.UNKNOWN:
            entity.kind = kind
        return entity

    def same_name(self, name: str, kind: SpeakerKind) -> Entity | None:
        words = name_words(name)
        spelt_out = self.short_forms.get(name)
        if spelt_out is not None:
            entity = next(
                (e for e in self.entities if name_words(e.name)[-len(spelt_out) :] == spelt_out),
                None,
            )
            if entity is not None:
                return entity
        for entity in reversed(self.entities):
            other = name_words(entity.name)
            if _kinds_fit(kind, entity.kind) and (
                same_words(words, other) or _same_but_the_place(words, other)
            ):
                return entity
        return None

    def described(self, description: str, *, before: int, guess: bool = True) -> Entity | None:
        """The entity a description ("the airline") stands for, mentioned before ``before``.

        A bare organisation noun ("the company", not "the rival company") with nothing else to
        go by is the latest organisation that spoke, is not a country and whose name does not
        say it is another kind of body."""
        words = name_words(description)
        if not words:
            return None
        phrase, head = " ".join(words), words[-1]
        earlier = sorted(
            (e for e in self.entities if min(e.positions) < before),
            key=lambda e: max(p for p in e.positions if p < before),
            reverse=True,
        )
        found = (
            next((e for e in earlier if phrase in e.descriptions), None)
            or next(
                (
                    e
                    for e in earlier
                    if e.kind is not SpeakerKind.PERSON and head in name_words(e.name)
                ),
                None,
            )
            or next(
                (e for e in earlier if e.kind is SpeakerKind.PERSON and head in e.descriptions),
                None,
            )
        )
        if found is not None:
            return found
        if guess and head in ORGANISATION_HEADS and head not in TYPED_HEADS and len(words) == 1:
            return next(
                (
                    e
                    for e in earlier
                    if e.kind is SpeakerKind.ORGANISATION
                    and e.spoke
                    and e.name.casefold() not in territory_names()
                    and e.name not in self.places
                    and not (set(name_words(e.name)) & TYPED_HEADS)
                ),
                None,
            )
        return None

    def speakers(self) -> list[Entity]:
        """The entries that spoke in the article, in the order they were first noted."""
        return [entity for entity in self.entities if entity.spoke]

    def as_json(self) -> list[dict[str, object]]:
        return [entity.as_json() for entity in self.entities]


def _without_article(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in {"the", "a", "an"} else name


ROLE_TAILS = {"to", "of", "for", "at", "in", "from", "with", "on"}


def _descriptions(role: str) -> set[str]:
    """The phrases a role lets the article describe its holder by, each ending in the role's
    noun: "Canadian ambassador to France" gives "ambassador", "canadian ambassador",
    "ambassador to france" and the whole, not "france" or "to france"."""
    words = name_words(role)
    noun_end = next((i for i, word in enumerate(words) if word in ROLE_TAILS and i), len(words))
    out = {" ".join(words[i:noun_end]) for i in range(noun_end)}  # "houthi spokesman", ...
    if noun_end < len(words):
        out |= {" ".join(words[i:]) for i in range(noun_end)}
    return {phrase for phrase in out if phrase}


def _kinds_fit(one: SpeakerKind, other: SpeakerKind) -> bool:
    return one is other or SpeakerKind.UNKNOWN in {one, other}


def _same_but_the_place(one: list[str], other: list[str]) -> bool:
    """ "Romania's Ministry of Foreign Affairs" and "Ministry of Foreign Affairs"."""
    longer, shorter = (one, other) if len(one) > len(other) else (other, one)
    return (
        len(longer) == len(shorter) + 1
        and len(shorter) > 1
        and longer[1:] == shorter
        and longer[0] in territory_names()
    )


def same_words(one: list[str], other: list[str]) -> bool:
    """Equal, or one word spelt a letter or two apart (long words two): "Sarea" / "Saree".

    Distinct first names ("Jane" / "Josh") differ by more, and so keep two people apart."""
    if one == other:
        return True
    if len(one) != len(other) or not one:
        return False
    differing = [(a, b) for a, b in zip(one, other, strict=True) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    allowed = 1 if max(len(a), len(b)) < 8 else 2
    return OSA.distance(a, b) <= allowed  # a swap of two letters is one edit
