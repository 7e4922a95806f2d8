"""Whether a cue reports its verb's act, and the words as written that say so.

"Did not say", "declined to confirm", "refused to comment", "has not denied" and "may announce"
are none of saying, confirming, commenting, denying or announcing. Such a cue's span covers
the negation or modal ("did not say", "may announce"); a refusing verb is the cue, as PolNeAR
annotates it, and its complement the content ("declined" + "to confirm that ..."), so cue and
content read on as written. The cue gets a stance of its own: ``Stance.DECLINE`` when it is
negated or refused, ``Stance.HEDGE`` when it is only possible.
The words are data (``data/polarity.tsv``); negation itself is read from the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

from bot.extract.model import Polarity, Stance

_MAX_CUE_TOKENS = 8


@dataclass(frozen=True, slots=True)
class PolarityWords:
    negators: frozenset[str]  # words the parser may not label "neg" ("neither", "nor")
    modals: frozenset[str]  # modal verbs that leave the act unrealised ("may announce")
    frames: dict[str, Polarity]  # verbs taking the cue verb as complement ("declined to")

    def polarity_of(self, cue: Token) -> Polarity:
        """How the cue word is written: refused ("declined", "refused": PolNeAR's cue, whose
        content "to confirm that ..." names the act), negated or modal."""
        frame = self.frames.get(cue.lemma_.lower())
        if frame is not None and any(c.dep_ in {"xcomp", "dobj"} for c in cue.children):
            return frame  # "declined to comment", "refused the offer"; not "is declining"
        if self._negated(cue):
            return Polarity.NEGATED
        if cue.dep_ == "conj" and not _has_subject(cue) and self._alternative_of_negated(cue):
            return Polarity.NEGATED  # "did not confirm or deny"; not "did not know ... and said"
        if any(
            c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in self.modals for c in cue.children
        ):
            return Polarity.MODAL
        return Polarity.AFFIRMED

    def written_cue(self, cue: Token, tokens: list[Token], polarity: Polarity) -> list[Token]:
        """The cue's tokens grown, where needed, over the negation or modal that makes it not
        the act ("did not say", "may announce"); contiguous, in text order."""
        if polarity not in {Polarity.NEGATED, Polarity.MODAL}:
            return tokens
        ids = {tok.i for tok in tokens}
        doc = cue.doc
        for child in cue.children:
            between = doc[child.i + 1 : cue.i]
            if (
                child.i < cue.i
                and self._writes(child)
                and all(_in_verb_group(t, cue) for t in between)
            ):
                ids.update(range(child.i, cue.i))
        start, end = min(ids), max(ids)
        while start > 0 and doc[start - 1].dep_ == "aux" and doc[start - 1].head.i == cue.i:
            start -= 1  # "does" of "does not, however, list"
        if end - start >= _MAX_CUE_TOKENS:
            return tokens
        return list(doc[start : end + 1])

    def alternative(self, cue: Token) -> Token | None:
        """ "deny" of "did not confirm or deny" or "would neither confirm nor deny": the verb
        offered as the other answer to a negated cue, with no subject of its own."""
        if not self._negated(cue):
            return None
        if not any(c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in cue.children):
            return None
        return next(
            (
                c
                for c in cue.rights
                if c.dep_ == "conj" and c.pos_ == "VERB" and not _has_subject(c)
            ),
            None,
        )

    def is_alternative(self, token: Token) -> bool:
        """ "deny" in "did not confirm or deny": the negated verb before it stands for both."""
        return token.dep_ == "conj" and self.alternative(token.head) is token

    def is_frame_complement(self, token: Token) -> bool:
        """ "confirm" in "declined to confirm": the refusing verb above it stands for both."""
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in self.frames

    def stance(self, polarity: Polarity, stance: Stance) -> Stance:
        """The stance a cue so written gives: its verb's only when affirmed."""
        if polarity is Polarity.AFFIRMED:
            return stance
        return Stance.HEDGE if polarity is Polarity.MODAL else Stance.DECLINE

    def _alternative_of_negated(self, conj: Token) -> bool:
        head = conj.head
        alternative = any(c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in head.children)
        return alternative and self._negated(head)

    def _negated(self, verb: Token) -> bool:
        return any(
            child.dep_ == "neg"
            or (child.dep_ in {"advmod", "preconj", "cc"} and child.lower_ in self.negators)
            for child in verb.children
        )

    def _writes(self, child: Token) -> bool:
        """A negation or hedging modal written before the cue word."""
        return (
            child.dep_ == "neg"
            or (child.dep_ in {"advmod", "preconj"} and child.lower_ in self.negators)
            or (child.dep_ == "aux" and child.tag_ == "MD")
        )


def _in_verb_group(token: Token, verb: Token) -> bool:
    """ "did not *immediately* say", "does not*, however,* list": auxiliaries, adverbs and the
    commas around them; not a subject ("should *Clinton* attempt") or a clause ("not *that we*
    know")."""
    return token.head.i == verb.i and token.dep_ in {"aux", "auxpass", "neg", "advmod", "punct"}


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in {"nsubj", "nsubjpass"} for child in verb.children)


def load_polarity_words() -> PolarityWords:
    text = resources.files("bot.extract").joinpath("data", "polarity.tsv").read_text("utf-8")
    negators: set[str] = set()
    modals: set[str] = set()
    frames: dict[str, Polarity] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, polarity, *flags = line.split("\t")
        if "frame" in flags:
            frames[word] = Polarity(polarity)
        elif polarity == Polarity.MODAL.value:
            modals.add(word)
        else:
            negators.add(word)
    return PolarityWords(frozenset(negators), frozenset(modals), frames)
