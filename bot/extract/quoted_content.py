"""The quotations a cue introduces: around it, run into, after a colon, and the quotes
continuing them in the paragraphs after."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.extract.quotes import QuoteIndex
from bot.extract.rules import char_pieces, text_of, trim

COLON_REACH = 12  # words from the cue to the colon that ends its phrase
_JOINING_GAP = re.compile(r"[\s,:]*")
_ENDS_JOINED = re.compile(r"\b(?:and|but)$")


def colon_before_quote(cue: Token, quotes: QuoteIndex) -> Token | None:
    """The colon ending the cue's phrase when a quotation opens right after it ("read in
    part: “...”", "spoke to the press after the speech: “...”"), or opens the next paragraph
    ("Lind said:" ending a paragraph). Past the first few words, every word before the colon
    belongs to the cue's own phrase."""
    doc = cue.doc
    phrase = {tok.i for tok in cue.subtree}
    for tok in doc[cue.i + 1 : min(cue.i + COLON_REACH, len(doc) - 1)]:
        if tok.text == ":":
            return tok if quoteafter_colon(tok, quotes) is not None else None
        if quotes.region_at(tok.idx) is not None or (tok.is_space and "\n" in tok.text):
            return None
        if tok.i > cue.i + 4 and tok.i not in phrase:
            return None
    return None


def quoteafter_colon(colon: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """The quotation opening right after a colon, past the line breaks between them."""
    doc = colon.doc
    following = colon.i + 1
    while following < len(doc) and doc[following].is_space:
        following += 1
    if following >= len(doc):
        return None
    return quotes.region_at(doc[following].idx)


def quote_run_into(
    cue: Token, quotes: QuoteIndex, pieces: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A quotation the content runs into, opening in the same paragraph: right after it
    ("commented on the decision: “...”", "noting on Twitter “...”"), after a content ending
    in "and" ("said he was “humbled” and “...”"), or after the colon that ends the cue's
    phrase ("described her to the BBC in 2002: “...”"); with the quotes continuing it in the
    paragraphs after. A quotation broken off by a frame of its own (“..., ” she added) is not
    taken."""
    text = text_of(cue.doc)
    end = pieces[-1][1]
    after = next((region for region in quotes.regions if region[0] >= end), None)
    if after is None:
        return []
    colon = colon_before_quote(cue, quotes)
    opened_by_colon = colon is not None and quoteafter_colon(colon, quotes) == after
    if "\n" in text[end : after[0]] and not opened_by_colon:
        return []  # a quotation opening the next paragraph is not run into, unless a colon
    gap = text[end : after[0]]
    joined = _JOINING_GAP.fullmatch(gap) is not None and (
        ":" in gap or not gap.strip(" ") or _ENDS_JOINED.search(text[pieces[-1][0] : end])
    )
    if not (joined or opened_by_colon):
        return []
    region = trim(text, *after)
    if text[: region[1]].rstrip("”\"'").endswith(","):
        return []
    return [region, *_continuations(text, quotes, region)]


def after_colon(cue: Token, sentence: Span, quotes: QuoteIndex) -> list[tuple[int, int]]:
    doc = cue.doc
    colon = colon_before_quote(cue, quotes)
    if colon is not None:
        region = quoteafter_colon(colon, quotes)
        if region is not None:
            quote = trim(text_of(doc), *region)
            return [quote, *_continuations(text_of(doc), quotes, quote)]
    for tok in doc[cue.i + 1 : min(cue.i + 4, sentence.end)]:
        if tok.text == ":":
            start, end = trim(text_of(doc), tok.idx + 1, sentence.end_char)
            return [(start, end)] if end > start else []
    return []


def quote_pieces(
    cue: Token, sentence: Span, quotes: QuoteIndex, complement: list[Token]
) -> list[tuple[int, int]]:
    """The quotation(s) a cue introduces when it stands outside them, with continuations."""
    doc = cue.doc
    text = text_of(doc)
    in_sentence = quotes.overlapping(sentence.start_char, sentence.end_char)
    pieces: list[tuple[int, int]] = []
    if complement:
        touched = [r for r in in_sentence if any(r[0] <= tok.idx < r[1] for tok in complement)]
        if not touched:
            return []
        start = min(touched[0][0], complement[0].idx)
        end = max(touched[-1][1], complement[-1].idx + len(complement[-1]))
        if complement[0].idx < cue.idx < touched[0][0]:
            # "its courts, which the Herald describes as “slow”": the noun, then the quote.
            pieces = char_pieces(doc, [tok for tok in complement if tok.i < cue.i])
            rest = [tok.idx for tok in complement if tok.i > cue.i]
            pieces.append(trim(text, min([touched[0][0], *rest]), end))
        elif touched[0][1] <= cue.idx < touched[-1][0]:
            # “A,” she told reporters, “and B.”: the quote's parts, not the frame between them.
            pieces = [trim(text, *region) for region in touched]
            pieces[0] = trim(text, start, pieces[0][1])
            pieces[-1] = trim(text, pieces[-1][0], end)
        else:
            pieces = [trim(text, start, end)]
    else:
        before = [r for r in in_sentence if r[1] <= cue.idx]
        if before and _close_before(text, before[-1][1], cue):
            pieces.append(before[-1])
    after = [r for r in quotes.regions if r[0] > cue.idx]
    if after and (not pieces or pieces[-1][1] <= cue.idx):
        gap = text[cue.idx + len(cue) : after[0][0]]
        if (
            len(gap) < 80
            and "\n\n" not in gap
            and (gap.rstrip().endswith((",", ":")) or not gap.strip())
            and not _SENTENCE_ENDED.search(gap)  # "A," he said. Then, he added, "B": B's own
        ):
            pieces.append(after[0])
        elif pieces:
            for region in after[:4]:
                gap = text[cue.idx + len(cue) : region[0]]
                next_paragraph = "\n" in gap
                if len(gap) > 200 or (
                    next_paragraph and not _quote_paragraph_after(text, gap, region)
                ):
                    break
                if gap.rstrip().endswith((".", "!", "?")):
                    pieces.append(region)  # "A," she said. "B." (or "B." as the next paragraph)
                    break
    if pieces and pieces[-1][1] > cue.idx:
        pieces.extend(_continuations(text, quotes, pieces[-1]))
    return pieces


_SENTENCE_ENDED = re.compile(r"\b[a-z]{2,}[.!?]\s")  # "said. " (not "Gov. ")


def _quote_paragraph_after(text: str, gap: str, region: tuple[int, int]) -> bool:
    """Whether the quotation after a frame that ends its paragraph (“A,” she said.) opens the
    next paragraph and fills it, with no frame of its own: the speaker's words going on."""
    if gap.count("\n") > 2 or gap.strip("\n").count("\n") or any(m in gap for m in '“”"'):
        return False
    paragraph_end = text.find("\n", region[1])
    rest = text[region[1] : len(text) if paragraph_end < 0 else paragraph_end]
    return not any(ch.isalpha() for ch in rest)


def _close_before(text: str, quote_end: int, cue: Token) -> bool:
    gap = text[quote_end : cue.idx]
    return len(gap) < 120 and "\n\n" not in gap


def _continuations(text: str, quotes: QuoteIndex, last: tuple[int, int]) -> list[tuple[int, int]]:
    """Quotes that follow with nothing but space between, ending in nothing but space
    (a quote reopened in the next paragraph). ``last`` is the content's last piece, which
    ends where its quote does."""
    more: list[tuple[int, int]] = []
    regions = quotes.regions
    region = quotes.region_at(last[1] - 1)
    if region is None or trim(text, *region)[1] != last[1]:
        return more
    position = regions.index(region)
    for region in regions[position + 1 :]:
        if text[last[1] : region[0]].strip():
            break
        following = text[region[1] : region[1] + 200].split("\n\n", 1)[0]
        if any(ch.isalpha() for ch in following.split("“", 1)[0].split('"', 1)[0]):
            break
        more.append(region)
        last = region
    return more
