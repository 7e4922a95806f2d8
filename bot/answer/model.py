"""What answering hands to the renderers (CLI, console, Telegram)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRef:
    id: int
    title: str
    url: str | None
    outlet: str | None
    published: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    attribution_id: int
    speaker: str | None  # the speaker's name as resolved in the article ("Josh Jacques")
    speaker_description: str | None  # role as written ("spokesman for the US Central Command")
    stance: str  # say, deny, accuse, claim, confirm, announce, warn, demand, believe, report,
    # decline (a negated or refused cue: "did not say", "declined to confirm"), hedge ("may")
    cue: str | None  # the words that mark the attribution, as written ("told", "did not say")
    content: str  # what was said, as written
    quote: bool  # the content is the speaker's own quoted words
    via: str | None  # outlet it was told to or cited through ("Reuters")
    sentence: str
    article: ArticleRef
    score: float  # 0-100: how well this claim answers the question
    polarity: str = "affirmed"  # affirmed, negated, refused or modal: how the cue is written
    speaker_id: int | None = None  # the stored speaker, for a link to their page
    # Every article carrying the same statement, earliest first (``provenance.py``); empty
    # until the service looks; ``chain``: speaker → told X → carried by Y → repeated by Z.
    reports: tuple[ArticleRef, ...] = ()
    chain: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_description": self.speaker_description,
            "stance": self.stance,
            "polarity": self.polarity,
            "cue": self.cue,
            "content": self.content,
            "quote": self.quote,
            "via": self.via,
            "sentence": self.sentence,
            "article": self.article.as_json(),
            "score": round(self.score, 1),
            "reports": [report.as_json() for report in self.reports or (self.article,)],
            "chain": list(self.chain),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerSet:
    question: str
    answers: list[Answer]  # what newsprov stands behind, best first; empty when nothing answers
    related: list[Answer] = field(default_factory=list)  # near misses, never presented as answers
    dispute: bool = False  # the answers disagree (e.g. one side denies, another accuses)
    provenance: str | None = None  # asked who first reported it ("first") or who carried it

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answers": [answer.as_json() for answer in self.answers],
            "related": [answer.as_json() for answer in self.related],
            "dispute": self.dispute,
            "provenance": self.provenance,
        }
