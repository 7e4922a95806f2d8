"""Who "I" is inside a quote: the speaker the quote is attributed to.

 "I think we will win," said Ana Ruiz: "I" (the source of "think") is Ana Ruiz, whoever spoke
before her. The attribution whose content holds the inner cue says who speaks there.
"""

from __future__ import annotations

from dataclasses import replace

from bot.extract.model import ExtractedAttribution

FIRST_PERSON = {"i", "me", "my"}


def first_person_speakers(found: list[ExtractedAttribution]) -> list[ExtractedAttribution]:
    """Each attribution with a first-person source inside another's content takes that one's
    speaker, role and kind (the innermost content holding its cue)."""
    return [_speaker_of_quote(item, found) for item in found]


def _speaker_of_quote(
    item: ExtractedAttribution, found: list[ExtractedAttribution]
) -> ExtractedAttribution:
    if item.source is None or item.cue is None or item.source.text.lower() not in FIRST_PERSON:
        return item
    at = item.cue.start
    holders = [
        (span.end - span.start, other)
        for other in found
        if other is not item and other.speaker and not _first_person(other)
        for span in other.content
        if span.start <= at < span.end
    ]
    if not holders:
        return item
    outer = min(holders, key=lambda pair: pair[0])[1]
    return replace(
        item,
        speaker=outer.speaker,
        speaker_role=outer.speaker_role,
        speaker_kind=outer.speaker_kind,
        anonymous=outer.anonymous,
    )


def _first_person(item: ExtractedAttribution) -> bool:
    return item.source is not None and item.source.text.lower() in FIRST_PERSON
