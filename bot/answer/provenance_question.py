"""Questions about provenance: "who first reported X?", "where does the claim that X come
from?", "which outlets carried Y's denial?". The frame is taken off and the rest is read as
any question; the answers' ``reports`` (``provenance.py``) then answer what was asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

FIRST = "first"  # who reported it first, where it came from
OUTLETS = "outlets"  # every outlet that carried it

_OUTLET_NOUNS = (
    r"(?:news\s+)?(?:outlets?|media|papers?|newspapers?|sites?|websites?|channels?|agenc(?:y|ies)"
    r"|publications?|broadcasters?|wires?|sources?)"
)
_REPORTED = r"(?:reported|published|carried|broke|wrote|ran|said)"
_WHO = rf"(?:who|(?:which|what)\s+{_OUTLET_NOUNS})"
_LEAD = (
    r"(?:that\s+|about\s+|on\s+|of\s+"
    r"|the\s+(?:news|story|report|claim)\s+(?:that\s+|about\s+|of\s+)?)?"
)
_FRAMES = (
    (FIRST, rf"{_WHO}\s+(?:first|originally)\s+{_REPORTED}\s+{_LEAD}(?P<rest>.+)"),
    (FIRST, rf"{_WHO}\s+(?:was|were)\s+(?:the\s+)?first\s+to\s+report\s+{_LEAD}(?P<rest>.+)"),
    (FIRST, rf"{_WHO}\s+broke\s+{_LEAD}(?P<rest>.+)"),
    (
        FIRST,
        r"where\s+(?:does|did|do)\s+(?:the\s+)?(?:claim|report|story|news|statement|quote"
        r"|allegation|idea)s?\s+(?:that\s+|about\s+|of\s+)?(?P<rest>.+?)\s+"
        r"(?:come|came|originate|start)(?:\s+from)?",
    ),
    (
        OUTLETS,
        rf"(?:which|what)\s+(?:other\s+)?{_OUTLET_NOUNS}\s+(?:also\s+)?"
        r"(?:carried|carry|reported|report|repeated|published|ran|covered)\s+(?P<rest>.+)",
    ),
    (OUTLETS, r"who\s+(?:else\s+)?(?:carried|repeated|republished)\s+(?P<rest>.+)"),
)
_COMPILED = tuple(
    (aspect, re.compile(rf"^\s*(?:{pattern})\s*[?.!]*\s*$", re.IGNORECASE | re.DOTALL))
    for aspect, pattern in _FRAMES
)


@dataclass(frozen=True, slots=True)
class ProvenanceAsk:
    aspect: str  # FIRST or OUTLETS
    rest: str  # the question less its frame: what the claim is about


def provenance_frame(text: str) -> ProvenanceAsk | None:
    """The provenance asked about and the rest of the question, when it asks one."""
    for aspect, pattern in _COMPILED:
        found = pattern.match(text)
        if found and found.group("rest").strip(" ?.!"):
            return ProvenanceAsk(aspect, found.group("rest").strip(" ?.!"))
    return None
