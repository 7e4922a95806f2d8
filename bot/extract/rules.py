"""Dependency-parse helpers: the record a found attribution is kept in, its source, spans.

Everything here works on one parsed ``Doc`` and hands back ``Found`` records holding token
indices and character ranges; ``pipeline.py`` turns them into ``ExtractedAttribution``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extract.model import Polarity, Stance

if TYPE_CHECKING:  # spaCy loads in a second: answering questions does not need it
    from spacy.tokens import Doc, Span, Token

_EDGE_PUNCT = " \t\n,;:-–—()[]"


@dataclass(slots=True)
class Found:
    cue: Token
    cue_tokens: list[Token]
    source: list[Token] | None
    content: list[tuple[int, int]]  # character ranges, in text order
    stance: Stance
    quote: bool
    sentence: Span
    via: str | None = None
    addressee: Token | None = None
    polarity: Polarity = Polarity.AFFIRMED
    named: str | None = None  # the speaker's full name, when the rule that found it knows it


def text_of(doc: Doc) -> str:
    """The article text; ``Doc.text`` rebuilds it from the tokens on every access."""
    text = doc.user_data.get("newsprov_text")
    if text is None:
        text = doc.user_data["newsprov_text"] = doc.text
    return str(text)


def subtree_tokens(token: Token, *, without: set[int] | None = None) -> list[Token]:
    """The token's subtree minus the subtrees rooted at the indices in ``without``."""
    skip = without or set()
    out = []
    stack = [token]
    while stack:
        node = stack.pop()
        if node.i in skip:
            continue
        out.append(node)
        stack.extend(node.children)
    return sorted(out, key=lambda tok: tok.i)


def char_pieces(doc: Doc, tokens: list[Token]) -> list[tuple[int, int]]:
    """Contiguous character ranges covered by ``tokens``, bridging gaps of punctuation only."""
    kept = [tok for tok in tokens if not tok.is_space]
    if not kept:
        return []
    kept.sort(key=lambda tok: tok.i)
    pieces: list[list[int]] = []
    last_i = -2
    for tok in kept:
        if pieces and all(doc[j].is_punct or doc[j].is_space for j in range(last_i + 1, tok.i)):
            pieces[-1][1] = tok.idx + len(tok)
        else:
            pieces.append([tok.idx, tok.idx + len(tok)])
        last_i = tok.i
    trimmed = [trim(text_of(doc), start, end) for start, end in pieces]
    return [(s, e) for s, e in trimmed if any(ch.isalnum() for ch in text_of(doc)[s:e])]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``start:end`` past spaces and separating punctuation (quote marks are kept)."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return (start, end) if end > start else (0, 0)


TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "morning", "evening", "night", "week", "month", "year",
}  # fmt: skip


def _names_a_time(token: Token) -> bool:
    return any(tok.lower_ in TIME_WORDS for tok in token.subtree)


def _ids(token: Token) -> set[int]:
    return {tok.i for tok in token.subtree}


def find_subject(verb: Token) -> Token | None:
    """The verb's source-bearing subject, borrowed from the verb it hangs on when it has none.

    A passive's subject is not its source: its agent ("claimed by X") is, or nobody.
    """
    node = verb
    for step in range(6):
        subject = _subject_of(node)
        if subject is not None:
            return subject
        for child in node.children:
            if child.dep_ == "nsubjpass":
                return _agent(node) if step == 0 else child
        if step == 0 and any(child.dep_ == "auxpass" for child in node.children):
            return _agent(node)
        if step == 0 and node.dep_ == "acl" and node.tag_ == "VBN":
            return _agent(node)  # "a manifesto posted online": the noun is what was posted
        if node.dep_ == "relcl" and node.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return node.head
        if step == 0:
            fronted = _fronted_nominal(node)
            if fronted is not None:
                return fronted
        if node.dep_ in {"ccomp", "parataxis", "ROOT"} or node.head.i == node.i:
            return None
        node = node.head
    return None


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; of two set apart by a conjunction or a gap ("The partner asked
    for secrecy, but the commissioner stated ..."), the one nearer the verb. Subjects that
    follow on from each other are one phrase the parser cut up (``_split_subject``), and the
    first is kept."""
    subjects = [child for child in verb.children if child.dep_ in {"nsubj", "csubj"}]
    if not subjects:
        return None
    first = subjects[0]
    before = [child for child in subjects if child.i < verb.i]
    if len(before) > 1:
        last, earlier = before[-1], before[-2]
        ends = earlier.right_edge
        if last.left_edge.i > ends.i + 1 or ends.dep_ == "cc" or ends.text in {",", ";"}:
            return last
    return first


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
    return None


def _fronted_nominal(verb: Token) -> Token | None:
    """A left dependent standing where the subject should be ("About 4 in 10 say")."""
    lefts = [child for child in verb.lefts if child.dep_ not in {"punct", "aux", "neg", "advmod"}]
    if lefts and lefts[-1].pos_ in {"NUM", "NOUN", "PROPN"} and lefts[-1].dep_ in {
        "nummod", "npadvmod", "dep", "nmod", "compound", "attr", "dobj"
    }:  # fmt: skip
        return lefts[-1]
    return None


def source_tokens(subject: Token, cue: Token) -> list[Token]:
    """The subject's words, without the cue and a relative clause that holds it.

    PolNeAR keeps appositions and restrictive relative clauses in sources, but not a
    comma-set aside, a time misattached to the subject, or a leading "even".
    """
    without = {cue.i}
    without |= {c.i for c in subject.children if c.dep_ == "relcl" and cue.i in _ids(c)}
    doc = subject.doc
    for node in [subject, *(c for c in subject.children if c.dep_ == "appos")]:
        for child in node.children:
            aside = child.dep_ in {"relcl", "acl"} and child.i > node.i
            if aside and doc[child.left_edge.i - 1].text == ",":
                without.add(child.i)  # ", who spoke on condition of anonymity"
    for child in subject.children:
        if child.dep_ in {"prep", "npadvmod"} and child.i > subject.i and _names_a_time(child):
            without.add(child.i)  # "Trump on Tuesday said"
        elif child.dep_ == "advmod" and child.i == subject.left_edge.i:
            without.add(child.i)  # "even some of his admirers"
    tokens = subtree_tokens(subject, without=without)
    for split in _split_subject(subject):  # "said study co-author Carl Lipo": one subject cut
        tokens += subtree_tokens(split, without=without)
    return [tok for tok in tokens if not tok.is_space]


def _split_subject(subject: Token) -> list[Token]:
    """Further subjects of the same verb, each starting right where the one before ends, the
    last of them a name: one noun phrase the parser cut up ("study co | - | author Carl Lipo")."""
    if subject.dep_ != "nsubj" or subject.head.i == subject.i or subject.pos_ not in NOMINAL:
        return []
    siblings = {
        child.left_edge.i: child
        for child in subject.head.children
        if child.dep_ in {"nsubj", "dep"} and child.i > subject.i
    }
    chain: list[Token] = []
    end = subject.right_edge.i
    while end + 1 in siblings:
        chain.append(siblings[end + 1])
        end = chain[-1].right_edge.i
    while chain and not a_name(chain[-1]):
        chain.pop()
    return chain


NOMINAL = {"NOUN", "PROPN"}


def a_name(token: Token) -> bool:
    """A proper noun, or a capitalised word mid-sentence the tagger misread ("Martin How")."""
    return token.pos_ == "PROPN" or (
        token.is_title and token.i > token.sent.start and token.pos_ != "PRON"
    )


def clause_of_its_own(verb: Token) -> bool:
    """ "A denied X, but ...; B claimed Y": the parser sometimes hangs A's clause under B's
    verb as what B said, across the semicolon that ends it. A clause with a subject of its
    own, ended by a semicolon before the verb it hangs on, is a statement of its own."""
    head = verb.head
    if head.i <= verb.i or verb.dep_ not in {"ccomp", "conj", "parataxis"}:
        return False
    if not any(child.dep_ == "nsubj" for child in verb.children):
        return False
    return any(tok.text == ";" for tok in verb.doc[verb.i + 1 : head.i])
