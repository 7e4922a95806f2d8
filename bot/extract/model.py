"""What the extractor hands to the rest of newsprov: plain, immutable records."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Stance(StrEnum):
    SAY = "say"
    DENY = "deny"
    ACCUSE = "accuse"
    CLAIM = "claim"
    CONFIRM = "confirm"
    ANNOUNCE = "announce"
    WARN = "warn"
    DEMAND = "demand"
    BELIEVE = "believe"
    REPORT = "report"
    # A cue that does not report its verb's act: "did not say", "declined to confirm",
    # "refused to comment", "has not denied" (negated or refused), "may announce" (modal).
    DECLINE = "decline"
    HEDGE = "hedge"


class Polarity(StrEnum):
    """How the cue is written: the act done, not done, refused, or only possible."""

    AFFIRMED = "affirmed"  # "said", "denied"
    NEGATED = "negated"  # "did not say", "has not denied", "would not confirm", "never said"
    REFUSED = "refused"  # "declined to confirm", "refused to comment"
    MODAL = "modal"  # "may announce", "might deny", "will confirm"


UNASSERTED_STANCES = frozenset({Stance.DECLINE, Stance.HEDGE})


class SpeakerKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractedAttribution:
    """One statement or inner state ascribed to a source."""

    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]  # the pieces of the content, in text order
    stance: Stance
    quote: bool  # the content is (mostly) a direct quotation
    sentence: Span  # the sentence holding the cue
    sentence_index: int
    via: str | None = None  # outlet it was told to or cited through ("Reuters")
    speaker: str | None = None  # the source resolved to its fullest mention in the article
    speaker_role: str | None = None  # the role as written ("spokesman for the US Central Command")
    speaker_kind: SpeakerKind = SpeakerKind.UNKNOWN
    anonymous: bool = False
    polarity: Polarity = Polarity.AFFIRMED
    extras: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def content_span(self) -> Span | None:
        """The content's outer bounds; pieces joined by what lies between them."""
        if not self.content:
            return None
        first, last = self.content[0], self.content[-1]
        text = " … ".join(piece.text for piece in self.content)
        return Span(first.start, last.end, text)

    @property
    def content_text(self) -> str:
        return " … ".join(piece.text for piece in self.content)

    def as_json(self) -> dict[str, Any]:
        content = self.content_span
        return {
            "source": self.source.as_json() if self.source else None,
            "cue": self.cue.as_json() if self.cue else None,
            "content": content.as_json() if content else None,
            "content_pieces": [piece.as_json() for piece in self.content],
            "stance": self.stance.value,
            "polarity": self.polarity.value,
            "quote": self.quote,
            "via": self.via,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "speaker_kind": self.speaker_kind.value,
            "anonymous": self.anonymous,
            "sentence_index": self.sentence_index,
        }
