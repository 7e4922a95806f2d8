"""A question respelt against the store's vocabulary before it is searched
(``bot.answer.respelling``): the look-ups, each over the question's own spellings."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.answer.question import ParsedQuestion, parse_question
from bot.answer.respelling import (
    Word,
    best_slip,
    inflected,
    name_slip,
    neighbours,
    question_words,
    rewritten,
    slips,
    unknown_words,
    written_as_name,
    written_in,
)
from bot.folding import name_skeleton
from store.term_stats import TermStats, empty_term_stats
from store.vocabulary import (
    claims_with_terms,
    names_beside,
    speaker_words_held,
    texts_with_term,
)


async def respelt_by_store(
    session: AsyncSession, parsed: ParsedQuestion, *, term_stats: TermStats | None = None
) -> ParsedQuestion:
    """The question with its names typed wrong spelt as the store spells them: first two
    words side by side as one stored speaker's name, then a word no claim holds."""
    words = question_words(parsed.text)
    if not words:
        return parsed
    stats = term_stats or empty_term_stats(session.get_bind().dialect.name)
    uninflected = [word for word in words if not inflected(word.plain, stats.stem(word.plain))]
    spellings = await _names_side_by_side(session, parsed.text, uninflected)
    rest = [word for word in words if word.start not in spellings]
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
            names = await names_beside(session, beside)
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
    """Only words the stemmer leaves whole, read as words it leaves whole: a word it cuts has
    an English ending ("commuters", "detained"), and a slip from a name to a stem ("commun",
    of "community") is no name either."""
    whole = [word for word in words if stats.stem(word.plain) == word.plain]
    held = await claims_with_terms(
        session, [word.plain for word in whole if word.plain not in stats.frequencies]
    )

    def claims(term: str) -> int:
        return stats.frequencies.get(term) or held.get(term, 0)

    unknown = unknown_words(whole, {word.plain: claims(word.plain) for word in whole})
    variants = {
        word.plain: [slip for slip in slips(word.plain) if stats.stem(slip) == slip]
        for word in unknown
    }
    rare = {slip for found in variants.values() for slip in found if slip not in stats.frequencies}
    held |= await claims_with_terms(session, sorted(rare))
    spellings = {}
    for word in unknown:
        spelling = best_slip(word.plain, {slip: claims(slip) for slip in variants[word.plain]})
        written = await _as_a_name(session, spelling) if spelling is not None else None
        if written is not None:
            spellings[word.start] = (word, written)
    return spellings


async def _as_a_name(session: AsyncSession, term: str) -> str | None:
    """How the claims holding the term write it, if as a name (capitalised in mid-sentence,
    mostly): "drunk" typed for "drink", "Mister" for "master" are no names typed wrong."""
    return written_as_name(term, await texts_with_term(session, term))
