"""Sources the parser hung somewhere other than the cue's subject.

``"Safety," said Ana Novak``: the parser often makes the quote a second subject of "said", and
the first subject found is then inside the quote; the cue's subject outside it is the source.
``Tuesday in Sofia, while on the trail for his wife, former president Ivo Novak said ...`` or
``Ivo Novak called Wednesday for ...``: the verb gets no subject at all (the name is read as an
apposition of an earlier noun, or the verb as a modifier of the name), although the noun phrase
written right before the verb, with nothing but adverbs between, is what a reader takes as
its subject.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FINITE_TAGS = {"VBD", "VBZ", "VBP"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Dependencies a noun phrase written right before a subjectless verb has when the parser hung
# it elsewhere; an object or a preposition's noun ("after meeting the press said") is no subject.
STRAY_DEPS = {"appos", "ROOT", "dep", "conj", "npadvmod", "nmod"}
NOMINAL_TAGS = {"NOUN", "PROPN"}


def other_subject(subject: Token, unusable: Callable[[Token], bool]) -> Token | None:
    """Another subject of the verb ``subject`` is the subject of (the cue, or the verb the cue
    borrowed it from: "SOFIA (Reuters) – Ana Ruiz has criticised X, saying ..."), usable as
    the source when the first one is not."""
    verb = subject.head
    return next(
        (
            child
            for child in verb.children
            if child.dep_ in SUBJECT_DEPS and child.i != subject.i and not unusable(child)
        ),
        None,
    )


def phrase_before(
    cue: Token, first_cue_token: Token, sentence: Span, unusable: Callable[[Token], bool]
) -> Token | None:
    """The head of the noun phrase ending right before a finite cue verb that has no subject.

    The phrase is only taken when the parser gave it no role in the cue's clause (an
    apposition to an earlier noun, the sentence's root with the verb as its modifier), and
    when the verb has no usable subject of any kind.
    """
    if cue.tag_ not in FINITE_TAGS or cue.dep_ in {"relcl", "xcomp", "ccomp", "advcl"}:
        return None
    deps = SUBJECT_DEPS | {"csubj", "expl"}
    if any(child.dep_ in deps and not unusable(child) for child in cue.children):
        return None
    doc = cue.doc
    i = first_cue_token.i - 1
    while i >= sentence.start and doc[i].pos_ == "ADV":
        i -= 1  # "Ivo Novak later said", "Obama himself said"
    if i < sentence.start:
        return None
    noun = doc[i]
    if noun.pos_ == "PRON" and noun.dep_ == "appos" and noun.i > sentence.start:
        noun = doc[noun.i - 1]  # "Obama himself"
    if noun.pos_ not in NOMINAL_TAGS or noun.dep_ not in STRAY_DEPS or unusable(noun):
        return None
    if noun.dep_ == "ROOT" and cue.head.i != noun.i:
        return None
    if noun.dep_ != "ROOT" and cue.i in {tok.i for tok in noun.subtree}:
        return None
    return noun
