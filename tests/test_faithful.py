"""Faithful replies: a negated, refused or modal cue is shown as written and never answers a
question about the act it withholds; a quote that goes on past its cue is kept whole.

Through the extractor, the service (ingest and ask on a real database), the plain-text and
Telegram HTML replies, and the real python-telegram-bot Application against the fake Bot API.
The articles are written for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from fake_bot_api import FakeBotApi
from sqlalchemy import select, update
from telegram_harness import USER_ID, job_reply
from telegram_html import parse_html

from bot.conversation.render import render_answer_set, render_sources
from bot.conversation.style import HTML, PLAIN
from bot.extract.model import ExtractedAttribution, Polarity, Stance
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text
from store.models import Attribution

WITHHELD = """Riverside bridge repairs stall as questions mount

Mayor Helena Varga did not say whether the city would pay for the damaged bridge. The regional \
health agency declined to confirm that the water supply was safe. Greenfield Chemicals, which \
owns the plant upstream, refused to comment on the spill at its R&D site.

A spokesman for the utility would not confirm the cost of the repairs. The fire chief could \
not say when the road would reopen. The company has not denied that its valves failed. The \
governor may announce a state of emergency on Friday.

Harbour master Ole Brandt said the port would stay open through the weekend.
"""

CONTINUED = """Residents demand answers after the Riverside spill

"Nobody warned us about the spill," resident Ana Lindqvist told reporters, "and nobody has \
apologised.

"We want answers before the next storm."

"We are doing everything we can," said council member Tomas Reyes. "The pumps will run all \
night."
"""

POSITIVE = {Stance.SAY, Stance.CONFIRM, Stance.DENY, Stance.ANNOUNCE}


def by_cue(found: list[ExtractedAttribution]) -> dict[str, ExtractedAttribution]:
    return {item.cue.text: item for item in found if item.cue is not None}


@pytest.mark.parametrize(
    ("cue", "polarity", "stance", "content"),
    [
        ("did not say", Polarity.NEGATED, Stance.DECLINE, "whether the city would pay"),
        ("declined", Polarity.REFUSED, Stance.DECLINE, "to confirm that the water supply was safe"),
        ("refused", Polarity.REFUSED, Stance.DECLINE, "to comment on the spill"),
        ("would not confirm", Polarity.NEGATED, Stance.DECLINE, "the cost of the repairs"),
        ("could not say", Polarity.NEGATED, Stance.DECLINE, "when the road would reopen"),
        ("has not denied", Polarity.NEGATED, Stance.DECLINE, "that its valves failed"),
        ("may announce", Polarity.MODAL, Stance.HEDGE, "a state of emergency"),
    ],
)
def test_a_withheld_cue_keeps_its_words_and_is_not_its_verbs_act(
    extractor: Any, cue: str, polarity: Polarity, stance: Stance, content: str
) -> None:
    found = by_cue(extractor.extract(WITHHELD))
    assert cue in found, sorted(found)
    item = found[cue]
    assert item.polarity is polarity
    assert item.stance is stance and item.stance not in POSITIVE
    assert item.content_text.startswith(content)
    assert item.as_json()["polarity"] == polarity.value


def test_a_plain_cue_stays_affirmed(extractor: Any) -> None:
    found = by_cue(extractor.extract(WITHHELD))
    said = found["said"]
    assert said.polarity is Polarity.AFFIRMED and said.stance is Stance.SAY
    assert said.content_text == "the port would stay open through the weekend"
    only = by_cue(extractor.extract("Story\n\nA spokesman would say only that talks went on."))
    assert all(item.polarity is Polarity.AFFIRMED for item in only.values())


@pytest.mark.parametrize(
    ("sentence", "cue", "polarity"),
    [
        ("The pilot did not know the runway was wet and said the brakes had failed.", "said",
         Polarity.AFFIRMED),  # the negation is the other verb's
        ("The register does not, however, list any ships from Arvale.", "does not, however, list",
         Polarity.NEGATED),
        ("The harbour colony is declining fast, the warden said.", "said", Polarity.AFFIRMED),
        ("The dockers' union refused the offer on Monday.", "refused", Polarity.REFUSED),
        ("The ministry will announce the new tariffs in May.", "will announce", Polarity.MODAL),
        ("The port authority would neither confirm nor deny the report.",
         "would neither confirm nor deny", Polarity.NEGATED),
        ("Police did not confirm or deny that a second ship was seized.",
         "did not confirm or deny", Polarity.NEGATED),
    ],
)  # fmt: skip
def test_polarity_belongs_to_the_cue_word(
    extractor: Any, sentence: str, cue: str, polarity: Polarity
) -> None:
    found = by_cue(extractor.extract(f"Harbour news\n\n{sentence}"))
    assert cue in found, sorted(found)
    assert found[cue].polarity is polarity
    assert (found[cue].stance in POSITIVE) == (polarity is Polarity.AFFIRMED)


def test_a_quote_goes_on_past_its_cue_and_into_the_next_paragraph(extractor: Any) -> None:
    found = by_cue(extractor.extract(CONTINUED))
    told = [piece.text for piece in found["told"].content]
    assert told == [
        '"Nobody warned us about the spill,"',
        '"and nobody has apologised.',
        '"We want answers before the next storm."',
    ]
    assert found["told"].quote
    said = [piece.text for piece in found["said"].content]
    assert said == ['"We are doing everything we can,"', '"The pumps will run all night."']


async def ingest(service: Any, text: str) -> None:
    outcome = await service.ingest_draft(draft_from_plain_text(text, origin=Origin.TEXT))
    assert outcome.attributions


async def test_a_question_about_the_act_is_not_answered_by_its_refusal(service: Any) -> None:
    await ingest(service, WITHHELD)
    for question in (
        "Who confirmed that the water supply was safe?",
        "Who said the city would pay for the damaged bridge?",
        "Who denied that the valves failed?",
        "Who announced a state of emergency?",
    ):
        answers = (await service.ask(question)).answers
        assert all(answer.stance not in {"decline", "hedge"} for answer in answers), answers


async def test_a_did_question_is_answered_by_what_was_withheld(service: Any) -> None:
    await ingest(service, WITHHELD)
    answers = await service.ask("Did the company deny that its valves failed?")
    assert answers.answers and answers.answers[0].cue == "has not denied"
    plain = render_answer_set(answers, PLAIN)
    # "The company" is the article's last company to speak: the reply names it, and offers
    # the sentence as written, which does not, for checking.
    assert "1. Greenfield Chemicals has not denied that its valves failed\n" in plain
    assert "In the article: The company has not denied that its valves failed." in plain


async def test_who_declined_or_refused_finds_them(service: Any) -> None:
    await ingest(service, WITHHELD)
    refused = (await service.ask("Who refused to confirm the water supply was safe?")).answers
    assert refused and refused[0].speaker == "The regional health agency"
    assert refused[0].stance == "decline" and refused[0].polarity == "refused"
    assert refused[0].cue == "declined"  # PolNeAR's cue; the content goes on "to confirm ..."
    spill = (await service.ask("Who declined to comment on the spill?")).answers
    assert spill and spill[0].speaker == "Greenfield Chemicals" and spill[0].stance == "decline"
    cost = (await service.ask("who would not confirm the cost of the repairs")).answers
    assert cost and cost[0].cue == "would not confirm"


async def test_what_the_mayor_said_is_that_she_did_not_say(service: Any) -> None:
    await ingest(service, WITHHELD)
    answers = await service.ask("What did Helena Varga say about the bridge?")
    assert answers.answers and answers.answers[0].cue == "did not say"
    plain = render_answer_set(answers, PLAIN)
    assert "did not say whether the city would pay for the damaged bridge" in plain
    assert "said whether" not in plain
    assert "In the article: Mayor Helena Varga did not say whether the city would pay" in plain


async def test_replies_keep_the_cue_and_offer_the_sentence_escaped(service: Any) -> None:
    await ingest(service, WITHHELD)
    answers = await service.ask("Who declined to comment on the spill?")
    for style in (PLAIN, HTML):
        reply = render_answer_set(answers, style)
        visible = parse_html(reply) if style is HTML else reply
        assert "Greenfield Chemicals refused to comment on the spill at its R&D site" in visible
        assert "said to comment" not in visible
        assert "In the article: Greenfield Chemicals, which owns the plant upstream," in visible
        sources = render_sources(answers, style)
        shown = parse_html(sources) if style is HTML else sources
        assert "refused to comment on the spill at its R&D site." in shown
    assert "R&amp;D site" in render_answer_set(answers, HTML)


async def test_what_she_said_is_the_whole_quote(service: Any) -> None:
    await ingest(service, CONTINUED)
    answers = await service.ask("What did Ana Lindqvist say about the spill?")
    assert answers.answers
    plain = render_answer_set(answers, PLAIN)
    assert "“Nobody warned us about the spill … and nobody has apologised." in plain
    assert "We want answers before the next storm.”" in plain
    assert '"' not in plain.split("\n")[2]  # the article's own marks are not repeated inside


async def test_the_bot_answers_with_the_cue_as_written(
    bot_api: FakeBotApi, running_bot: Any
) -> None:
    bot_api.send(WITHHELD)
    stored = await job_reply(bot_api)
    assert stored["text"].startswith("Stored")
    assert "Helena Varga" in stored["text"] and "did not say" in stored["text"]
    assert "said whether" not in stored["text"] and "said to" not in stored["text"]

    bot_api.send("who declined to confirm that the water supply was safe?")
    answer = await bot_api.next_reply(USER_ID)
    assert "The regional health agency declined to confirm that the water supply" in answer["text"]
    assert "said to confirm" not in answer["text"]
    assert "In the article:" in answer["text"]
    sources = next(b for b in bot_api.buttons(answer) if b["text"] == "Sources")
    bot_api.press(answer, sources["callback_data"])
    listed = await bot_api.next_reply(USER_ID)
    assert "declined to confirm that the water supply was safe." in listed["text"]
    assert not bot_api.refusals()


async def test_reextract_gives_claims_stored_before_polarity_their_stance(service: Any) -> None:
    await ingest(service, WITHHELD)
    # What the extractor before migration 0004 stored: every cue affirmed, with its verb's stance.
    async with service.sessions.begin() as session:
        await session.execute(update(Attribution).values(stance="say", polarity="affirmed"))
    stale = (await service.ask("Who declined to comment on the spill?")).answers
    assert all(answer.stance == "say" for answer in stale)
    await service.reextract()
    async with service.sessions() as session:
        rows = (await session.execute(select(Attribution.cue, Attribution.polarity))).all()
    assert ("did not say", "negated") in rows and ("may announce", "modal") in rows
    spill = (await service.ask("Who declined to comment on the spill?")).answers
    assert spill and spill[0].speaker == "Greenfield Chemicals" and spill[0].stance == "decline"
    assert "refused to comment on the spill" in render_answer_set(
        await service.ask("Who declined to comment on the spill?"), PLAIN
    )
