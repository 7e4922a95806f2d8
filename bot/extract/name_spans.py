"""The whole name in a source, and the role written before it.

"Bulgaria's Ministry of Transport" is one name: the parser hangs "Bulgaria's" and "of Transport"
on "Ministry", and both belong to it. "US Ambassador to Germany Richard Grenell" is a role and
a name, and so are "television broadcaster PBS" and "opposition leader Jonas Berg". The name is
read off the parse (compounds, flat names, a possessive country, prepositional chains inside an
organisation's name) and NER (a PERSON entity is the name; what stands before it is the role).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale

from bot.extract.lexicon import Lexicon
from bot.extract.rules import text_of

if TYPE_CHECKING:
    from spacy.tokens import Token

ORGANISATION_HEADS = {
    "coalition", "alliance", "government", "ministry", "agency", "authority", "army",
    "military", "police", "company", "group", "campaign", "committee", "party",
    "administration", "department", "office", "council", "court", "commission", "union",
    "organization", "organisation", "network", "newspaper", "force", "pentagon", "white house",
    "kremlin", "board", "firm", "bank", "institute", "university", "team", "state", "country",
    "embassy", "parliament", "congress", "senate", "cabinet", "regime", "channel", "station",
    "tribunal", "panel", "jury", "regulator", "watchdog", "inquiry", "bureau", "service",
    "center", "centre", "foundation", "association", "federation", "corporation", "directorate",
    "secretariat", "assembly", "school", "college", "hospital", "society", "fund", "project",
    "airline", "airlines", "lines", "corps", "guard", "navy", "command", "program", "programme",
}  # fmt: skip
PLACE_LABELS = {"GPE", "NORP", "LOC"}
NAME_JOINERS = {"of", "for", "on", "and", "&", "the", "de", "du", "la", "von", "van", "der"}
ROLE_PREPOSITIONS = {"to", "of", "for", "at", "in"}


@cache
def territory_names() -> frozenset[str]:
    """Country and territory names in English (CLDR, through Babel), lower case."""
    territories = Locale("en").territories
    names = {str(name).casefold() for name in territories.values()}
    names |= {str(code).casefold() for code in territories if str(code).isalpha()}
    return frozenset(names | {"u.s.", "u.k.", "uk", "usa", "eu", "un", "u.n."})


@dataclass(frozen=True, slots=True)
class NameParts:
    name: list[Token]
    role: list[Token]  # the words before the name that say who the named one is
    person: bool = False  # the role is a person's title ("Ambassador"), whatever NER thinks


def is_organisation_word(token: Token) -> bool:
    return token.lemma_.lower() in ORGANISATION_HEADS or token.lower_ in ORGANISATION_HEADS


def whole_name(name_head: Token, ids: set[int], lexicon: Lexicon) -> NameParts:
    """The name ``name_head`` heads inside the source's token ids, and the role before it."""
    chain = _chain(name_head, ids, titled=name_head.lower_.rstrip(".") in lexicon.titles)
    person = _person_entity(name_head, ids, lexicon)
    if person:
        role = [tok for tok in chain if tok.i < person[0].i and not _is_det(tok)]
        return NameParts(_strip_titles(person, lexicon), _trim_role(role), person=True)
    if not is_organisation_word(name_head) and not lexicon.is_outlet(_text(chain)):
        split = _role_then_name(chain, lexicon)
        if split is not None:
            return split
    return NameParts(_trim_name(chain), [])


def _chain(name_head: Token, ids: set[int], *, titled: bool) -> list[Token]:
    """The contiguous tokens of the name around its head (and of the role, for a title whose
    holder the parser hung on its preposition: "Ambassador to Germany Richard Grenell")."""
    doc = name_head.doc
    entity = _entity_range(name_head)
    organisation = is_organisation_word(name_head) or name_head.ent_type_ in {"ORG", "FAC"}
    keep = {name_head.i}
    stack = [name_head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.i not in ids or child.i in keep:
                continue
            if _belongs(child, node, entity, organisation=organisation) or (
                titled and _holder_of_title(child, node, name_head)
            ):
                keep.add(child.i)
                stack.append(child)
    first = last = name_head.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    tokens = list(doc[first : last + 1])
    while tokens and (_is_det(tokens[0]) or tokens[0].is_punct):
        tokens = tokens[1:]
    return tokens or [name_head]


def _belongs(child: Token, node: Token, entity: range, *, organisation: bool) -> bool:
    dep = child.dep_
    if dep in {"compound", "flat"}:
        return True
    if dep in {"amod", "nmod"} and child.pos_ == "PROPN":
        return True
    if dep == "nummod":  # "Lost 52 Project", "Group of 20": a number between a name's words
        before = child.doc[child.i - 1]
        return child.i > 0 and before.pos_ == "PROPN" and before.head.i == node.i
    if dep == "case":
        return node.dep_ == "poss"
    if dep == "poss":  # "Bulgaria's Ministry": a place owning an organisation is in its name
        return (
            organisation
            and child.pos_ == "PROPN"
            and (child.ent_type_ in PLACE_LABELS or child.lower_ in territory_names())
        )
    if dep == "det":  # "Department of the Treasury"
        inner = node.dep_ in {"pobj", "nmod"} and organisation and child.lower_ == "the"
        return inner or (child.i in entity and child.i != entity.start)
    if dep == "punct":
        return child.text in {"-", "."} and child.i in entity
    inside = child.i in entity
    if dep == "prep":
        return child.lower_ in NAME_JOINERS and (inside or organisation) and _names_below(child)
    if dep == "pobj":
        return child.pos_ == "PROPN" and (inside or organisation)
    if dep in {"cc", "conj"}:  # "of Environment and Water", "Science and Technology Directorate"
        if inside and node.ent_type_ in {"ORG", "FAC"}:  # "Procter and Gamble"
            return True
        return (
            node.dep_ in {"pobj", "compound", "nmod"}
            and (inside or organisation)
            and (child.pos_ == "PROPN" or child.lower_ in {"and", "&"})
        )
    return False


def _holder_of_title(child: Token, node: Token, title: Token) -> bool:
    if node.i == title.i:
        return child.dep_ == "prep" and child.lower_ in ROLE_PREPOSITIONS and _names_below(child)
    return node.dep_ == "prep" and child.dep_ == "pobj" and child.pos_ == "PROPN"


def _names_below(prep: Token) -> bool:
    return any(obj.dep_ == "pobj" and obj.pos_ == "PROPN" for obj in prep.children)


def _entity_range(token: Token) -> range:
    if not token.ent_type_:
        return range(0)
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return range(start, end)


def _person_entity(name_head: Token, ids: set[int], lexicon: Lexicon) -> list[Token]:
    """The PERSON entity around the head, past NER's misplaced edges: a given name left out
    before a lower-case particle ("Arnel | dela Vega"), an organisation word taken in ("Chief
    of | Police Kari Nord")."""
    if name_head.ent_type_ != "PERSON":
        return []
    doc = name_head.doc
    entity = _entity_range(name_head)
    tokens = [doc[i] for i in entity if i in ids and doc[i].tag_ != "POS"]
    while (
        tokens
        and tokens[0].i - 1 in ids
        and _given_name_left_out(doc[tokens[0].i - 1], tokens[0], lexicon)
    ):
        tokens.insert(0, doc[tokens[0].i - 1])
    while len(tokens) > 2 and is_organisation_word(tokens[0]) and tokens[0].i - 1 in ids:
        if doc[tokens[0].i - 1].lower_ not in ROLE_PREPOSITIONS:
            break
        tokens = tokens[1:]
    return tokens


def _given_name_left_out(token: Token, first: Token, lexicon: Lexicon) -> bool:
    return (
        first.text[:1].islower()  # the entity opens on a particle: "dela", "van", "al"
        and token.pos_ == "PROPN"
        and token.is_title
        and not token.ent_type_
        and token.lower_.rstrip(".") not in lexicon.titles
        and not is_organisation_word(token)
        and token.lower_ not in territory_names()
    )


def _role_then_name(chain: list[Token], lexicon: Lexicon) -> NameParts | None:
    """ "US Ambassador to Germany Richard Grenell", "television broadcaster PBS": the name is
    what follows the last role word (a title or a common noun), past a place the role is for."""
    last_role = -1
    for index, tok in enumerate(chain[:-1]):
        if tok.pos_ in {"NOUN", "ADJ"} or tok.lower_.rstrip(".") in lexicon.titles:
            last_role = index
    if last_role < 0:
        return None
    rest = chain[last_role + 1 :]
    if rest and rest[0].lower_ in ROLE_PREPOSITIONS:
        rest = rest[1:]
        places = 0
        while places < len(rest) and rest[places].lower_ in territory_names() | {"the"}:
            places += 1
        if places == len(rest):
            return None  # "the Ambassador to Germany" names nobody
        rest = rest[places:]
    rest = [tok for tok in rest if not tok.is_punct or tok.text in {"-", "."}]
    person = next((index for index, tok in enumerate(rest) if tok.ent_type_ == "PERSON"), 0)
    rest = rest[person:]  # "Ambassador to the United Nations | Nikki Haley"
    while len(rest) > 2 and is_organisation_word(rest[0]):
        rest = rest[1:]  # "Chief of Police | Kari Nord"
    if not rest or not all(tok.pos_ == "PROPN" or tok.tag_ == "POS" for tok in rest):
        return None
    role = [tok for tok in chain if tok.i < rest[0].i]
    titled = any(tok.lower_.rstrip(".") in lexicon.titles for tok in role)
    return NameParts(_strip_titles(rest, lexicon), _trim_role(role), person=titled)


def _strip_titles(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in lexicon.titles:
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _trim_name(tokens: list[Token]) -> list[Token]:
    while len(tokens) > 1 and (
        tokens[-1].tag_ == "POS" or tokens[-1].is_punct or tokens[-1].lower_ in NAME_JOINERS
    ):
        tokens = tokens[:-1]
    return tokens


def _trim_role(tokens: list[Token]) -> list[Token]:
    while tokens and (_is_det(tokens[0]) or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _is_det(token: Token) -> bool:
    return token.dep_ == "det" or token.lower_ in {"the", "a", "an"}


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return text_of(tokens[0].doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
