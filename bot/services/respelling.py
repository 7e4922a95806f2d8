"""A question respelt against the store's vocabulary before it is searched
(``bot.answer.respelling``): the look-ups, each over the question's own spellings."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.question import ParsedQuestion, parse_question
from bot.answer.respelling import (
    Word,
    best_slip,
    name_slip,
    neighbours,
    question_words,
    rewritten,
    slips,
    unknown_words,
    written_in,
)
from bot.folding import name_skeleton
from store.term_stats import TermStats, empty_term_stats
from store.vocabulary import claims_with_terms, names_beside, speaker_words_held


async def respelt_by_store(
    session: AsyncSession, parsed: ParsedQuestion, *, term_stats: TermStats | None = None
) -> ParsedQuestion:
    """The question with its names typed wrong spelt as the store spells them: first two
    words side by side as one stored speaker's name, then a word no claim holds."""
    words = question_words(parsed.text)
    if not words:
        return parsed
    spellings = await _names_side_by_side(session, parsed.text, words)
    rest = [word for word in words if word.start not in spellings]
    stats = term_stats or empty_term_stats(session.get_bind().dialect.name)
    spellings |= await _words_no_claim_holds(session, rest, stats)
    if not spellings:
        return parsed
    return parse_question(rewritten(parsed.text, spellings))


async def _names_side_by_side(
    session: AsyncSession, question: str, words: list[Word]
) -> dict[int, tuple[Word, str]]:
    pairs = neighbours(words, question)
    if not pairs:
        return {}
    skeletons = {word.start: name_skeleton(word.plain) for pair in pairs for word in pair}
    held = await speaker_words_held(session, list(skeletons.values()))
    spellings: dict[int, tuple[Word, str]] = {}
    for one, other in pairs:
        for known, typed in ((one, other), (other, one)):
            beside, asked = skeletons[known.start], skeletons[typed.start]
            if beside not in held or typed.start in spellings or beside == asked:
                continue
            names = await names_beside(session, beside, [asked, *slips(asked)])
            if asked in names:
                break  # the two are one stored name as typed
            near = [word for word in names if name_slip(asked, word)]
            spelling = written_in(near[0], names[near[0]]) if len(near) == 1 else None
            if spelling is not None:
                spellings[typed.start] = (typed, spelling)
                break
    return spellings


async def _words_no_claim_holds(
    session: AsyncSession, words: list[Word], stats: TermStats
) -> dict[int, tuple[Word, str]]:
    stems = {word.plain: stats.stem(word.plain) for word in words}
    looked_up = await claims_with_terms(
        session, [stem for stem in stems.values() if stem not in stats.frequencies]
    )

    def claims(stem: str) -> int:
        return stats.frequencies.get(stem) or looked_up.get(stem, 0)

    unknown = unknown_words(words, {plain: claims(stem) for plain, stem in stems.items()})
    if not unknown:
        return {}
    variants = {
        word.plain: {slip: stats.stem(slip) for slip in slips(word.plain)} for word in unknown
    }
    rare = {
        stem
        for stems_of in variants.values()
        for stem in stems_of.values()
        if stem not in stats.frequencies
    }
    looked_up |= await claims_with_terms(session, sorted(rare))
    spellings = {}
    for word in unknown:
        held = {slip: claims(stem) for slip, stem in variants[word.plain].items()}
        spelling = best_slip(word.plain, held)
        if spelling is not None:
            spellings[word.start] = (word, spelling)
    return spellings
