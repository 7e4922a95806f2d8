"""Reading PolNeAR's BRAT standoff: articles with gold attribution spans.

Used by the extraction benchmark and by the script that learns the cue lexicon from train.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Pieces = tuple[tuple[int, int], ...]
ROLES = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Pieces
    cue: Pieces
    content: Pieces


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def parse_pieces(offsets: str) -> Pieces:
    """``"256 377;463 616"`` -> ``((256, 377), (463, 616))``."""
    pieces = []
    for part in offsets.split(";"):
        start, end = part.split()
        pieces.append((int(start), int(end)))
    return tuple(sorted(pieces))


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    spans: dict[str, tuple[str, Pieces]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue  # the rest of a span text that holds a line break
        if line.startswith("T"):
            ident, meta = fields[0], fields[1]
            label, offsets = meta.split(" ", 1)
            spans[ident] = (label, parse_pieces(offsets))
        elif line.startswith("E"):
            args = fields[1]
            roles = dict(arg.split(":", 1) for arg in args.split())
            events.append(roles)
    attributions = []
    for roles in events:

        def pieces(role: str, roles: dict[str, str] = roles) -> Pieces:
            ident = roles.get(role)
            return spans[ident][1] if ident in spans else ()

        attributions.append(GoldAttribution(pieces("Source"), pieces("Cue"), pieces("Content")))
    return tuple(attributions)


def read_split(folder: Path, *, limit: int | None = None) -> Iterator[GoldArticle]:
    """The articles of one split in name order, each with its first annotator's spans."""
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        by_article.setdefault(name, []).append(ann)
    for count, name in enumerate(sorted(by_article)):
        if limit is not None and count >= limit:
            return
        text_path = folder / "text" / f"{name}.txt"
        text = text_path.read_text(encoding="utf-8")
        ann_text = by_article[name][0].read_text(encoding="utf-8")
        yield GoldArticle(name, text, parse_ann(ann_text))
