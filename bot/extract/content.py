"""What a cue introduces: its clause, object or quotation, as character pieces."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.extract.content_edges import EdgeHabits
from bot.extract.cue_model import SpanHabits, clause_under
from bot.extract.quoted_content import after_colon, quote_pieces, quote_run_into
from bot.extract.quotes import QuoteIndex
from bot.extract.rules import char_pieces, clause_of_its_own, subtree_tokens

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
        elif child.i in taken and child.i != cue.i:
            inner = _within_cue_phrase(child, taken)
            if inner is not None:
                tokens.extend(inner[0])
                particle = inner[1] or particle
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
    quoted = quote_pieces(cue, sentence, quotes, tokens)
    if quoted:
        pieces = quoted
    if pieces:
        following = quote_run_into(cue, quotes, pieces)
        if following:
            quoted = following if from_prep and not quoted else [*pieces, *following]
            pieces = quoted
    else:
        pieces = after_colon(cue, sentence, quotes)
    inside = sum(min(e, q[1]) - max(s, q[0]) for s, e in pieces for q in quotes.overlapping(s, e))
    is_quote = bool(pieces) and inside * 2 >= sum(e - s for s, e in pieces)
    if len(pieces) > 1 and not quoted and not pieces[0][1] <= cue.idx < pieces[-1][0]:
        pieces = [(pieces[0][0], pieces[-1][1])]
    return Content(pieces, is_quote, particle, addressee)


def _within_cue_phrase(word: Token, taken: set[int]) -> tuple[list[Token], str | None] | None:
    """What a word the cue phrase took introduces: the clause hung on it ("made it clear |
    that ...") or its preposition's object ("took aim at | X")."""
    clause = clause_under(word)
    if clause is not None and clause.i not in taken:
        return _cut(clause), None
    for prep in word.rights:
        if prep.dep_ == "prep" and prep.i in taken:
            objects = [obj for obj in prep.children if obj.dep_ in {"pobj", "pcomp"}]
            if objects and objects[0].i not in taken:
                return _cut(objects[0]), prep.lower_
    return None


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
