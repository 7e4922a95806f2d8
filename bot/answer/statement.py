"""What tells one speaker's statements apart, for "what did X say about Y?".

All of a speaker's claims in an article share its title and its text, so the topic words found
there credit each of them alike: only the words of the statement itself (its sentence and its
content, a quote that runs on included) say which one is about Y, and they are compared among
that speaker's claims only. A content with hardly a word beyond the question's ("a marathon",
"Twitter") names what was talked of, not what was said. And a statement whose
speaker the extractor left as a pronoun ("It also noted ...") or missed is X's when X is named
just before it, or in its own sentence beside the cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer.lexicon import load_lexicon
from bot.answer.names import find_name
from bot.answer.question import Term, TermKind
from bot.answer.reading import Text, stem, term_found, words_of

# Compared among one speaker's claims only (``behind_own_speaker``): another speaker's claim
# may hold more of the topic in its own words and still not be the statement asked for.
SPEAKER_RELATIVE = "what_topic_behind"
# ... the same of the content alone, and of the sentence model's cosine (``semantic.py``): one
# speaker's claims often share a sentence, a quote's frame, or the article's topic words
CONTENT_BEHIND = "what_content_behind"
MEANING_BEHIND = "what_meaning_behind"
SPEAKER_RELATIVES = (SPEAKER_RELATIVE, CONTENT_BEHIND, MEANING_BEHIND)
STATEMENT_FEATURES = (
    "what_topic_own",
    "what_says_little",
    "what_topic_content",
    *SPEAKER_RELATIVES,
)
STATEMENT_WORDS = 2  # a content with fewer words that carry meaning names, it does not state
SURNAME_LENGTH = 3
# Personal pronouns: a speaker stored as one is not resolved ("It said", "They reported").
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
BEFORE_CHARACTERS = 300  # how far before its sentence a pronoun's antecedent is looked for:
# the sentence before, about
_SENTENCE_KEY = 60  # characters of a sentence enough to find it in its article
CUE_WORDS = 4  # how near its cue a missed speaker's name is: "co-author Ana Ruiz said"
# "X was ordered to": a passive cue's subject is not its speaker
PASSIVE_AUXILIARIES = frozenset({"is", "was", "were", "are", "be", "been", "being", "got"})
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')  # what is quoted is said, it says nobody's name


def share_found(terms: Sequence[Term], weights: Sequence[float], text: Text) -> float:
    """The weighted share of the terms that the text holds, in any spelling the question's
    reading allows, or a surname for a full name."""
    total = sum(weights)
    if not total:
        return 0.0
    found = sum(
        weight
        for term, weight in zip(terms, weights, strict=True)
        if term_found(term, text) or (term.is_name and _surname_in(term, text))
    )
    return found / total


def _surname_in(term: Term, text: Text) -> bool:
    parts = words_of(term.text)
    return (
        len(parts) > 1
        and len(parts[-1]) >= SURNAME_LENGTH
        and find_name(parts[-1], text.words, keys=text.name_keys)
    )


def says_little(content: str, asked: frozenset[str]) -> bool:
    """Fewer than ``STATEMENT_WORDS`` words that carry meaning beyond the question's (their
    stems ``asked``): "a marathon", "the algae", "the Ineos Challenge" asked about it."""
    stopwords = load_lexicon().stopwords
    meaningful = [
        word for word in words_of(content) if word not in stopwords and stem(word) not in asked
    ]
    return len(meaningful) < STATEMENT_WORDS


def unresolved(speaker: str | None) -> bool:
    """A speaker the extractor did not name: missing, or a personal pronoun."""
    return not speaker or speaker.strip().lower() in PRONOUNS


def named_before(
    term: Term, *, speaker: str | None, cue: str | None, frame: str, article: Text, sentence: Text
) -> bool:
    """Whether a claim whose speaker is ``unresolved`` names the term, a name, where its
    speaker would be (a word describing a speaker, "police", is written anywhere). A missed
    speaker: beside an active cue, outside quotes, in its sentence's ``frame`` (the sentence
    less the content: "... study co-author Ana Ruiz said in a statement"; not "Ana Ruiz was
    ordered to ..."); a pronoun: in the ``BEFORE_CHARACTERS`` before the sentence ("NASA
    mourned him. It also noted ...")."""
    if term.kind is not TermKind.NAME:
        return False
    if not speaker:
        cue_words = words_of(cue or "")
        if not cue_words or cue_words[0] in PASSIVE_AUXILIARIES:
            return False
        return _named_in(term, _beside(cue_words, words_of(_QUOTED.sub(" ", frame))))
    key = sentence.folded.strip()[:_SENTENCE_KEY]
    at = article.folded.find(key) if len(key) >= _SENTENCE_KEY // 3 else -1
    if at <= 0:
        return False
    return _named_in(term, Text.of(article.folded[max(0, at - BEFORE_CHARACTERS) : at]))


def _beside(cue: tuple[str, ...], words: tuple[str, ...]) -> Text:
    """The ``CUE_WORDS`` words either side of the cue's first word."""
    if cue[0] not in words:
        return Text(())
    at = words.index(cue[0])
    return Text(words[max(0, at - CUE_WORDS) : at + len(cue) + CUE_WORDS])


def _named_in(term: Term, text: Text) -> bool:
    """The name written out in full, in a spelling the question's reading allows: not a
    surname alone ("Court" for "Supreme Court"), not an initialism ("js")."""
    written = frozenset(other for other in term.alternatives[1:] if len(other) > 3)
    return find_name(term.text, text.words, variants=written, keys=text.name_keys)


def behind_own_speaker(shares: Sequence[float], speakers: Sequence[str | None]) -> list[float]:
    """For each claim, how far its ``share`` falls behind the best of its speaker's claims
    (0 for the best, and for a speaker's only claim; speakers compared case-folded)."""
    best: dict[str, float] = {}
    keys = [(speaker or "").strip().lower() for speaker in speakers]
    for key, share in zip(keys, shares, strict=True):
        best[key] = max(best.get(key, 0.0), share)
    return [share - best[key] if key else 0.0 for key, share in zip(keys, shares, strict=True)]


def set_speaker_relative(
    features: Sequence[dict[str, float]], speakers: Sequence[str | None], *, what: bool
) -> None:
    """Set the speaker-relative features in each claim's features: ``behind_own_speaker`` of
    their ``what_topic_own`` (``SPEAKER_RELATIVE``), ``what_topic_content``
    (``CONTENT_BEHIND``) and, for a what-question (``what``; the shares are 0 for others),
    the cosine ``meaning`` where it is known (``MEANING_BEHIND``; 0 where it is not)."""
    pairs = ((SPEAKER_RELATIVE, "what_topic_own"), (CONTENT_BEHIND, "what_topic_content"))
    for relative, share in pairs:
        behind = behind_own_speaker([one[share] for one in features], speakers)
        for one, value in zip(features, behind, strict=True):
            one[relative] = value
    known = [i for i, one in enumerate(features) if what and one["meaning_known"]]
    behind = behind_own_speaker(
        [features[i]["meaning"] for i in known], [speakers[i] for i in known]
    )
    for one in features:
        one[MEANING_BEHIND] = 0.0
    for i, value in zip(known, behind, strict=True):
        features[i][MEANING_BEHIND] = value
