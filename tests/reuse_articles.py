"""Articles written for the text-reuse tests: an original, an edited copy, a copy adding a
paragraph, and an unrelated article on the same topic. Each is a list of paragraphs of
sentences, the sentences taken over from the original marked, so a test knows the share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.sources.draft import ArticleDraft, Origin

ORIGINAL_PARAGRAPHS = [
    [
        "The port authority of Klaipeda denied on Tuesday that it plans to close the northern "
        "container terminal next year.",
        '"There is no plan to close the terminal, and there never was one," Lena Varga, the '
        "port's director, said at a news conference.",
    ],
    [
        "The denial follows a leaked memo that suggested the terminal would shut by the end of "
        "next year because of falling cargo volumes.",
        "Dock workers gathered outside the authority's offices on Monday evening, demanding a "
        "written guarantee that their jobs are safe.",
    ],
    [
        "Varga said the authority would invest 40 million euros in new cranes over the next "
        "three years.",
        "The city council is expected to discuss the port's budget at its meeting on Thursday, "
        "and several members have asked for the memo to be published.",
        "Cargo volumes at the northern terminal fell by 12 percent last year, according to "
        "figures published by the transport ministry in January.",
    ],
]


@dataclass(frozen=True)
class Written:
    title: str
    outlet: str
    published: datetime
    url: str
    paragraphs: list[list[tuple[str, bool]]]  # (sentence, taken over from the original)

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(s for s, _ in p) for p in self.paragraphs)

    @property
    def copied_share(self) -> float:
        """The share of the text's characters in sentences taken over from the original."""
        sentences = [pair for p in self.paragraphs for pair in p]
        total = sum(len(s) for s, _ in sentences)
        return sum(len(s) for s, copied in sentences if copied) / total

    def draft(self) -> ArticleDraft:
        return ArticleDraft(
            title=self.title,
            text=self.text,
            origin=Origin.FILE,
            url=self.url,
            outlet=self.outlet,
            published=self.published,
        )


def _day(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


ORIGINAL = Written(
    title="Klaipeda port denies plan to close northern terminal",
    outlet="Baltic Wire",
    published=_day(10),
    url="https://baltic-wire.example/port-denies-closure",
    paragraphs=[[(s, True) for s in p] for p in ORIGINAL_PARAGRAPHS],
)

# Edited: a word or two changed in most sentences, one sentence dropped, one rewritten in
# other words, and the source named.
EDITED_COPY = Written(
    title="Port of Klaipeda says northern terminal will stay open",
    outlet="Coastal Daily",
    published=_day(11),
    url="https://coastal-daily.example/terminal-stays-open",
    paragraphs=[
        [
            (
                "The port authority of Klaipeda denied on Tuesday that it plans to shut the "
                "northern container terminal next year, Baltic Wire reported.",
                True,
            ),
            (
                '"There is no plan to close the terminal, and there never was one," Lena '
                "Varga, the port's director, said at a news conference.",
                True,
            ),
        ],
        [
            (
                "The denial follows a leaked memo which suggested the terminal would shut by the "
                "end of next year because of falling cargo volumes.",
                True,
            ),
            (
                "On Monday night hundreds of dockers protested in front of the building, asking "
                "for their jobs to be guaranteed in writing.",
                False,
            ),
        ],
        [
            (
                "Varga said the authority would invest 40 million euros in new cranes during the "
                "next three years.",
                True,
            ),
            (
                "Cargo volumes at the northern terminal fell by 12 percent last year, according "
                "to figures published by the transport ministry in January.",
                True,
            ),
        ],
    ],
)

ADDED_PARAGRAPH_COPY = Written(
    title="Klaipeda terminal: port rejects closure reports",
    outlet="Rava Desk",
    published=_day(12),
    url="https://rava-desk.example/klaipeda-terminal",
    paragraphs=[
        *[[(s, True) for s in p] for p in ORIGINAL_PARAGRAPHS],
        [
            (
                "Shipping analysts in Riga said the dispute reflects a wider slump in Baltic "
                "container traffic since the spring.",
                False,
            ),
            (
                "Two rival ports have cut their fees this month in an attempt to win back the "
                "lines that left the region.",
                False,
            ),
            (
                "A spokesman for the largest shipping line declined to say whether it would keep "
                "calling at Klaipeda next season.",
                False,
            ),
        ],
    ],
)

# The same story told in other words: it must not be linked.
SAME_TOPIC = Written(
    title="Workers fear for jobs at Klaipeda container terminal",
    outlet="Northern Post",
    published=_day(10, 15),
    url="https://northern-post.example/klaipeda-jobs",
    paragraphs=[
        [
            (
                "Hundreds of dock workers in Klaipeda spent Monday night outside the port "
                "offices after a memo about the northern terminal leaked.",
                False,
            ),
            (
                "The port's director, Lena Varga, rejected talk of a closure, telling "
                "journalists the terminal had a future.",
                False,
            ),
        ],
        [
            (
                "Union leader Tomas Petraitis said his members had heard such promises before "
                "and wanted them on paper.",
                False,
            ),
            (
                "The ministry's own statistics show a double-digit fall in the terminal's "
                "cargo over the past year.",
                False,
            ),
            (
                "City councillors will take up the port's finances when they meet later this week.",
                False,
            ),
        ],
    ],
)
