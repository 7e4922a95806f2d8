"""A question's names typed wrong are respelt against what the store holds before it is
searched (``bot.answer.respelling``, ``bot.services.respelling``): a word no claim holds as
the indexed word a slip from it, and two words side by side as a stored speaker's name."""

from __future__ import annotations

from bot.answer.question import parse_question
from bot.answer.respelling import (
    Word,
    best_slip,
    in_case_of,
    inflected,
    name_slip,
    question_words,
    rewritten,
    slips,
    written_as_name,
    written_in,
)
from bot.services.respelling import respelt_by_store
from bot.sources.draft import Origin
from bot.sources.files import draft_from_plain_text

WRECK = (
    "Navy confirms wreck off Okinawa is the submarine Grayback\n\n"
    "The navy confirmed on Monday that the wreck found off Okinawa last month is the "
    'submarine USS Grayback, lost with its crew of eighty in 1944. "There is no doubt left '
    'that this is the Grayback," said Orla Fenwick, who led the search for the Lost Boats '
    "Project."
    "\n"
)

FERRY = (
    "Divers find the ferry lost in the storm\n\n"
    "Rescue divers said on Friday that they had found the wreck of the ferry Lindqvist Star "
    "in forty metres of water. Harbour master Jonas Ekberg confirmed that the find would "
    "let the families bury their dead. Pastor Ruth Amsel said the find was divine mercy "
    "after a long wait. Diver Karim al-Haddadi said the hull was intact."
    "\n"
)

CAMPAIGN = (
    "Senator's campaign rules out a third debate\n\n"
    "Campaign strategist Marta Devine said on Sunday that the senator would not take part "
    'in a third debate. "Two debates are enough for voters to judge," Devine said. Rival '
    "adviser Marta Kellerman called the decision a retreat."
    "\n"
)


def test_slips_are_a_spellers_and_keep_the_first_letter() -> None:
    found = slips("greyback")
    # a vowel for another, a letter dropped, swapped, doubled, a vowel added
    assert {"grayback", "greybak", "gerybcak", "greyabck", "greybbak"} & found == {
        "grayback",
        "greybak",
        "greyabck",
    }
    assert {"greybaack", "greybacka"} <= found
    assert "greyback" not in found and "reyback" not in found
    assert all(slip.startswith("g") for slip in found)
    assert {"awlaki", "awlaci"} <= slips("awlaqi")  # letters that sound alike
    assert "awlami" not in slips("awlaqi")  # any other letter is not a speller's slip
    assert len(slips("greyback")) < 120


def test_the_slip_most_claims_hold_is_the_spelling() -> None:
    assert best_slip("greyback", {"grayback": 3, "greybacks": 0}) == "grayback"
    # a letter more at the end is another word, and a tie reads nothing
    assert best_slip("rosen", {"rose": 9}) is None
    assert best_slip("hanson", {"hansen": 2, "hanzon": 2}) is None


def test_a_name_word_beside_the_other_may_differ_at_its_end() -> None:
    assert name_slip("bozelle", "bozell")
    assert name_slip("divine", "devine")
    assert not name_slip("divine", "levine")  # another first letter
    assert not name_slip("tad", "tan")  # too short to tell


def test_a_respelt_word_keeps_the_case_it_was_typed_in() -> None:
    question = "who confirmed the greyback wreck find"
    words = question_words(question)
    assert [word.plain for word in words] == ["confirmed", "greyback", "wreck", "find"]
    greyback = words[1]
    assert rewritten(question, {greyback.start: (greyback, "grayback")}) == (
        "who confirmed the grayback wreck find"
    )
    assert in_case_of("Divine", "devine") == "Devine"
    assert in_case_of("divine", "Devine") == "devine"
    assert in_case_of("NASSA", "nasa") == "NASA"
    assert written_in("devine", ["Marta Devine", "Devine"]) == "Devine"
    assert written_in("kolev", ["Marta Devine"]) is None
    assert Word(0, 1, "a", "a").plain == "a"


def test_a_name_is_what_the_texts_capitalise_in_mid_sentence() -> None:
    texts = ["The cleric Anwar al-Awlaki spoke.", "Awlaki said so.", "Videos of al-Awlaki ran."]
    assert written_as_name("awlaki", texts) == "Awlaki"
    assert written_as_name("master", ["He is a master of disguise.", "Master plans."]) is None
    assert written_as_name("grayback", ["no such word here"]) is None


def test_an_inflected_english_word_is_no_name() -> None:
    assert inflected("endorsed", "endors") and inflected("commuters", "commut")
    assert not inflected("divine", "divin")  # a final e cut is no inflection
    assert not inflected("harmon", "harmon")


async def _ingest(service) -> None:  # type: ignore[no-untyped-def]
    for article in (WRECK, FERRY, CAMPAIGN):
        await service.ingest_draft(draft_from_plain_text(article, origin=Origin.FILE))


async def _respelt(service, question: str) -> str:  # type: ignore[no-untyped-def]
    async with service.sessions() as session:
        return (await respelt_by_store(session, parse_question(question))).text


async def test_a_word_no_claim_holds_is_read_as_the_indexed_word_a_slip_from_it(  # type: ignore[no-untyped-def]
    service,
) -> None:
    await _ingest(service)
    assert await _respelt(service, "Who confirmed the USS Greyback wreck find?") == (
        "Who confirmed the USS Grayback wreck find?"
    )
    assert await _respelt(service, "who confirmed the greyback wreck find") == (
        "who confirmed the grayback wreck find"
    )
    # words the claims hold, and a name no claim comes a slip near, stay as typed
    assert await _respelt(service, "Who found the ferry wreck?") == "Who found the ferry wreck?"
    assert await _respelt(service, "What did Ngozi Adeyemi say?") == "What did Ngozi Adeyemi say?"
    # a part of a hyphened name, as the index splits it
    assert await _respelt(service, "what did hadadi say about the hull") == (
        "what did haddadi say about the hull"
    )
    # a slip from a word the claims write in lower case is no name typed wrong ("divine")
    assert await _respelt(service, "Who said the find was divone?") == (
        "Who said the find was divone?"
    )


async def test_two_words_side_by_side_are_read_as_the_stored_speaker_they_name(  # type: ignore[no-untyped-def]
    service,
) -> None:
    await _ingest(service)
    # "divine" is a word a claim holds: the other word of the name says it is Devine
    assert await _respelt(service, "What did Marta Divine say about the debate?") == (
        "What did Marta Devine say about the debate?"
    )
    assert await _respelt(service, "what did marta divine say") == "what did marta devine say"
    # a name stored as typed stays; so does a word beside a name that no speaker has
    assert await _respelt(service, "What did Marta Kellerman say?") == (
        "What did Marta Kellerman say?"
    )
    assert await _respelt(service, "Was the find divine mercy?") == "Was the find divine mercy?"


IDENTIFIED = (
    "Navy names the submarine found off Okinawa\n\n"
    "The navy said on Monday that it had identified the submarine found off Okinawa as the "
    "USS Grayback, lost with its crew of eighty in 1944."
    "\n"
)

DIVERS = ["Anna Berg", "Tomas Holm", "Lena Strand", "Per Lund", "Eva Dahl"]
BOATS = ["Aurora", "Belmont", "Cormorant", "Dunlin"]


def _salvage_report(boat: str) -> str:
    """Five divers each saying they identified a wreck: claims that hold two of the words of
    "who identified the Greyback wreck" and none of them its name."""
    said = " ".join(
        f"Diver {diver} said that her team had identified the wreck of the trawler {boat}."
        for diver in DIVERS
    )
    return f"Divers reach the trawler {boat}\n\n{said}\n"


async def test_a_misspelt_name_no_longer_keeps_its_article_out_of_the_search(  # type: ignore[no-untyped-def]
    service,
) -> None:
    # twenty claims with "identified" and "wreck" fill the candidates before a claim that
    # holds "identified" and the name typed wrong is looked for
    for article in [IDENTIFIED, *map(_salvage_report, BOATS)]:
        await service.ingest_draft(draft_from_plain_text(article, origin=Origin.FILE))
    answers = (await service.ask("Who identified the Greyback wreck?")).answers
    assert answers and answers[0].speaker == "The navy", answers[:1]
    lower = (await service.ask("who identified the greyback wreck")).answers
    assert lower and lower[0].attribution_id == answers[0].attribution_id
