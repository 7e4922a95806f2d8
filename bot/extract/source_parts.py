"""The words around a source's head that say who it is: the issuer of a document, the whole
of a part, the person a role phrase names, the antecedent of "which", the role before a name.

``speakers.describe_source`` reads a source with these; they take and give spaCy tokens.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from bot.extract.name_spans import ORGANISATION_HEADS
from bot.extract.rules import subtree_tokens, text_of

if TYPE_CHECKING:
    from spacy.tokens import Token

ANONYMOUS_HEADS = {
    "official", "source", "person", "people", "diplomat", "insider", "aide", "officer",
    "spokesman", "spokeswoman", "spokesperson", "testimony", "report", "witness", "resident",
    "member", "staffer", "adviser", "advisor", "lawmaker", "executive", "employee",
}  # fmt: skip

# Nouns that name one person by sex or kin ("woman", "mother"): pronouns can stand for them.
PEOPLE_BY_SEX = {
    "woman", "man", "mother", "father", "wife", "husband", "sister", "brother", "daughter",
    "son", "girl", "boy", "widow", "widower", "grandmother", "grandfather", "aunt", "uncle",
}  # fmt: skip

DOCUMENT_NOUNS = {
    "statement", "summary", "ruling", "decision", "verdict", "judgment", "judgement", "letter",
    "release", "memo", "communique", "notice", "announcement", "filing", "complaint", "order",
    "post", "tweet", "message", "email", "document", "text", "transcript", "indictment",
}  # fmt: skip
ISSUER_PREPS = {"by", "from", "of"}


# Endings of nouns for people ("scientist", "doctor", "employee", "attendant", "chairwoman").
PERSON_SUFFIXES = ("ist", "ian", "man", "woman", "person", "or", "ee", "ant", "ent", "ess")


@cache
def agent_nouns() -> frozenset[str]:
    """Common nouns that head sources in PolNeAR train (``bench/learn_agents.py``)."""
    text = resources.files("bot.extract").joinpath("data", "agent_nouns.txt").read_text("utf-8")
    lemmas = {line.split("\t")[0] for line in text.splitlines() if line and line[0] != "#"}
    return frozenset(lemmas | ANONYMOUS_HEADS | ORGANISATION_HEADS | DOCUMENT_NOUNS)


def counted_object(head: Token, tokens: list[Token]) -> bool:
    """ "two tankers": a counted common noun no one has seen speak, with no name in it."""
    return (
        head.pos_ == "NOUN"
        and any(child.dep_ == "nummod" for child in head.children)
        and head.lemma_.lower() not in agent_nouns()
        and not head.lemma_.lower().endswith(PERSON_SUFFIXES)
        and not any(tok.pos_ == "PROPN" or tok.ent_type_ for tok in tokens if tok.dep_ != "nummod")
    )


def issuer_of(document: Token, ids: set[int]) -> list[Token]:
    """Who wrote the document: "the ministry's statement", "a letter from the council"."""
    for child in document.children:
        if child.i not in ids:
            continue
        holder = None
        if child.dep_ == "poss" and child.pos_ != "PRON":
            if child.pos_ == "NOUN" and child.lemma_.lower() in agent_nouns():
                return [tok for tok in child.subtree if tok.dep_ != "case" and not tok.is_space]
            holder = child
        elif child.dep_ == "prep" and child.lower_ in ISSUER_PREPS:
            holder = next((obj for obj in child.children if obj.dep_ == "pobj"), None)
        if holder is not None and names_an_issuer(holder):
            return [tok for tok in holder.subtree if tok.dep_ != "case" and not tok.is_space]
    return []


def issued_by(noun: Token, ids: set[int]) -> list[Token]:
    """Who a text was put out by, named in a passive participle's agent ("a statement
    released by the court", "a video posted by the ministry")."""
    for participle in noun.children:
        if participle.dep_ != "acl" or participle.tag_ != "VBN" or participle.i not in ids:
            continue
        for agent in participle.children:
            if agent.dep_ != "agent":
                continue
            holder = next((obj for obj in agent.children if obj.dep_ == "pobj"), None)
            if holder is not None and names_an_issuer(holder):
                return [tok for tok in holder.subtree if not tok.is_space]
    return []


def names_an_issuer(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
        or token.lemma_.lower() in ORGANISATION_HEADS
    )


# Nouns naming a share of a whole (the partitive construction: "part of the statement").
PARTITIVES = {
    "part", "portion", "section", "passage", "excerpt", "extract", "segment", "piece", "rest",
    "remainder", "bulk", "half", "fraction", "parts", "portions", "sections", "passages",
    "excerpts", "extracts", "segments", "pieces",
}  # fmt: skip


def whole_of_part(head: Token, ids: set[int]) -> list[Token]:
    """The whole a share names ("the judge's statement" of "Part of the judge's statement")."""
    if head.lower_ not in PARTITIVES or head.pos_ not in {"NOUN", "PROPN"}:
        return []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i in ids:
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.i in ids), None)
            if obj is not None:
                return [tok for tok in obj.subtree if tok.i in ids and not tok.is_space]
    return []


def antecedent_of(tokens: list[Token]) -> list[Token]:
    """ "the ministry, which denied it": the speaker is the noun a relative pronoun stands for."""
    if len(tokens) != 1 or tokens[0].lower_ not in {"which", "who", "that"}:
        return tokens
    clause = tokens[0].head
    noun = clause.head
    if clause.dep_ != "relcl" or noun.pos_ not in {"NOUN", "PROPN"}:
        return tokens
    return [tok for tok in subtree_tokens(noun, without={clause.i}) if not tok.is_space]


def person_named_in_role(head: Token, ids: set[int]) -> list[Token]:
    """The person a role phrase names: "the fire chief Ana Ruiz", "the head of X, Ana Ruiz",
    "news site X's editor, Ana Ruiz".

    The parser hangs the name on the role, on the organisation closing the role's phrase, or
    on a role set in apposition to the first noun.
    """
    holders = [head] + [
        obj
        for prep in head.children
        if prep.dep_ == "prep" and prep.i in ids
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    holders += [
        child
        for child in head.children
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i in ids
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


def stray_name(head: Token, tokens: list[Token], ids: set[int]) -> list[Token]:
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


def named_owner(head: Token, ids: set[int]) -> list[Token]:
    """ "of American Samoa" after an organisation noun: the place or body it belongs to."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i in ids:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN" and obj.ent_type_ in {"GPE", "ORG", "NORP"}:
                return [tok for tok in prep.subtree if tok.i in ids]
    return []


def person_before_cue(tokens: list[Token], cue: Token) -> list[Token]:
    """The PERSON name standing between the source's last word and its cue, with the role words
    joining them ("leader and | Prime Minister Boris Johnson | said")."""
    doc = cue.doc
    last = tokens[-1].i
    if cue.i <= last + 1 or cue.i - last > 12:
        return []
    gap = [tok for tok in doc[last + 1 : cue.i] if not tok.is_space]
    while gap and gap[-1].is_punct:
        gap = gap[:-1]
    if not gap or gap[-1].ent_type_ != "PERSON" or gap[-1].dep_ not in {"nsubj", "appos", "conj"}:
        return []
    if not all(tok.pos_ in {"PROPN", "NOUN", "ADJ", "CCONJ", "PUNCT", "ADP", "DET"} for tok in gap):
        return []
    start = len(gap) - 1
    while start > 0 and gap[start - 1].ent_type_ == "PERSON":
        start -= 1
    while start > 0 and gap[start - 1].pos_ == "PROPN" and gap[start - 1].dep_ == "compound":
        start -= 1
    return gap[start:]


def with_hyphened_rest(tokens: list[Token]) -> list[Token]:
    """ "co" | "-author of a new study": the rest of a hyphened word the parser hung elsewhere."""
    doc = tokens[0].doc
    last = max(tok.i for tok in tokens)
    extra: list[Token] = []
    while (
        last + 2 < len(doc)
        and not doc[last].whitespace_
        and doc[last + 1].text == "-"
        and not doc[last + 1].whitespace_
    ):
        word = doc[last + 2]
        extra += [doc[last + 1], *word.subtree] if word.head.i != last else [doc[last + 1], word]
        last = max(tok.i for tok in extra)
    return tokens + extra


def words_before(first: Token, ids: set[int]) -> list[Token]:
    """The source's words just before its name: the role written in front of it."""
    doc = first.doc
    start = first.i
    while (start - 1 in ids and not doc[start - 1].is_punct) or (
        start - 1 in ids and doc[start - 1].text in {".", "-"}
    ):
        start -= 1
    words = [tok for tok in doc[start : first.i] if tok.dep_ != "det" and tok.pos_ != "DET"]
    return words if any(tok.is_alpha for tok in words) else []


def adjacent_name_parts(name_head: Token, last: int) -> list[Token]:
    """Words of the same name the parser split off to the right ("Ana dela | Cruz")."""
    parts: list[Token] = []
    for child in name_head.rights:
        if child.dep_ in {"appos", "flat"} and child.pos_ == "PROPN" and child.i > last:
            words = [tok for tok in child.lefts if tok.dep_ in {"compound", "flat"}] + [child]
            if all(tok.pos_ == "PROPN" for tok in words) and words[0].i == last + 1:
                parts.extend(words)
                last = child.i
    return parts


def hangs_under(token: Token, head: Token, deps: set[str]) -> bool:
    """Whether ``token`` hangs below ``head`` through a child attached by one of ``deps``."""
    node = token
    while node.head.i != node.i and node.head.i != head.i:
        node = node.head
    return node.i != head.i and node.dep_ in deps and node.head.i == head.i


def is_definite(head: Token) -> bool:
    return any(
        child.dep_ in {"det", "poss"} and child.lower_ not in {"a", "an", "some", "one"}
        for child in head.children
    )


def phrase_of(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    ordered = sorted(tokens, key=lambda tok: tok.i)
    doc = ordered[0].doc
    text = text_of(doc)[ordered[0].idx : ordered[-1].idx + len(ordered[-1])]
    return text.strip(" ,;:–—-")
