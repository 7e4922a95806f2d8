"""Who a source is: its name, role and kind, read off its words, and a merge key.

``speaker_key`` is the one normalisation under which the same speaker merges across
articles ("Major Josh Jacques" and "Josh Jacques" share a key). Resolution across one article
is in ``article_speakers.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.extract.lexicon import Lexicon, load_lexicon
from bot.extract.model import SpeakerKind
from bot.extract.rules import subtree_tokens, text_of
from bot.folding import to_ascii

if TYPE_CHECKING:  # spaCy loads in a second: answering questions does not need it
    from spacy.tokens import Token

_POSSESSIVE = re.compile(r"(?:'s|s')\b")
NON_WORD = re.compile(r"[^a-z0-9]+")
_DEFAULT_TITLES: frozenset[str] | None = None

ANONYMOUS_HEADS = {
    "official", "source", "person", "people", "diplomat", "insider", "aide", "officer",
    "spokesman", "spokeswoman", "spokesperson", "testimony", "report", "witness", "resident",
    "member", "staffer", "adviser", "advisor", "lawmaker", "executive", "employee",
}  # fmt: skip
ANONYMOUS_MARKERS = (
    "anonymity", "anonymously", "not authorized", "not authorised", "not be named",
    "not to be named", "unnamed", "unidentified", "unofficial",
)  # fmt: skip
ORGANISATION_HEADS = {
    "coalition", "alliance", "government", "ministry", "agency", "authority", "army",
    "military", "police", "company", "group", "campaign", "committee", "party",
    "administration", "department", "office", "council", "court", "commission", "union",
    "organization", "organisation", "network", "newspaper", "force", "pentagon", "white house",
    "kremlin", "board", "firm", "bank", "institute", "university", "team", "state", "country",
    "embassy", "parliament", "congress", "senate", "cabinet", "regime", "channel", "station",
    "tribunal", "panel", "jury", "regulator", "watchdog", "inquiry",
}  # fmt: skip
PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me", "you"}
GROUP_PRONOUNS = {"they", "it", "we", "them", "us"}


def speaker_key(name: str, *, titles: frozenset[str] | None = None) -> str:
    """The key under which mentions of one speaker merge: ascii, casefolded, no honorifics."""
    global _DEFAULT_TITLES
    if titles is None:
        if _DEFAULT_TITLES is None:
            _DEFAULT_TITLES = load_lexicon().titles
        titles = _DEFAULT_TITLES
    folded = to_ascii(name).casefold()
    folded = _POSSESSIVE.sub("", folded.replace("’", "'"))
    words = [word for word in NON_WORD.split(folded) if word]
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str | None
    role: str | None
    kind: SpeakerKind
    anonymous: bool
    head_lemma: str
    pronoun: bool = False
    document: bool = False  # "the statement": its issuer is the speaker


def describe_source(tokens: list[Token], lexicon: Lexicon) -> SourceInfo:
    """Read name, role and kind off the source's words."""
    tokens = _antecedent(tokens)
    ids = {tok.i for tok in tokens}
    head = next(tok for tok in tokens if tok.head.i not in ids or tok.head.i == tok.i)
    sentence_text = head.sent.text.lower()
    marked_anonymous = any(marker in sentence_text for marker in ANONYMOUS_MARKERS)
    if head.pos_ == "PRON":
        lower = head.lower_
        kind = SpeakerKind.PERSON if lower in PERSON_PRONOUNS else SpeakerKind.UNKNOWN
        return SourceInfo(None, None, kind, marked_anonymous, lower, pronoun=True)
    appositions = [child for child in head.children if child.dep_ == "appos" and child.i in ids]
    name_head: Token | None = head if head.pos_ == "PROPN" else None
    role_tokens: list[Token] = []
    if name_head is None:
        named = (
            [
                child
                for child in head.children
                if child.i in ids
                and child.i > head.i
                and child.pos_ == "PROPN"
                and child.dep_ in {"appos", "amod", "npadvmod", "conj"}
                and head.doc[child.left_edge.i - 1].text == ","
            ]
            or _person_named_in_role(head, ids)
            or _stray_name(head, tokens, ids)
        )
        if named:
            name_head = named[0]
            role_tokens = [
                tok
                for tok in head.subtree
                if tok.i in ids
                and tok.i not in {t.i for t in named[0].subtree}
                and tok.dep_ != "det"
                and not tok.is_punct
            ]
    else:
        nominal = [app for app in appositions if app.pos_ == "NOUN"]
        if nominal:
            role_tokens = list(nominal[0].subtree)
    if name_head is None:
        clauses = {"acl", "relcl", "appos", "punct", "prep"}
        phrase = _phrase(
            [tok for tok in head.subtree if tok.i in ids and not _under(tok, head, clauses)]
        )
        lemma = head.lemma_.lower()
        anonymous = marked_anonymous or (
            lemma in ANONYMOUS_HEADS
            and not any(tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON" for tok in tokens)
            and not _is_definite(head)
        )
        if lemma in DOCUMENT_NOUNS and not anonymous:
            issuer = _issuer(head, ids)
            if issuer:
                return describe_source(issuer, lexicon)
            document = _is_definite(head)  # "the statement", "its letter"; not "a statement"
            return SourceInfo(phrase, None, SpeakerKind.UNKNOWN, False, lemma, document=document)
        if anonymous:
            kind = SpeakerKind.ANONYMOUS
        elif lemma in ORGANISATION_HEADS or head.ent_type_ in {"ORG", "GPE", "NORP"}:
            kind = SpeakerKind.ORGANISATION
        else:
            kind = SpeakerKind.UNKNOWN
        return SourceInfo(phrase, None, kind, anonymous, lemma)
    name_tokens = [tok for tok in name_head.lefts if tok.dep_ in {"compound", "flat"}] + [name_head]
    name_tokens += [tok for tok in name_head.rights if tok.dep_ in {"flat"}]
    name_tokens += _adjacent_name_parts(name_head, max(tok.i for tok in name_tokens))
    while name_tokens and (
        name_tokens[0].lower_.rstrip(".") in lexicon.titles
        and not (name_tokens[0].ent_type_ == "PERSON" and name_tokens[0].ent_iob_ == "B")
    ):
        if not role_tokens:
            role_tokens = []
        name_tokens = name_tokens[1:]
    premodifier = [
        tok
        for tok in name_head.lefts
        if tok.dep_ in {"compound", "flat"} and tok not in name_tokens
    ]
    if not role_tokens and premodifier:
        role_tokens = [tok for pre in premodifier for tok in pre.subtree]
    name = _phrase(name_tokens) if name_tokens else _phrase([name_head])
    ent = name_head.ent_type_
    if head.lemma_.lower() in ORGANISATION_HEADS or lexicon.is_outlet(name):
        kind = SpeakerKind.ORGANISATION
    elif ent == "PERSON":
        kind = SpeakerKind.PERSON
    elif ent in {"ORG", "GPE", "NORP", "FAC"} or head.lemma_.lower() in ORGANISATION_HEADS:
        kind = SpeakerKind.ORGANISATION
    elif head.pos_ == "NOUN" and head.i != name_head.i and not ent:
        kind = SpeakerKind.PERSON  # a name a role is given: "the minister, Ana Ruiz"
    else:
        kind = SpeakerKind.UNKNOWN
    role = _phrase(role_tokens) if role_tokens else None
    return SourceInfo(name, role, kind, marked_anonymous, name_head.lemma_.lower())


DOCUMENT_NOUNS = {
    "statement", "summary", "ruling", "decision", "verdict", "judgment", "judgement", "letter",
    "release", "memo", "communique", "notice", "announcement", "filing", "complaint", "order",
    "post", "tweet", "message", "email", "document", "text", "transcript", "indictment",
}  # fmt: skip
ISSUER_PREPS = {"by", "from", "of"}


def _issuer(document: Token, ids: set[int]) -> list[Token]:
    """Who wrote the document: "the ministry's statement", "a letter from the council"."""
    for child in document.children:
        if child.i not in ids:
            continue
        holder = None
        if child.dep_ == "poss" and child.pos_ != "PRON":
            holder = child
        elif child.dep_ == "prep" and child.lower_ in ISSUER_PREPS:
            holder = next((obj for obj in child.children if obj.dep_ == "pobj"), None)
        if holder is not None and _names_an_issuer(holder):
            return [tok for tok in holder.subtree if tok.dep_ != "case" and not tok.is_space]
    return []


def _names_an_issuer(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        or token.lemma_.lower() in ORGANISATION_HEADS
    )


def _antecedent(tokens: list[Token]) -> list[Token]:
    """ "the ministry, which denied it": the speaker is the noun a relative pronoun stands for."""
    if len(tokens) != 1 or tokens[0].lower_ not in {"which", "who", "that"}:
        return tokens
    clause = tokens[0].head
    noun = clause.head
    if clause.dep_ != "relcl" or noun.pos_ not in {"NOUN", "PROPN"}:
        return tokens
    return [tok for tok in subtree_tokens(noun, without={clause.i}) if not tok.is_space]


def _person_named_in_role(head: Token, ids: set[int]) -> list[Token]:
    """The person a role phrase names: "the fire chief Ana Ruiz", "the head of X, Ana Ruiz".

    The parser hangs the name on the role or on the organisation closing the role's phrase.
    """
    holders = [head] + [
        obj
        for prep in head.children
        if prep.dep_ == "prep" and prep.i in ids
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    return [
        child
        for holder in holders
        for child in holder.children
        if child.i in ids
        and child.i > holder.i
        and child.pos_ == "PROPN"
        and child.dep_ == "appos"
        and child.ent_type_ == "PERSON"
        and (holder.i == head.i or head.doc[child.left_edge.i - 1].text == ",")
    ][:1]


def _stray_name(head: Token, tokens: list[Token], ids: set[int]) -> list[Token]:
    """A name after a comma in the source that the parser hung outside it."""
    doc = head.doc
    for tok in tokens:
        if (
            tok.i > head.i
            and tok.pos_ == "PROPN"
            and tok.head.i not in ids
            and tok.i != head.i
            and doc[tok.left_edge.i - 1].text == ","
        ):
            return [tok]
    return []


def _adjacent_name_parts(name_head: Token, last: int) -> list[Token]:
    """Words of the same name the parser split off to the right ("Ana dela | Cruz")."""
    parts: list[Token] = []
    for child in name_head.rights:
        if child.dep_ in {"appos", "flat"} and child.pos_ == "PROPN" and child.i > last:
            words = [tok for tok in child.lefts if tok.dep_ in {"compound", "flat"}] + [child]
            if all(tok.pos_ == "PROPN" for tok in words) and words[0].i == last + 1:
                parts.extend(words)
                last = child.i
    return parts


def _under(token: Token, head: Token, deps: set[str]) -> bool:
    """Whether ``token`` hangs below ``head`` through a child attached by one of ``deps``."""
    node = token
    while node.head.i != node.i and node.head.i != head.i:
        node = node.head
    return node.i != head.i and node.dep_ in deps and node.head.i == head.i


def _is_definite(head: Token) -> bool:
    return any(
        child.dep_ in {"det", "poss"} and child.lower_ not in {"a", "an", "some", "one"}
        for child in head.children
    )


def _phrase(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    ordered = sorted(tokens, key=lambda tok: tok.i)
    doc = ordered[0].doc
    text = text_of(doc)[ordered[0].idx : ordered[-1].idx + len(ordered[-1])]
    return text.strip(" ,;:–—")
