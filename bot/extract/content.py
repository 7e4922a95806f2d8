"""What a cue introduces: its clause, object or quotation, as character pieces."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.extract.content_edges import EdgeHabits
from bot.extract.cue_model import SpanHabits
from bot.extract.quotes import QuoteIndex
from bot.extract.rules import char_pieces, clause_of_its_own, subtree_tokens, text_of, trim

ADDRESSEE_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "notify"}
OBJECT_PREPS = {"to", "for", "of", "about", "on", "over", "against", "as", "with", "at"}
# Verbs continuing the speaker's turn; their clause is a new attribution, not this content.
SPLITTING_LEMMAS = {"add", "say", "note", "continue", "explain", "insist", "argue", "write",
                    "tell", "suggest", "warn", "acknowledge", "claim", "call", "point"}  # fmt: skip


@dataclass(slots=True)
class Content:
    pieces: list[tuple[int, int]]
    quote: bool
    particle: str | None = None
    addressee: Token | None = None


def _cut(head: Token) -> list[Token]:
    """The head's subtree without coordinated or -ing reporting verbs ("... and added that")."""
    skip = set()
    for node in head.subtree:
        if node.i == head.i:
            continue
        if node.dep_ == "conj" and node.head.i == head.i and node.lemma_ in SPLITTING_LEMMAS:
            skip.add(node.i)
            skip.update(
                child.i
                for child in head.children
                if child.dep_ == "cc" and child.i > head.i and child.i < node.i
            )
        if node.dep_ == "advcl" and node.tag_ == "VBG" and node.lemma_ in SPLITTING_LEMMAS:
            skip.add(node.i)
    return subtree_tokens(head, without=skip)


def _hand_rule(cue: Token, child: Token) -> bool:
    """Whether a child belongs to the content when the learned habits do not know it."""
    dep = child.dep_
    if dep in {"ccomp", "parataxis", "xcomp", "csubjpass"}:
        return True
    if dep == "dative" or (dep == "dobj" and cue.lemma_.lower() in ADDRESSEE_VERBS):
        return False
    if dep in {"dobj", "attr", "oprd"}:
        return True
    return (
        dep == "advcl"
        and child.i > cue.i
        and child.left_edge.tag_ == "VBG"
        and child.lemma_ not in SPLITTING_LEMMAS
        and not any(grand.dep_ == "mark" for grand in child.children)
    )


def verb_content(
    cue: Token,
    sentence: Span,
    quotes: QuoteIndex,
    *,
    habits: SpanHabits | None = None,
    cue_ids: set[int] | None = None,
    edges: EdgeHabits | None = None,
) -> Content:
    lemma = cue.lemma_.lower()
    tokens: list[Token] = []
    particle: str | None = None
    addressee: Token | None = None
    preps: list[Token] = []
    fallback: list[Token] = []
    taken = cue_ids or {cue.i}
    for child in cue.children:
        if child.i in taken and child.dep_ == "prep":
            # "pointed to X", "referring to X": the cue keeps the preposition, X is content.
            for obj in child.children:
                if obj.dep_ in {"pobj", "pcomp"} and obj.i not in taken:
                    tokens.extend(_cut(obj))
                    particle = child.lower_
        if child.is_punct or child.is_space or child.i in taken or clause_of_its_own(child):
            continue
        if child.dep_ == "nsubjpass" and child.lower_ == "it" and child.i < cue.i:
            continue  # "It was announced by X that ...": the "it" only holds the clause's place
        if child.dep_ == "dative" or (child.dep_ == "dobj" and lemma in ADDRESSEE_VERBS):
            addressee = child
        by_hand = _hand_rule(cue, child)
        if by_hand:
            fallback.extend(_cut(child))
        elif child.dep_ == "prep" and child.lower_ in OBJECT_PREPS:
            preps.append(child)
        decision = habits.decide(child) if habits is not None else None
        if child.i < cue.i and _names_the_medium(child):
            decision = False  # "In a statement, the alliance explained ...": framing, not content
        if by_hand if decision is None else decision:
            tokens.extend(_cut(child))
    if not tokens:
        tokens = fallback or _clause_misread_as_adverbial(cue)
    if not tokens and not preps:
        tokens = _parenthetical(cue)
    from_prep = not tokens and bool(preps)
    if from_prep:
        prep = preps[0]
        particle = prep.lower_
        tokens.extend(
            tok for obj in prep.children if obj.dep_ in {"pobj", "pcomp"} for tok in _cut(obj)
        )
    tokens = _with_hanging_conjunct(cue, tokens)
    tokens = [tok for tok in tokens if sentence.start <= tok.i < sentence.end]
    if len(tokens) == 1 and tokens[0].lower_ == "which":
        tokens = _what_which_stands_for(cue, tokens[0]) or tokens
    elif len(tokens) > 1:
        tokens = _antecedent_for_relative(cue, tokens)
    tokens = sorted(tokens, key=lambda tok: tok.i)
    tokens = _without_trailing_aside(tokens) if edges is None else edges.trimmed(tokens)
    pieces = char_pieces(cue.doc, tokens) if tokens else []
    quoted = _quote_pieces(cue, sentence, quotes, tokens)
    if quoted:
        pieces = quoted
    if pieces:
        following = _quote_run_into(cue, quotes, pieces)
        if following:
            quoted = following if from_prep and not quoted else [*pieces, *following]
            pieces = quoted
    else:
        pieces = _after_colon(cue, sentence, quotes)
    inside = sum(min(e, q[1]) - max(s, q[0]) for s, e in pieces for q in quotes.overlapping(s, e))
    is_quote = bool(pieces) and inside * 2 >= sum(e - s for s, e in pieces)
    if len(pieces) > 1 and not quoted and not pieces[0][1] <= cue.idx < pieces[-1][0]:
        pieces = [(pieces[0][0], pieces[-1][1])]
    return Content(pieces, is_quote, particle, addressee)


def _with_hanging_conjunct(cue: Token, tokens: list[Token]) -> list[Token]:
    """ "wants to lead the party — and the coalition": a content ending in "and", whose
    conjunct the parser hung on the cue, takes that conjunct (a reporting verb, "and added
    that ...", is an attribution of its own: the "and" is dropped)."""
    words = sorted((tok for tok in tokens if not (tok.is_punct or tok.is_space)), key=_index)
    if not words or words[-1].dep_ != "cc":
        return tokens
    joint = words[-1]
    conjunct = next(
        (
            child
            for child in cue.rights
            if child.dep_ == "conj" and joint.i < child.left_edge.i <= joint.i + 2
        ),
        None,
    )
    kept = [tok for tok in tokens if tok.i < joint.i]
    if conjunct is None or conjunct.lemma_ in SPLITTING_LEMMAS:
        return kept if conjunct is not None else tokens
    added = sorted(_cut(conjunct), key=_index)
    while added and added[-1].is_punct and added[-1].text not in {"”", '"'}:
        added.pop()  # the sentence's full stop, hung on the conjunct's verb
    return [*tokens, *added]


def _index(token: Token) -> int:
    return token.i


ASIDE_DEPS = {"relcl", "appos"}
ASIDE_OPENERS = {",", "-", "--", "—", "–"}


def _without_trailing_aside(tokens: list[Token]) -> list[Token]:
    """Drop a comma- or dash-set modifier that ends the content (", who also held a rally")."""
    if not tokens or quotes_free(tokens) is False:
        return tokens
    ids = {tok.i for tok in tokens}
    last = tokens[-1].i
    doc = tokens[0].doc
    cut_at: int | None = None
    for tok in tokens:
        if tok.dep_ not in ASIDE_DEPS or tok.i == tokens[0].i or tok.head.i not in ids:
            continue
        start = tok.left_edge.i
        if start - 1 in ids and doc[start - 1].text in ASIDE_OPENERS and tok.right_edge.i >= last:
            cut_at = start - 1 if cut_at is None else min(cut_at, start - 1)
    if cut_at is None:
        return tokens
    return [tok for tok in tokens if tok.i < cut_at]


def quotes_free(tokens: list[Token]) -> bool:
    return not any(tok.text in {"“", "”", '"'} for tok in tokens)


MEDIUM_NOUNS = {"statement", "interview", "release", "email", "tweet", "post", "letter",
                "speech", "briefing", "conference", "op-ed", "memo", "message"}  # fmt: skip


def _names_the_medium(child: Token) -> bool:
    return child.dep_ == "prep" and any(
        obj.dep_ == "pobj" and obj.lemma_.lower() in MEDIUM_NOUNS for obj in child.children
    )


def _clause_misread_as_adverbial(cue: Token) -> list[Token]:
    """ "she said on Monday the school would close": a reported clause the parser took for an
    adverbial one; it has its own subject and no conjunction ("when", "because") opening it.
    A phrase before its subject may belong to the cue ("said after the vote"), so it is left out."""
    for child in cue.rights:
        subject = next((g for g in child.lefts if g.dep_ in {"nsubj", "nsubjpass"}), None)
        if (
            child.dep_ == "advcl"
            and subject is not None
            and not any(grand.dep_ == "mark" for grand in child.children)
        ):
            framing = {
                tok.i
                for left in child.lefts
                if left.i < subject.i and left.dep_ in {"prep", "npadvmod"}
                for tok in left.subtree
            }
            return [tok for tok in _cut(child) if tok.i not in framing]
    return _clause_on_the_medium(cue)


def _clause_on_the_medium(cue: Token) -> list[Token]:
    """ "said in a statement that Ana Vale died": the reported clause, which the parser hung on
    the medium as a relative clause; "that" opens it and it has a subject of its own."""
    for prep in cue.rights:
        if not _names_the_medium(prep):
            continue
        for obj in prep.children:
            for clause in obj.rights:
                subject = any(g.dep_ in {"nsubj", "nsubjpass"} for g in clause.children)
                mark = any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children)
                if clause.dep_ in {"relcl", "acl"} and subject and mark:
                    return _cut(clause)
    return []


RELATIVE_OBJECTS = {"which", "that", "whom", "who"}


def _antecedent_for_relative(cue: Token, tokens: list[Token]) -> list[Token]:
    """ "its courts, which the Herald describes as slow": what is described is the noun the
    relative pronoun stands for ("its courts ... as slow"), not the word "which"."""
    if cue.dep_ != "relcl" or cue.head.pos_ not in {"NOUN", "PROPN"}:
        return tokens
    pronoun = next(
        (
            tok
            for tok in tokens
            if tok.head.i == cue.i and tok.dep_ == "dobj" and tok.lower_ in RELATIVE_OBJECTS
        ),
        None,
    )
    if pronoun is None:
        return tokens
    noun = cue.head
    antecedent = [
        tok
        for tok in subtree_tokens(noun, without={cue.i})
        if not (tok.is_punct and tok.i > noun.i)
        and not (tok.head.i == noun.i and tok.dep_ in {"relcl", "appos", "acl"} and tok.i > noun.i)
    ]
    return sorted(
        [*antecedent, *(tok for tok in tokens if tok.i != pronoun.i)], key=lambda tok: tok.i
    )


def _what_which_stands_for(cue: Token, which: Token) -> list[Token]:
    """ "X was accused of leaking it, which he denied": what was denied is the clause before
    the comma (up to the verb with a subject of its own), not the word "which"."""
    clause = cue.head
    while clause.head.i != clause.i and not (
        clause.pos_ in {"VERB", "AUX"}
        and any(child.dep_ in {"nsubj", "nsubjpass"} for child in clause.children)
    ):
        clause = clause.head
    if clause.i >= which.i:
        return []
    before = [tok for tok in clause.subtree if tok.i < which.i]
    while before and (before[-1].is_punct or before[-1].is_space):
        before.pop()
    return before


def _parenthetical(cue: Token) -> list[Token]:
    """ "In his state, Christie said, offenders are sent ...": the clause around the cue."""
    head = cue.head
    if cue.dep_ not in {"parataxis", "advcl", "conj"} or head.pos_ not in {"VERB", "AUX"}:
        return []
    if head.i == cue.i or any(tok.i == head.i for tok in cue.subtree):
        return []
    return subtree_tokens(head, without={cue.i})


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
            return tok if quote_after_colon(tok, quotes) is not None else None
        if quotes.region_at(tok.idx) is not None or (tok.is_space and "\n" in tok.text):
            return None
        if tok.i > cue.i + 4 and tok.i not in phrase:
            return None
    return None


def quote_after_colon(colon: Token, quotes: QuoteIndex) -> tuple[int, int] | None:
    """The quotation opening right after a colon, past the line breaks between them."""
    doc = colon.doc
    following = colon.i + 1
    while following < len(doc) and doc[following].is_space:
        following += 1
    if following >= len(doc):
        return None
    return quotes.region_at(doc[following].idx)


def _quote_run_into(
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
    opened_by_colon = colon is not None and quote_after_colon(colon, quotes) == after
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


def _after_colon(cue: Token, sentence: Span, quotes: QuoteIndex) -> list[tuple[int, int]]:
    doc = cue.doc
    colon = colon_before_quote(cue, quotes)
    if colon is not None:
        region = quote_after_colon(colon, quotes)
        if region is not None:
            quote = trim(text_of(doc), *region)
            return [quote, *_continuations(text_of(doc), quotes, quote)]
    for tok in doc[cue.i + 1 : min(cue.i + 4, sentence.end)]:
        if tok.text == ":":
            start, end = trim(text_of(doc), tok.idx + 1, sentence.end_char)
            return [(start, end)] if end > start else []
    return []


def _quote_pieces(
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
