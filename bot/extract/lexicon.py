"""The extractor's vocabulary, read from the data files shipped beside it.

The words live in ``bot/extract/data`` so they can be reviewed and tested as data:
``stances.tsv`` (cue word -> stance), ``cue_words.tsv`` (words that may mark an attribution),
``cue_stats.tsv`` (how often each cue lemma marked an attribution in PolNeAR's train split,
written by ``bench/learn_cues.py``), ``outlets.txt``, ``titles.txt`` and ``honorifics.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.extract.model import Stance


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("bot.extract").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@dataclass(frozen=True, slots=True)
class CueStat:
    """How a lemma behaved in the training split: ``cue`` of ``seen`` verb uses marked an
    attribution."""

    cue: int
    seen: int

    @property
    def precision(self) -> float:
        return self.cue / self.seen if self.seen else 0.0


@dataclass(frozen=True, slots=True)
class Lexicon:
    stances: dict[str, Stance]
    cue_kinds: dict[str, str]  # lemma -> speech | state | act
    cue_stats: dict[str, CueStat]  # "lemma/POS" -> statistics learned from train
    outlets: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str] = frozenset()  # "mr", "dame": titles that are never a role

    def stance_of(self, lemma: str, particle: str | None = None) -> Stance:
        if particle and f"{lemma} {particle}" in self.stances:
            return self.stances[f"{lemma} {particle}"]
        return self.stances.get(lemma, Stance.SAY)

    def is_outlet(self, name: str) -> bool:
        return name in self.outlets or name.removeprefix("the ") in self.outlets


def load_lexicon() -> Lexicon:
    stances = {row[0]: Stance(row[1]) for row in _data_lines("stances.tsv")}
    cue_kinds = {row[0]: row[1] for row in _data_lines("cue_words.tsv")}
    try:
        stat_rows = _data_lines("cue_stats.tsv")
    except FileNotFoundError:
        stat_rows = []
    cue_stats = {row[0]: CueStat(int(row[1]), int(row[2])) for row in stat_rows}
    outlets = frozenset(row[0] for row in _data_lines("outlets.txt"))
    titles = frozenset(row[0] for row in _data_lines("titles.txt"))
    return Lexicon(stances, cue_kinds, cue_stats, outlets, titles | honorifics(), honorifics())


@cache
def honorifics() -> frozenset[str]:
    """Words of address before a name ("Mr", "Dame"), lower case, without a final dot."""
    return frozenset(row[0] for row in _data_lines("honorifics.txt"))
