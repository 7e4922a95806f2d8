"""Whether a cue reports its verb's act, and the words as written that say so.

"Did not say", "declined to confirm", "refused to comment", "has not denied" and "may announce"
are none of saying, confirming, commenting, denying or announcing. Such a cue keeps every word
of it in its span (the negation, the refusing verb, the modal) and gets a stance of its own:
``Stance.DECLINE`` when it is negated or refused, ``Stance.HEDGE`` when it is only possible.
The words are data (``data/polarity.tsv``); negation itself is read from the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

from bot.extract.model import Polarity, Stance

# Children of a cue verb that are part of how the cue is written.
_WRITTEN_DEPS = {"aux", "auxpass", "neg"}
_MAX_CUE_TOKENS = 8


@dataclass(frozen=True, slots=True)
class CueFrame:
    """A found cue word read with what governs it: ``verb`` names the act reported
    ("confirm" of "declined to confirm"), ``tokens`` the cue as written, in text order."""

    verb: Token
    tokens: list[Token]
    polarity: Polarity


@dataclass(frozen=True, slots=True)
class PolarityWords:
    negators: frozenset[str]  # words the parser may not label "neg" ("neither", "nor")
    modals: frozenset[str]  # modal verbs that leave the act unrealised ("may announce")
    frames: dict[str, Polarity]  # verbs taking the cue verb as complement ("declined to")

    def frame_of(self, token: Token) -> CueFrame:
        """The cue word ``token`` with the refusing verb it is, or the one above it.

        ``token`` may be the refusing verb ("declined", whose complement "to confirm" is the act)
        or the cue verb itself ("would not confirm")."""
        verb = token
        frame_verb: Token | None = None
        if token.lemma_.lower() in self.frames:
            frame_verb = token
            inner = next(
                (c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None
            )
            if inner is not None:
                verb = inner
        polarity = self._polarity(verb, frame_verb)
        if polarity is Polarity.AFFIRMED:
            return CueFrame(verb, [token], polarity)
        written = {token.i, verb.i}
        for node in (verb, frame_verb):
            if node is not None:
                written.update(c.i for c in node.children if self._writes(c))
        start, end = min(written), max(written)
        doc = token.doc
        if end - start >= _MAX_CUE_TOKENS or any(doc[i].is_punct for i in range(start, end)):
            return CueFrame(verb, [token], polarity)
        return CueFrame(verb, list(doc[start : end + 1]), polarity)

    def is_frame_complement(self, token: Token) -> bool:
        """ "confirm" in "declined to confirm": the refusing verb above it stands for both."""
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in self.frames

    def stance(self, polarity: Polarity, stance: Stance) -> Stance:
        if polarity is Polarity.AFFIRMED:
            return stance
        return Stance.HEDGE if polarity is Polarity.MODAL else Stance.DECLINE

    def _polarity(self, verb: Token, frame_verb: Token | None) -> Polarity:
        if frame_verb is not None:
            return self.frames[frame_verb.lemma_.lower()]
        if self._negated(verb):
            return Polarity.NEGATED
        if verb.dep_ == "conj" and not _has_subject(verb) and self._negated(verb.head):
            return Polarity.NEGATED  # "did not confirm or deny"
        if any(
            c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in self.modals for c in verb.children
        ):
            return Polarity.MODAL
        return Polarity.AFFIRMED

    def _negated(self, verb: Token) -> bool:
        return any(
            child.dep_ == "neg"
            or (child.dep_ in {"advmod", "preconj", "cc"} and child.lower_ in self.negators)
            for child in verb.children
        )

    def _writes(self, child: Token) -> bool:
        return child.dep_ in _WRITTEN_DEPS or (
            child.dep_ in {"advmod", "preconj"} and child.lower_ in self.negators
        )


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
