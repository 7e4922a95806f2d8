"""Who a source is: its name, role and kind, read off its words, and a merge key.

``speaker_key`` is the one normalisation under which the same speaker merges across
articles ("Major Josh Jacques" and "Josh Jacques" share a key). Resolution across one article
is in ``article_speakers.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from bot.extract.lexicon import Lexicon, load_lexicon
from bot.extract.model import SpeakerKind
from bot.extract.name_spans import ORGANISATION_HEADS, whole_name
from bot.extract.rules import a_name, subtree_tokens, text_of
from bot.extract.short_forms import name_before_short_form
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
    agent: bool = True  # False: no one who can speak or hold a view ("two tankers")


def describe_source(
    tokens: list[Token], lexicon: Lexicon, *, cue: Token | None = None
) -> SourceInfo:
    """Read name, role and kind off the source's words.

    ``cue``: the cue the source is the subject of. A person named between the source and the
    cue ("Niger's president | Mahamadou Issoufou said", where the parser made two subjects)
    is the speaker, the source their role. An honorific ("Mr") is no role."""
    info = _describe(tokens, lexicon, cue=cue)
    if info.role is None:
        return info
    return replace(info, role=role_without_honorifics(info.role, lexicon.honorifics))


def role_without_honorifics(role: str, honorifics: frozenset[str]) -> str | None:
    """ "Finance Minister Mr" -> "Finance Minister"; "Mr" -> None: the words of address
    written next to the name are not what the person does."""
    words = role.split()
    while words and words[-1].lower().rstrip(".") in honorifics:
        words = words[:-1]
    return " ".join(words).strip(" ,;:") or None


def _describe(tokens: list[Token], lexicon: Lexicon, *, cue: Token | None = None) -> SourceInfo:
    tokens = _antecedent(tokens)
    named_after = _person_before_cue(tokens, cue) if cue is not None else []
    if named_after:
        info = describe_source(named_after, lexicon)
        if info.name and info.kind is SpeakerKind.PERSON:
            first = next(tok for tok in named_after if tok.ent_type_ == "PERSON")
            before = [tok for tok in tokens[0].doc[tokens[0].i : first.i] if tok.dep_ != "det"]
            return replace(info, role=_phrase(before) or info.role)
    ids = {tok.i for tok in tokens}
    roots = [tok for tok in tokens if tok.head.i not in ids or tok.head.i == tok.i]
    spelt = name_before_short_form(tokens)
    if spelt is not None:  # "Transport for London (TfL)": the words the bracket spells out
        words, before = spelt
        kind = SpeakerKind.PERSON if words[-1].ent_type_ == "PERSON" else SpeakerKind.ORGANISATION
        written = _phrase(before) if any(tok.is_alpha for tok in before) else None
        return SourceInfo(_phrase(words), written or None, kind, False, roots[0].lemma_.lower())
    if len(roots) > 1 and (a_name(roots[-1]) or roots[-1].ent_type_ == "PERSON"):
        split = _name_after_split(tokens, roots[-1], lexicon)
        if split is not None:
            return split
    head = roots[0]
    whole = _whole_of_part(head, ids)
    if whole:  # "Part of the judge's statement": the statement's, not "Part"
        return describe_source(whole, lexicon)
    if head.pos_ == "NOUN":
        issuer = _issued_by(head, ids)
        if issuer:  # "a report released by the council" is the council's
            return describe_source(issuer, lexicon)
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
                and (
                    head.doc[child.left_edge.i - 1].text == ","
                    or (child.dep_ == "appos" and child.left_edge.i == head.i + 1)
                )
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
        person = [app for app in appositions if app.ent_type_ == "PERSON"]
        if head.ent_type_ != "PERSON" and person:  # "Member of Parliament (MP) Ana Ruiz"
            name_head = person[0]
    if name_head is None:
        clauses = {"acl", "relcl", "appos", "punct", "prep"}
        kept = [tok for tok in head.subtree if tok.i in ids and not _under(tok, head, clauses)]
        lemma = head.lemma_.lower()
        owner = _named_owner(head, ids) if lemma in ORGANISATION_HEADS else []
        if owner:  # "the government of American Samoa" is that government's name
            kept = [tok for tok in kept if tok.dep_ != "det"] + owner
        phrase = _phrase(kept)
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
        if not anonymous and _counted_object(head, tokens):
            return SourceInfo(None, None, SpeakerKind.UNKNOWN, False, lemma, agent=False)
        if anonymous:
            kind = SpeakerKind.ANONYMOUS
        elif lemma in ORGANISATION_HEADS or head.ent_type_ in {"ORG", "GPE", "NORP"}:
            kind = SpeakerKind.ORGANISATION
        elif lemma in PEOPLE_BY_SEX:
            kind = SpeakerKind.PERSON  # "the woman": "she" may stand for her
        else:
            kind = SpeakerKind.UNKNOWN
        return SourceInfo(phrase, None, kind, anonymous, lemma)
    parts = whole_name(name_head, ids, lexicon)
    name_tokens = parts.name + _adjacent_name_parts(name_head, max(tok.i for tok in parts.name))
    if not role_tokens:
        role_tokens = _words_before(name_tokens[0], ids) or parts.role
    name = _phrase(name_tokens)
    ent = name_head.ent_type_
    if parts.person and head.lemma_.lower() not in ORGANISATION_HEADS:
        kind = SpeakerKind.PERSON
    elif head.lemma_.lower() in ORGANISATION_HEADS or lexicon.is_outlet(name):
        kind = SpeakerKind.ORGANISATION
    elif ent == "PERSON":
        kind = SpeakerKind.PERSON
    elif ent in {"ORG", "GPE", "NORP", "FAC"} or head.lemma_.lower() in ORGANISATION_HEADS:
        kind = SpeakerKind.ORGANISATION
    elif head.pos_ == "NOUN" and head.i != name_head.i and not ent:
        kind = SpeakerKind.PERSON  # a name a role is given: "the minister, Ana Ruiz"
    else:
        kind = SpeakerKind.UNKNOWN
    role = _phrase(_with_hyphened_rest(role_tokens)) if role_tokens else None
    return SourceInfo(name, role, kind, marked_anonymous, name_head.lemma_.lower())


def _name_after_split(tokens: list[Token], last: Token, lexicon: Lexicon) -> SourceInfo | None:
    """A source the parser cut into several subjects, the last a name ("study co | -author
    Carl Lipo"): the name is the speaker, the words before it the role, or the start of the
    name itself when they are proper nouns too ("Muhammad | al-Houthi")."""
    ids = {tok.i for tok in tokens}
    doc = last.doc
    first = last.left_edge.i
    if (
        doc[first].is_title
        and first - 2 in ids
        and doc[first - 1].text == "-"
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
    ):
        first -= 2  # "al-|Houthi": a name glued to the word before
    named = [tok for tok in tokens if tok.i >= first]
    if len(named) == len(tokens):
        return None
    info = describe_source(named, lexicon)
    start = text_of(doc).find(info.name, tokens[0].idx) if info.name else -1
    if info.name is None or start < 0:
        return None
    before = [tok for tok in tokens if tok.idx < start and tok.dep_ != "det"]
    while before and (before[-1].dep_ == "cc" or before[-1].is_punct):
        before = before[:-1]
    if before and all(tok.pos_ == "PROPN" and tok.ent_type_ in {"", "PERSON"} for tok in before):
        return replace(info, name=text_of(doc)[before[0].idx : start + len(info.name)])
    return replace(info, role=_phrase(before) or info.role)


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


def _counted_object(head: Token, tokens: list[Token]) -> bool:
    """ "two tankers": a counted common noun no one has seen speak, with no name in it."""
    return (
        head.pos_ == "NOUN"
        and any(child.dep_ == "nummod" for child in head.children)
        and head.lemma_.lower() not in agent_nouns()
        and not head.lemma_.lower().endswith(PERSON_SUFFIXES)
        and not any(tok.pos_ == "PROPN" or tok.ent_type_ for tok in tokens if tok.dep_ != "nummod")
    )


def _issuer(document: Token, ids: set[int]) -> list[Token]:
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
        if holder is not None and _names_an_issuer(holder):
            return [tok for tok in holder.subtree if tok.dep_ != "case" and not tok.is_space]
    return []


def _issued_by(noun: Token, ids: set[int]) -> list[Token]:
    """Who a text was put out by, named in a passive participle's agent ("a statement
    released by the court", "a video posted by the ministry")."""
    for participle in noun.children:
        if participle.dep_ != "acl" or participle.tag_ != "VBN" or participle.i not in ids:
            continue
        for agent in participle.children:
            if agent.dep_ != "agent":
                continue
            holder = next((obj for obj in agent.children if obj.dep_ == "pobj"), None)
            if holder is not None and _names_an_issuer(holder):
                return [tok for tok in holder.subtree if not tok.is_space]
    return []


def _names_an_issuer(token: Token) -> bool:
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


def _whole_of_part(head: Token, ids: set[int]) -> list[Token]:
    """The whole a share names ("the judge's statement" of "Part of the judge's statement")."""
    if head.lower_ not in PARTITIVES or head.pos_ not in {"NOUN", "PROPN"}:
        return []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i in ids:
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.i in ids), None)
            if obj is not None:
                return [tok for tok in obj.subtree if tok.i in ids and not tok.is_space]
    return []


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


def _named_owner(head: Token, ids: set[int]) -> list[Token]:
    """ "of American Samoa" after an organisation noun: the place or body it belongs to."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i in ids:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN" and obj.ent_type_ in {"GPE", "ORG", "NORP"}:
                return [tok for tok in prep.subtree if tok.i in ids]
    return []


def _person_before_cue(tokens: list[Token], cue: Token) -> list[Token]:
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


def _with_hyphened_rest(tokens: list[Token]) -> list[Token]:
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


def _words_before(first: Token, ids: set[int]) -> list[Token]:
    """The source's words just before its name: the role written in front of it."""
    doc = first.doc
    start = first.i
    while (start - 1 in ids and not doc[start - 1].is_punct) or (
        start - 1 in ids and doc[start - 1].text in {".", "-"}
    ):
        start -= 1
    words = [tok for tok in doc[start : first.i] if tok.dep_ != "det" and tok.pos_ != "DET"]
    return words if any(tok.is_alpha for tok in words) else []


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
    return text.strip(" ,;:–—-")
