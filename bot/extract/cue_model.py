"""A small logistic model that decides whether a word marks an attribution in its context.

Its weights are learned from PolNeAR's train split by ``bench/learn_extraction.py`` and shipped
as ``data/cue_model.tsv`` (feature names and weights only). Candidates are the lemmas that
marked attributions in train (``data/cue_stats.tsv``); the model weighs the lemma against its
syntax: a clause or quote as complement, a subject, the word it hangs on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

from bot.extract.quotes import QuoteIndex
from bot.extract.rules import text_of

CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "parataxis"}
TELLING_DEPS = {
    "ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "advcl", "prep", "dative", "agent", "neg",
    "aux", "auxpass", "prt", "parataxis",
}  # fmt: skip
CUE_CHILD_DEPS = {"aux", "auxpass", "neg", "advmod", "prt", "prep", "npadvmod", "acomp"}
# Children the cue takes only when what it introduces lies past them: the noun of a light verb
# ("took aim | at X", "expressed concern | that ...") and the adjective of "made (it) clear".
FRAME_DEPS = {"dobj"}
FRAMING_ADJECTIVE_DEPS = {"ccomp", "oprd", "xcomp", "acomp"}
CLAUSE_UNDER_FRAME_DEPS = {"ccomp", "advcl", "acl"}


def candidate_key(token: Token) -> str:
    if token.lower_ == "according":
        return "according/ADP"
    return f"{token.lemma_.lower()}/{token.pos_}"


def cue_features(token: Token, quotes: QuoteIndex) -> list[str]:
    """Feature names for one candidate word; the model adds the weights it knows."""
    lemma = token.lemma_.lower()
    deps = {child.dep_ for child in token.children}
    feats = [
        "bias",
        f"lem={lemma}",
        f"key={candidate_key(token)}",
        f"dep={token.dep_}",
        f"tag={token.tag_}",
        f"lem={lemma}|dep={token.dep_}",
        f"lem={lemma}|tag={token.tag_}",
        f"head={token.head.lemma_.lower()}|dep={token.dep_}",
        f"headpos={token.head.pos_}|dep={token.dep_}",
    ]
    for dep in sorted(deps & TELLING_DEPS):
        feats.append(f"has={dep}")
        feats.append(f"lem={lemma}|has={dep}")
    if not deps & CLAUSE_DEPS:
        feats.append(f"lem={lemma}|noclause")
    for child in token.children:
        if child.dep_ in {"prep", "prt", "mark"}:
            feats.append(f"lem={lemma}|{child.dep_}={child.lower_}")
        if child.dep_ in {"nsubj", "nsubjpass"}:
            feats.append(f"subjpos={child.pos_}")
            feats.append(f"lem={lemma}|subjpos={child.pos_}")
        if child.dep_ == "ccomp":
            mark = any(grand.dep_ == "mark" and grand.lower_ == "that" for grand in child.children)
            feats.append(f"lem={lemma}|ccomp_that={mark}")
    doc = token.doc
    prev_word = _word(doc[token.i - 1]) if token.i > 0 else "<s>"
    next_word = _word(doc[token.i + 1]) if token.i + 1 < len(doc) else "</s>"
    feats += [f"prev={prev_word}", f"next={next_word}", f"lem={lemma}|next={next_word}"]
    sent = token.sent
    sentence_quotes = quotes.overlapping(sent.start_char, sent.end_char)
    if sentence_quotes:
        feats.append("sent_has_quote")
        feats.append(f"lem={lemma}|sent_has_quote")
        if any(end <= token.idx for _, end in sentence_quotes):
            feats.append(f"lem={lemma}|quote_before")
        if any(start > token.idx for start, _ in sentence_quotes):
            feats.append(f"lem={lemma}|quote_after")
    if token.i == sent.start or (doc[sent.start].is_title and token.i - sent.start < 2):
        feats.append("sent_start")
    if sent.start == 0:
        feats.append(f"lem={lemma}|title")
    feats.append(f"lem={lemma}|head={token.head.lemma_.lower()}")
    gap_before = text_of(doc)[max(sent.start_char, token.idx - 40) : token.idx]
    if any(mark in gap_before for mark in ("”", '"', "''")):
        feats.append(f"lem={lemma}|quote_close_near")
    for child in token.children:
        if child.dep_ == "nsubj" and child.pos_ == "PRON":
            feats.append(f"lem={lemma}|subj={child.lower_}")
    return feats


def _word(token: Token) -> str:
    return "<sp>" if token.is_space else token.lower_.replace("\t", " ")


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    threshold: float
    candidates: frozenset[str]  # candidate_key values worth scoring

    def probability(self, token: Token, quotes: QuoteIndex) -> float:
        score = sum(self.weights.get(name, 0.0) for name in cue_features(token, quotes))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def is_cue(self, token: Token, quotes: QuoteIndex) -> bool:
        if candidate_key(token) not in self.candidates:
            return False
        return self.probability(token, quotes) >= self.threshold


def span_keys(child: Token) -> list[str]:
    """How a cue word's child is looked up in the cue-span habits, most specific first."""
    head = child.head.lemma_.lower()
    word = child.lower_
    keys = [f"{child.dep_}|{word}|{head}", f"{child.dep_}|{word}", child.dep_]
    if child.dep_ == "prep":
        objects = [c.lemma_.lower() for c in child.children if c.dep_ == "pobj"]
        if objects:
            keys.insert(0, f"prep|{word}|obj={objects[0]}")
    return keys


def content_keys(child: Token) -> list[str]:
    """How a cue word's child is looked up in the content habits, most specific first."""
    head = child.head.lemma_.lower()
    side = "L" if child.i < child.head.i else "R"
    base = f"{child.dep_}|{side}"
    return [f"{base}|{child.lower_}|{head}", f"{base}|{head}", f"{base}|{child.lower_}", base]


@dataclass(frozen=True, slots=True)
class SpanHabits:
    """Which children of a cue word, by dependency, side and words, make up the content."""

    rates: dict[str, tuple[int, int]]  # key -> (subtree in content, seen)

    def decide(self, child: Token) -> bool | None:
        for key in content_keys(child):
            if key in self.rates:
                inside, seen = self.rates[key]
                return inside * 2 > seen
        return None


def read_rates(name: str) -> dict[str, tuple[int, int]] | None:
    """A learned habit file of ``bot/extract/data`` (key, times inside, times seen), or None
    when it has not been learned yet."""
    path = resources.files("bot.extract").joinpath("data", name)
    if not path.is_file():
        return None
    rates: dict[str, tuple[int, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, inside, seen = line.split("\t")
            rates[key] = (int(inside), int(seen))
    return rates


def load_content_habits() -> SpanHabits | None:
    rates = read_rates("content_span.tsv")
    return None if rates is None else SpanHabits(rates)


@dataclass(frozen=True, slots=True)
class CueSpanHabits:
    """Which children of a cue word belong to the cue ("has said", "called for")."""

    rates: dict[str, tuple[int, int, int]]  # key -> (word in cue, subtree in cue, seen)

    def takes(self, child: Token) -> list[Token]:
        for key in span_keys(child):
            if key in self.rates:
                word, whole, seen = self.rates[key]
                if word * 2 <= seen:
                    return []
                # Once the word is in the cue, its phrase mostly comes whole or not at all.
                return list(child.subtree) if whole * 2 >= word else [child]
        return []

    def cue_tokens(self, cue: Token, *, with_frame: bool = True) -> list[Token]:
        """The cue word with the children habitually written into the cue, kept contiguous;
        ``with_frame``: with the object or adjective a cue phrase is made of, too."""
        taken = {cue.i}
        for child in cue.children:
            if child.dep_ in CUE_CHILD_DEPS:
                taken.update(tok.i for tok in self.takes(child))
            elif with_frame and child.dep_ in FRAME_DEPS:
                taken.update(tok.i for tok in frame_object(child, self.takes(child)))
            if with_frame:
                taken.update(tok.i for tok in framing_adjective(child))
        start = end = cue.i
        while start - 1 in taken:
            start -= 1
        while end + 1 in taken:
            end += 1
        return list(cue.doc[start : end + 1])


REPORT_MARKS = {"that", "whether", "if"}


def _reported_clause(child: Token) -> bool:
    marks = {g.lower_ for g in child.children if g.dep_ == "mark"}
    return child.dep_ in CLAUSE_UNDER_FRAME_DEPS and bool(marks & REPORT_MARKS)


def clause_under(word: Token) -> Token | None:
    """The reported clause hung on a word of the cue phrase ("made it clear | that ...",
    "expressed concern | that ..."): opened by "that", "whether" or "if"."""
    return next((child for child in word.rights if _reported_clause(child)), None)


def frame_object(noun: Token, learned: list[Token]) -> list[Token]:
    """The object the habits write into the cue, up to the noun ("took some shots"), with the
    preposition right after it ("took aim at"): what follows is the content."""
    words = [tok for tok in learned if tok.i <= noun.i]
    prep = next((child for child in noun.rights if child.dep_ == "prep"), None)
    if words and prep is not None and prep.i == noun.i + 1:
        words.append(prep)
    return words


def framing_adjective(child: Token) -> list[Token]:
    """ "made it clear that ...", "made clear that ...": the adjective (with the "it" before it)
    belongs to the cue when the reported clause follows it, hung on it or on the cue."""
    if child.dep_ not in FRAMING_ADJECTIVE_DEPS or child.pos_ != "ADJ" or child.i < child.head.i:
        return []
    clause = clause_under(child)
    if clause is None:
        clause = next(
            (
                sibling
                for sibling in child.head.rights
                if sibling.left_edge.i == child.right_edge.i + 1 and _reported_clause(sibling)
            ),
            None,
        )
    if clause is None:
        return []
    return [tok for tok in child.subtree if tok.i < clause.left_edge.i]


def load_cue_span_habits() -> CueSpanHabits:
    path = resources.files("bot.extract").joinpath("data", "cue_span.tsv")
    rates: dict[str, tuple[int, int, int]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                key, word, whole, seen = line.split("\t")
                rates[key] = (int(word), int(whole), int(seen))
    return CueSpanHabits(rates)


def load_cue_model(candidates: frozenset[str]) -> CueModel | None:
    """The shipped model, or None when no model file has been learned yet."""
    path = resources.files("bot.extract").joinpath("data", "cue_model.tsv")
    if not path.is_file():
        return None
    weights: dict[str, float] = {}
    threshold = 0.5
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#threshold\t"):
            threshold = float(line.split("\t")[1])
        elif line and not line.startswith("#"):
            name, weight = line.rsplit("\t", 1)
            weights[name] = float(weight)
    return CueModel(weights, threshold, candidates)
