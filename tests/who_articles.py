"""Articles written for the /who tests: one councillor and one union leader quoted across
several articles under several spellings, and a second Kolev who makes the surname ambiguous."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.sources.draft import ArticleDraft, Origin

DEPOT_VOTE = """Varna council delays the tram depot

Varna's city council voted on Tuesday to delay the new tram depot by a year.

"The money is simply not there this year," councillor Stefan Kolev said after the vote.

Maria Petrova, the head of the transport workers' union, said the delay would cost jobs."""

DEPOT_ROW = """Tram depot row goes on in Varna

Stefan Kolev, a city councillor, denied that the council had misled the union.

Mr Kolev said the depot would be built in 2028.

Union leader Maria Petrova accused the council of breaking its promise."""

BUDGET_DEBATE = """Varna budget debate runs late

Stefan Kolev, a city councillor, said the budget would be balanced by the spring.

Kolev said the ferry subsidy would stay.

He said the school roofs would be repaired first.

Kolev added that the harbour fees would rise by two percent.

Kolev said the night buses would run until one o'clock.

He denied that the museum would close.

Kolev warned that the bridge repairs could cost twice as much."""

UNION_WARNING = """Transport union warns of strike

Mariia Petrova, the union's leader, warned that the tram drivers could strike in March."""

BUS_DRIVER = """Night buses run late again

Ivan Kolev, a bus driver, said the night buses had been late all week."""


def draft(article: str, day: int) -> ArticleDraft:
    """The article as pasted text, dated ``day`` November 2026."""
    title, text = article.split("\n\n", 1)
    published = datetime(2026, 11, day, 9, tzinfo=UTC)
    return ArticleDraft(title=title, text=text, origin=Origin.TEXT, published=published)
