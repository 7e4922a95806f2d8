"""Where a content ends: which phrases hung after the content's head word belong to it.

The parser hangs on the reported clause's verb what the writer added after it (", while about
4 in 10 want one", "at a rally in South Carolina", ", a swipe at ..."). How often each kind of
such phrase lay inside PolNeAR's gold content is learned from the train split by
``bench/learn_content_edges.py`` and shipped as ``data/content_edges.tsv`` (keys and counts
only). A trailing phrase the habits mostly left out is cut, together with whatever follows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from bot.extract.cue_model import read_rates

MIN_SEEN = 8  # a kind of phrase seen fewer times after a content head is kept, as before
OPENERS = {",", "-", "--", "—", "–", ";"}
QUOTE_MARKS = {"“", "”", '"', "''", "``"}


def _opener(child: Token) -> str:
    """What sets the phrase off: a comma or dash before it (or before its "and"), or nothing."""
    start = child.left_edge.i
    if start > 0 and child.doc[start - 1].dep_ == "cc":
        start -= 1
    before = child.doc[start - 1] if start > 0 else None
    return "sep" if before is not None and before.text in OPENERS else "none"


def _word(child: Token) -> str:
    """The word that says what kind of phrase it is: a preposition, a clause's conjunction
    ("while", "because"), a coordinator ("and", "but")."""
    if child.dep_ == "prep":
        return child.lower_
    for grand in child.children:
        if grand.dep_ in {"mark", "cc"} and grand.i < child.i:
            return grand.lower_
    siblings = [t for t in child.head.children if t.dep_ == "cc" and t.i < child.i]
    if child.dep_ == "conj" and siblings:
        return siblings[-1].lower_
    return "-"


def edge_keys(child: Token) -> list[str]:
    """How a content head's right-hand child is looked up, most specific first."""
    subject = any(grand.dep_ in {"nsubj", "nsubjpass", "expl"} for grand in child.children)
    base = f"{child.dep_}|{_opener(child)}|subj={subject}"
    return [f"{base}|{_word(child)}", base]


@dataclass(frozen=True, slots=True)
class EdgeHabits:
    rates: dict[str, tuple[int, int]]  # key -> (inside the content, seen)

    def left_out(self, child: Token) -> bool:
        for key in edge_keys(child):
            inside, seen = self.rates.get(key, (0, 0))
            if seen >= MIN_SEEN:
                return inside * 2 < seen
        return False

    def trimmed(self, tokens: list[Token]) -> list[Token]:
        """The content's tokens (in text order) without a trailing phrase the habits left
        out: one hung after a word of the content and running to its end."""
        if not tokens:
            return tokens
        ids = {tok.i for tok in tokens}
        last = tokens[-1].i
        cut: int | None = None
        for word in tokens:
            for phrase in word.rights:
                if phrase.i not in ids or phrase.is_punct or phrase.right_edge.i < last:
                    continue
                if self.left_out(phrase):
                    start = phrase.left_edge.i
                    cut = start if cut is None else min(cut, start)
        if cut is None or any(tok.i >= cut and tok.text in QUOTE_MARKS for tok in tokens):
            return tokens  # a quotation is taken whole
        while cut - 1 in ids and cut - 1 > tokens[0].i and _is_joint(tokens[0].doc[cut - 1]):
            cut -= 1
        return [tok for tok in tokens if tok.i < cut]


def _is_joint(token: Token) -> bool:
    return token.is_punct or token.is_space or token.dep_ == "cc"


def load_edge_habits() -> EdgeHabits | None:
    rates = read_rates("content_edges.tsv")
    return None if rates is None else EdgeHabits(rates)
