"""Replies written from service results (pure functions of their arguments and a Style)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.conversation.classify import shorten
from bot.conversation.commands import Command
from bot.conversation.reports import render_chain, render_reports
from bot.conversation.service import (
    FeedResult,
    IngestResult,
    PollResult,
    StatsResult,
    WatchResult,
)
from bot.conversation.style import PLAIN, Style
from bot.conversation.web_links import OPEN_LABEL, WebLinks
from bot.extract.model import UNASSERTED_STANCES

QUESTION_PREFIX = "Q: "
MAX_CONTENT_CHARS = 500
MAX_SUMMARY_CLAIMS = 4

STANCE_VERBS = {
    "say": "said",
    "deny": "denied",
    "accuse": "accused",
    "claim": "claimed",
    "confirm": "confirmed",
    "announce": "announced",
    "warn": "warned",
    "demand": "demanded",
    "believe": "believes",
    "report": "reported",
    # Headings only: a claim of these stances is written with its cue's own words.
    "decline": "declined or did not say",
    "hedge": "might say",
}
# Stances whose cue does not report its act ("did not say", "declined to confirm", "may
# announce"): the reply keeps the cue as written, never a verb rebuilt from the stance.
UNASSERTED = frozenset(stance.value for stance in UNASSERTED_STANCES)
MAX_SENTENCE_CHARS = 400
MAX_BRIDGE_WORDS = 3  # "refused to comment | on | the spill": words between a cue and its content
NO_ANSWER = "I have no stored claim about that."
READ_MORE_HINT = "Forward me a news post, send a link or paste an article, and I will read it."


def stance_verb(stance: str) -> str:
    return STANCE_VERBS.get(stance, "said")


def format_date(value: datetime | None) -> str | None:
    return f"{value.day} {value:%b %Y}" if value else None


def render_article(article: ArticleRef, style: Style, web: WebLinks | None = None) -> str:
    """``Title — Outlet, 12 Mar 2024`` with the title linked when there is a link (and its
    page in the web view, when there is one)."""
    details = [part for part in (article.outlet, format_date(article.published)) if part]
    line = style.link(article.title or f"Article {article.id}", article.url)
    if details:
        line += " — " + style.text(", ".join(details))
    if web is not None:
        line += " · " + style.link(OPEN_LABEL, web.article(article.id))
    return line


_QUOTE_MARKS = "\"“”„‘’'«»"


def strip_quote_marks(content: str) -> str:
    """The quoted words without the marks (and the comma) the article put around them;
    the renderer adds its own."""
    stripped = content.strip().strip(_QUOTE_MARKS).strip()
    stripped = stripped.rstrip(",").rstrip(_QUOTE_MARKS).rstrip()
    return stripped or content


def render_said(answer: Answer, style: Style, limit: int) -> str:
    """What was said, to follow the verb: ``: “quoted words”``, `` that “quoted words”``, or
    reported speech, which reads on from the verb unless it starts a sentence. A quotation in
    pieces (“A,” she said, “and B.” / a quote reopened in the next paragraph) loses the marks
    of each piece and keeps the ellipsis between them."""
    if answer.quote:
        pieces = (_folded(strip_quote_marks(piece)) for piece in answer.content.split(" … "))
        content = " … ".join(piece for piece in pieces if piece)
        lead = ": "
        if content[:5].casefold() == "that ":
            lead, content = " that ", strip_quote_marks(content[5:])
        return lead + style.text(f"“{shorten(content, limit)}”")
    content = shorten(_folded(strip_quote_marks(answer.content)), limit)
    if answer.stance == "accuse":  # whom they accused is the verb's object: no colon
        return " " + style.italic(accused_of(content))
    return (" " if content[:1].islower() else ": ") + style.italic(content)


_BLAMED_FOR = re.compile(r"^(?P<whom>[^,;:]{1,80}?) for (?P<what>.+)$", re.DOTALL)


def accused_of(content: str) -> str:
    """An accusation as "accused" reads on: "the ministry for the deaths" (from "blamed the
    ministry for the deaths") becomes "the ministry of the deaths"."""
    match = _BLAMED_FOR.match(content)
    if match is None or " of " in f" {match['whom']} ":
        return content
    return f"{match['whom']} of {match['what']}"


def _folded(text: str) -> str:
    return " ".join(text.split())


def written_cue(answer: Answer) -> str | None:
    """The cue as the article wrote it, when the reply must use it ("did not say")."""
    if answer.stance not in UNASSERTED or not answer.cue:
        return None
    cue = _folded(answer.cue)
    if cue[:1].isupper() and cue[1:2].islower() and _folded(answer.sentence).startswith(cue):
        cue = cue[0].lower() + cue[1:]  # "Declined to comment, the firm ..."
    return cue


def _bridge(answer: Answer, cue: str) -> str | None:
    """The sentence's words between the cue and its content ("on" in "refused to comment on
    the spill"), or None when the content does not follow the cue closely."""
    sentence = _folded(answer.sentence)
    first_piece = _folded(answer.content.split(" … ", 1)[0])
    at = sentence.find(cue)
    if at < 0 or not first_piece:
        return None
    after = at + len(cue)
    found = sentence.find(first_piece, after)
    if found < 0:
        return None
    bridge = sentence[after:found].strip()
    if len(bridge.split()) > MAX_BRIDGE_WORDS or any(mark in bridge for mark in _QUOTE_MARKS):
        return None
    if any(ch in bridge for ch in ".;:!?"):
        return None
    return bridge


def render_statement(answer: Answer, style: Style, limit: int) -> str:
    """The verb and what follows it: ``denied: “…”``, or, for a cue that does not report its
    act, the cue's own words and the content as the sentence joins them ("did not say whether
    the city would pay")."""
    cue = written_cue(answer)
    if cue is None:
        return stance_verb(answer.stance) + render_said(answer, style, limit)
    bridge = _bridge(answer, cue)
    if bridge is None or answer.quote:
        return style.text(cue) + render_said(answer, style, limit)
    content = shorten(_folded(answer.content), limit)
    lead = f" {style.text(bridge)} " if bridge else " "
    return style.text(cue) + lead + style.italic(content)


def render_claim(answer: Answer, style: Style) -> str:
    """``Josh Jacques, spokesman for …, denied: “…” (told Reuters)``."""
    who = style.bold(answer.speaker or "An unnamed source")
    if answer.speaker_description:
        who += ", " + style.text(answer.speaker_description) + ","
    line = f"{who} {render_statement(answer, style, MAX_CONTENT_CHARS)}"
    if answer.via:
        line += style.text(f" (told {answer.via})")
    return line


def render_source_sentence(answer: Answer, style: Style) -> str | None:
    """The article's sentence under a claim the reply words differently from it: a cue that
    withholds ("did not say"), or a speaker the sentence does not name ("she said" read as
    "Ana Ruiz"). Every answer's sentence is also in the Sources reply."""
    sentence = _folded(answer.sentence)
    if not sentence:
        return None
    speaker = (answer.speaker or "").casefold()
    if answer.stance not in UNASSERTED and speaker and speaker in sentence.casefold():
        return None
    if sentence.rstrip(".") == render_claim(answer, PLAIN):
        return None  # the reply is the sentence word for word
    return style.text("In the article: ") + style.italic(shorten(sentence, MAX_SENTENCE_CHARS))


def render_answer(
    answer: Answer,
    number: int,
    style: Style,
    *,
    article: bool = True,
    asked: str | None = None,
    web: WebLinks | None = None,
) -> str:
    """A numbered claim, the sentence it stands for, its article (unless the claims after it
    come from the same article), and where several articles carry it (or the question
    asked), who reported it first and who repeated it."""
    lines = [f"{number}. {render_claim(answer, style)}"]
    source = render_source_sentence(answer, style)
    if source:
        lines.append(f"    {source}")
    if article:
        lines.append(f"    {render_article(answer.article, style, web)}")
    reports = render_reports(answer, style, asked=asked)
    lines += [f"    {line}" for line in (reports, render_chain(answer, style)) if line]
    return "\n".join(lines)


def render_answers(
    numbered: Sequence[tuple[int, Answer]],
    style: Style,
    *,
    asked: str | None = None,
    web: WebLinks | None = None,
) -> list[str]:
    """Answers gathered by article (in the order their articles first come), numbered in the
    order shown, with each article's line once, under the last of its claims."""
    groups: dict[int, list[Answer]] = {}
    for _, answer in numbered:
        groups.setdefault(answer.article.id, []).append(answer)
    first = numbered[0][0] if numbered else 1
    blocks: list[str] = []
    number = first
    for group in groups.values():
        lines = []
        for position, answer in enumerate(group, start=1):
            last = position == len(group)
            lines.append(render_answer(answer, number, style, article=last, asked=asked, web=web))
            number += 1
        blocks.append("\n".join(lines))
    return blocks


Where = Literal["telegram", "console", "cli"]
_SOURCES_HINT: dict[str, str] = {
    "telegram": "tap /sources to see the articles I have read",
    "console": "type /sources to see the articles I have read",
    "cli": "run newsprov sources to see the articles stored",
}
_READ_MORE: dict[str, str] = {
    "telegram": READ_MORE_HINT,
    "console": "Send a link or /paste an article, and I will read it.",
    "cli": "newsprov ingest reads more articles from files, links or feeds.",
}


def no_answer_hint(where: Where) -> str:
    """What to try when nothing stored answers a question, worded for where it was asked."""
    return (
        f"{NO_ANSWER} Try asking it another way (with who said it, or where it happened), or "
        f"{_SOURCES_HINT[where]}. {_READ_MORE[where]}"
    )


def render_answer_set(
    answers: AnswerSet,
    style: Style,
    *,
    offset: int = 0,
    where: Where = "console",
    web: WebLinks | None = None,
) -> str:
    """The reply to a question: its header line, then the answers (grouped by stance when the
    stored claims disagree, and by article), or what to try when nothing stored answers it."""
    header = style.bold(QUESTION_PREFIX.strip()) + " " + style.text(answers.question)
    if not answers.answers:
        if offset:
            return f"{header}\n\nNo more answers."
        return f"{header}\n\n{style.text(no_answer_hint(where))}"
    paragraphs = [header]
    numbered = list(enumerate(answers.answers, start=offset + 1))
    if answers.dispute:
        paragraphs.append(style.italic("The stored claims disagree:"))
        number = offset + 1
        for stance in dict.fromkeys(answer.stance for answer in answers.answers):
            members = [a for a in answers.answers if a.stance == stance]
            group = render_answers(
                list(enumerate(members, start=number)), style, asked=answers.provenance, web=web
            )
            number += len(members)
            paragraphs.append(
                style.bold(stance_verb(stance).capitalize()) + "\n" + "\n".join(group)
            )
    else:
        paragraphs.extend(render_answers(numbered, style, asked=answers.provenance, web=web))
    if web is not None:
        paragraphs.append(style.link(OPEN_LABEL, web.ask(answers.question)))
    return "\n\n".join(paragraphs)


def question_from_reply(text: str) -> str | None:
    """The question an answer message was written for, read back from its plain text."""
    first_line = text.split("\n", 1)[0]
    if not first_line.startswith(QUESTION_PREFIX):
        return None
    return first_line[len(QUESTION_PREFIX) :].strip() or None


def render_sources(answers: AnswerSet, style: Style) -> str:
    articles = list({a.article.id: a.article for a in answers.answers}.values())
    if not articles:
        return style.text("No sources: nothing stored answers that question.")
    lines = [style.bold("Sources")]
    for article in articles:
        lines.append(f"• {render_article(article, style)}")
        sentences = dict.fromkeys(
            _folded(a.sentence) for a in answers.answers if a.article.id == article.id
        )
        lines += [
            "    " + style.italic(f"“{shorten(sentence, MAX_SENTENCE_CHARS)}”")
            for sentence in sentences
            if sentence
        ]
    return "\n".join(lines)


def summarise_claims(claims: Sequence[Answer], style: Style) -> str:
    parts = []
    for claim in claims[:MAX_SUMMARY_CLAIMS]:
        who = style.text(claim.speaker or "someone")
        parts.append(f"{who} {render_statement(claim, style, 90)}")
    if len(claims) > MAX_SUMMARY_CLAIMS:
        parts.append(style.text(f"and {len(claims) - MAX_SUMMARY_CLAIMS} more"))
    return "; ".join(parts)


def render_ingest(outcome: IngestResult, style: Style, *, title_note: bool = False) -> str:
    """What was found in an article just read, or that it was stored before."""
    title = style.bold(outcome.title)
    claims = list(outcome.attributions)
    if outcome.status == "duplicate":
        text = f"I already have {title} (article {outcome.article_id}); it is stored once."
    else:
        text = f"Stored {title} as article {outcome.article_id}."
    if outcome.published is not None:
        text += " " + style.text(f"Dated {format_date(outcome.published)}.")
    if title_note:
        text += " " + style.text(f"I used the title “{outcome.title}”.")
    if outcome.note:
        text += " " + style.text(outcome.note)
    if not claims:
        return text + " " + style.text("I found no attributed claims in it.")
    count = plural(len(claims), "attribution")
    return f"{text}\n{style.text(count)}: {summarise_claims(claims, style)}"


def render_failure(url: str, reason: str, style: Style) -> str:
    return f"{style.link(url, url)}: {style.text(reason)}"


def render_recent(articles: Sequence[ArticleRef], style: Style, web: WebLinks | None = None) -> str:
    if not articles:
        return style.text("Nothing is stored yet. " + READ_MORE_HINT)
    lines = [style.bold("Recent articles")]
    lines += [f"{a.id}. {render_article(a, style, web)}" for a in articles]
    return "\n".join(lines)


def render_article_claims(
    article: ArticleRef, claims: Sequence[Answer], style: Style, web: WebLinks | None = None
) -> str:
    head = f"{style.bold(f'Article {article.id}')}: {render_article(article, style, web)}"
    if not claims:
        return head + "\n\n" + style.text("No attributed claims were found in it.")
    return head + "\n\n" + "\n".join(f"• {render_claim(c, style)}" for c in claims)


def render_stats(stats: StatsResult, style: Style) -> str:
    return style.text(
        f"Stored: {plural(stats.articles, 'article')}, "
        f"{plural(stats.attributions, 'attribution')} by {plural(stats.speakers, 'speaker')}; "
        f"{plural(stats.feeds, 'feed')} followed."
    )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def render_feed(feed: FeedResult, style: Style) -> str:
    label = feed.title or feed.url
    state = style.text(" (disabled)") if feed.disabled else ""
    return f"{feed.id}. {style.link(label, feed.url)}{state}"


def render_feeds(feeds: Sequence[FeedResult], style: Style) -> str:
    if not feeds:
        return style.text("No feeds are followed. Add one with /addfeed <url>.")
    lines = []
    for feed in feeds:
        line = render_feed(feed, style)
        if feed.duplicate_entries:
            count = feed.duplicate_entries
            line += style.text(f" ({count} duplicate entr{'y' if count == 1 else 'ies'})")
        lines.append(line)
    return "\n".join([style.bold("Feeds"), *lines])


def render_poll(reports: Sequence[PollResult], style: Style) -> str:
    if not reports:
        return style.text("No feeds to poll.")
    lines = []
    for report in reports:
        line = f"{report.feed_id}. {style.text(report.feed_url)}: "
        line += style.text(f"{report.new_articles} new")
        if report.error:
            line += style.text(f"; {report.error}")
        if report.disabled:
            line += style.text("; now disabled")
        lines.append(line)
    return "\n".join([style.bold("Polled"), *lines])


def render_help(commands: Sequence[Command], style: Style, *, intro: str) -> str:
    lines = [style.text(intro), ""]
    for command in commands:
        usage = f"/{command.name}" + (f" {command.usage}" if command.usage else "")
        # Not in <code>: Telegram makes a bare /command tappable.
        lines.append(f"{style.text(usage)} — {style.text(command.description)}")
    return "\n".join(lines)


GREETING = (
    "I answer questions about who said, denied or claimed what in the news, and each answer "
    "names the speaker and links the article it comes from. "
    "Forward me a news post, send a link or paste an article, and I will read who said what in it."
)
EXAMPLE_QUESTION = "Who denied the strike on the market?"


def render_start(style: Style) -> str:
    """The greeting for /start: what the bot does, in two sentences, and a question to try."""
    return "\n\n".join(
        [
            style.bold("Hello!") + " " + style.text(GREETING),
            style.text("Try asking: ") + style.italic(EXAMPLE_QUESTION),
            style.text("/help lists what else I do."),
        ]
    )


def render_watch_added(watch: WatchResult, style: Style) -> str:
    return style.text(
        f"Watching “{watch.topic}” (watch {watch.number}). When a claim about it is stored, "
        "from a feed, a link or anyone's forward, I will send it to you once."
    )


def render_watches(watches: Sequence[WatchResult], style: Style) -> str:
    if not watches:
        return style.text("You watch no topics. Start with /watch <topic>.")
    lines = [style.bold("Your watches")]
    lines += [f"{w.number}. {style.text(w.topic)}" for w in watches]
    lines.append(style.text("/unwatch <n> stops one."))
    return "\n".join(lines)


def render_notice(topic: str, claims: Sequence[Answer], style: Style) -> str:
    """A new claim stored about a watched topic: the claims, then their article, once."""
    head = style.bold("New on your watch:") + " " + style.text(topic)
    numbered = list(enumerate(claims, start=1))
    return "\n\n".join([head, *render_answers(numbered, style)])


INLINE_TITLE_CHARS = 80
INLINE_DESCRIPTION_CHARS = 200


def inline_title(answer: Answer) -> str:
    """``Elena Brask said``: plain text, as Telegram shows an inline result's title."""
    who = answer.speaker or "An unnamed source"
    return shorten(f"{who} {written_cue(answer) or stance_verb(answer.stance)}", INLINE_TITLE_CHARS)


def inline_description(answer: Answer) -> str:
    details = [answer.article.outlet, format_date(answer.article.published)]
    where = ", ".join(part for part in details if part)
    content = _folded(strip_quote_marks(answer.content))
    return shorten(f"{content} ({where})" if where else content, INLINE_DESCRIPTION_CHARS)


def render_inline_message(answer: Answer, style: Style) -> str:
    """The message an inline result sends: the claim, and the article it is from."""
    return f"{render_claim(answer, style)}\n{render_article(answer.article, style)}"
