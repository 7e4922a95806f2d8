"""Who a source is: its name, role and kind, read off its words, and a merge key.

``speaker_key`` is the one normalisation under which the same speaker merges across
articles ("Major Josh Jacques" and "Josh Jacques" share a key). Resolution across one article
is in ``article_speakers.py``; the words around a source's head that ``describe_source`` reads
(issuers, partitives, names in roles) are in ``source_parts.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.extract.lexicon import Lexicon, load_lexicon
from bot.extract.model import SpeakerKind
from bot.extract.name_spans import ORGANISATION_HEADS, whole_name
from bot.extract.rules import a_name, text_of
from bot.extract.short_forms import name_before_short_form
from bot.extract.source_parts import (
    ANONYMOUS_HEADS,
    DOCUMENT_NOUNS,
    PEOPLE_BY_SEX,
    adjacent_name_parts,
    antecedent_of,
    counted_object,
    hangs_under,
    is_definite,
    issued_by,
    issuer_of,
    named_owner,
    person_before_cue,
    person_named_in_role,
    phrase_of,
    stray_name,
    whole_of_part,
    with_hyphened_rest,
    words_before,
)
from bot.folding import to_ascii

if TYPE_CHECKING:  # spaCy loads in a second: answering questions does not need it
    from spacy.tokens import Token

_POSSESSIVE = re.compile(r"(?:'s|s')\b")
NON_WORD = re.compile(r"[^a-z0-9]+")
_DEFAULT_TITLES: frozenset[str] | None = None

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
    tokens = antecedent_of(tokens)
    named_after = person_before_cue(tokens, cue) if cue is not None else []
    if named_after:
        info = describe_source(named_after, lexicon)
        if info.name and info.kind is SpeakerKind.PERSON:
            first = next(tok for tok in named_after if tok.ent_type_ == "PERSON")
            before = [tok for tok in tokens[0].doc[tokens[0].i : first.i] if tok.dep_ != "det"]
            return replace(info, role=phrase_of(before) or info.role)
    ids = {tok.i for tok in tokens}
    roots = [tok for tok in tokens if tok.head.i not in ids or tok.head.i == tok.i]
    spelt = name_before_short_form(tokens)
    if spelt is not None:  # "Transport for London (TfL)": the words the bracket spells out
        words, before = spelt
        kind = SpeakerKind.PERSON if words[-1].ent_type_ == "PERSON" else SpeakerKind.ORGANISATION
        written = phrase_of(before) if any(tok.is_alpha for tok in before) else None
        return SourceInfo(phrase_of(words), written or None, kind, False, roots[0].lemma_.lower())
    if len(roots) > 1 and (a_name(roots[-1]) or roots[-1].ent_type_ == "PERSON"):
        split = _name_after_split(tokens, roots[-1], lexicon)
        if split is not None:
            return split
    head = roots[0]
    whole = whole_of_part(head, ids)
    if whole:  # "Part of the judge's statement": the statement's, not "Part"
        return describe_source(whole, lexicon)
    if head.pos_ == "NOUN":
        issuer = issued_by(head, ids)
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
            or person_named_in_role(head, ids)
            or stray_name(head, tokens, ids)
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
        kept = [tok for tok in head.subtree if tok.i in ids and not hangs_under(tok, head, clauses)]
        lemma = head.lemma_.lower()
        owner = named_owner(head, ids) if lemma in ORGANISATION_HEADS else []
        if owner:  # "the government of American Samoa" is that government's name
            kept = [tok for tok in kept if tok.dep_ != "det"] + owner
        phrase = phrase_of(kept)
        anonymous = marked_anonymous or (
            lemma in ANONYMOUS_HEADS
            and not any(tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON" for tok in tokens)
            and not is_definite(head)
        )
        if lemma in DOCUMENT_NOUNS and not anonymous:
            issuer = issuer_of(head, ids)
            if issuer:
                return describe_source(issuer, lexicon)
            document = is_definite(head)  # "the statement", "its letter"; not "a statement"
            return SourceInfo(phrase, None, SpeakerKind.UNKNOWN, False, lemma, document=document)
        if not anonymous and counted_object(head, tokens):
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
    name_tokens = parts.name + adjacent_name_parts(name_head, max(tok.i for tok in parts.name))
    if not role_tokens:
        role_tokens = words_before(name_tokens[0], ids) or parts.role
    name = phrase_of(name_tokens)
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
    role = phrase_of(with_hyphened_rest(role_tokens)) if role_tokens else None
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
    return replace(info, role=phrase_of(before) or info.role)
