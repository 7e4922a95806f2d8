"""How much of each question term a claim holds, and where: in its own words (speaker, role,
sentence), only in its article's title, or elsewhere in the article (``term_credit``). The claim
is read once into ``ClaimTexts``; ``rank.py`` turns the credits into features."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from bot.answer.lexicon import load_lexicon
from bot.answer.names import another_given_name, find_name, name_key
from bot.answer.question import ParsedQuestion, Term, TermKind
from bot.answer.reading import Text, article_text, misspelt_in, term_found, title_text, words_of
from bot.answer.speakers import POSSESSIVE_END
from bot.answer.statement import named_before, unresolved
from bot.extract.lexicon import load_lexicon as load_extract_lexicon

IN_TITLE = 1.0  # credit for a term found only in the article's title: it names the event
IN_ARTICLE = 0.7  # ... only elsewhere in the article
MISSPELT = 0.8  # credit for a word found one letter off in the claim's own words
SURNAME_LENGTH = 3  # "Lam", "Lee": shorter words are particles ("Al", "bin")
SURNAME_ONLY = 0.9  # credit for "Spanton" in the claim when "Emily Spanton" is asked (and is
# in its article)
DESCRIBED_NEARBY = 0.8  # credit for a speaker word set beside the speaker's name elsewhere in
# the article ("met officers Ana Ruiz and ..."; "Ruiz, a cleric, ...")
NEARBY_WORDS = 3
ARTICLES = frozenset({"the", "a", "an"})
_NEARBY_CHARACTERS = 80  # enough for NEARBY_WORDS words and one more
SPOKEN_BY = 0.6  # a speaker word's credit when the claim's words hold it, not its speaker
# Speakers that are no one: "No organization claimed ..." answers no who-question.


@dataclass(frozen=True, slots=True)
class Claim:
    """The parts of a stored attribution that ranking looks at."""

    speaker: str | None
    speaker_role: str | None
    stance: str
    content: str
    sentence: str
    title: str
    via: str | None = None
    article_text: str = ""
    is_quote: bool = False
    cue: str | None = None


@dataclass(slots=True)
class ClaimTexts:
    """The claim read at its three distances, built once per claim. The title, the frame and
    the article are read only when asked for: reading the article (stems, name keys over
    thousands of words) costs more than all the rest of ranking."""

    own: Text  # speaker, role, outlet and sentence (and the content, where the sentence lacks it)
    speaker: Text
    speaker_name: str | None
    sentence: Text
    frame_text: str  # the sentence less the content: where the speech act is ("X denied ...")
    read_title: Callable[[], Text]
    read_article: Callable[[], Text]
    cue: str | None = None
    _title: Text | None = None
    _frame: Text | None = None
    _article: Text | None = None

    @property
    def title(self) -> Text:
        if self._title is None:
            self._title = self.read_title()
        return self._title

    @property
    def frame(self) -> Text:
        if self._frame is None:
            self._frame = Text.of(self.frame_text)
        return self._frame

    @property
    def article(self) -> Text:
        if self._article is None:
            self._article = self.read_article()
        return self._article

    @classmethod
    def of(cls, claim: Claim, *, article: Callable[[], Text] | None = None) -> ClaimTexts:
        """``article``: reads the article's text (``article_text`` keeps it for its claims)."""
        speaker = Text.of(
            " ".join(part for part in (claim.speaker, claim.speaker_role) if part),
            description=True,
        )
        sentence = Text.of(claim.sentence)
        pieces = claim.content.split(" … ")
        frame = claim.sentence
        for piece in pieces:
            frame = frame.replace(piece, " ")
        extra = [claim.via or ""]
        if any(piece not in claim.sentence for piece in pieces):
            extra.append(claim.content)
        more = Text.of(" ".join(extra))
        own = Text(
            speaker.words + more.words + sentence.words,
            " ".join((speaker.folded, more.folded, sentence.folded)),
            found={},  # read again for a what-question (``statement.share_found``)
        )
        return cls(
            own,
            speaker,
            claim.speaker,
            sentence,
            frame,
            partial(title_text, claim.title),
            article if article is not None else partial(article_text, claim.article_text),
            claim.cue,
        )


def term_credit(term: Term, texts: ClaimTexts, *, back_reference: bool = False) -> float:
    """1 when the claim's own words hold the term, less when only its article does.

    Words describing the speaker count fully only in the speaker's name and role.
    ``back_reference``: a speaker left as a pronoun, or missed, may be the one named where
    its speaker would be (``statement.named_before``): for a what-question, whose answer is
    what was said, not a name."""
    if term.kind is TermKind.ROLE or term.speaker:
        if term_found(term, texts.speaker) and not _someone_else(term, texts):
            return 1.0
        if term.is_name and _surname_found(term, texts, within=texts.speaker):
            return SURNAME_ONLY  # "what did Rachel Ortiz say", stored as said by "Ortiz"
        if back_reference and _named_back(term, texts):
            return SURNAME_ONLY  # "NASA mourned him. It also noted ..."
        if term_found(term, texts.own):
            return SPOKEN_BY
        if not term.speaker_name and _described_nearby(term, texts):
            return DESCRIBED_NEARBY
        return 0.0 if term.kind is TermKind.ROLE else 0.3 * _context_credit(term, texts)
    if term_found(term, texts.own):
        return 1.0
    if term.is_name and _surname_found(term, texts, within=texts.own):
        return SURNAME_ONLY
    if term.kind is TermKind.WORD and misspelt_in(term.text, texts.own):
        return MISSPELT
    return _context_credit(term, texts)


_SURNAME = re.compile(r"^[A-Z][\w'’\-]{2,}$")


@lru_cache(maxsize=8192)
def _surname(speaker: str | None) -> str | None:
    """ "Mufti Abdul Qawi" -> "qawi"; None for "the ministry" or "officials"."""
    words = POSSESSIVE_END.sub("", (speaker or "").strip()).split()
    if not words or not _SURNAME.match(words[-1]) or words[-1].isupper():
        return None
    surname = words_of(words[-1])
    return surname[-1] if surname else None


def _described_nearby(term: Term, texts: ClaimTexts) -> bool:
    """Whether the article sets the term beside the speaker's name: just before it ("officers
    Ana Ruiz", "county sheriff Ana Ruiz") or in an apposition after it ("Ruiz, a cleric")."""
    surname = _surname(texts.speaker_name)
    if surname is None:
        return False
    joined = texts.article.joined
    name = f" {surname} "
    found = joined.find(name)
    while found != -1:
        end = found + len(name)
        beside = joined[max(0, found - _NEARBY_CHARACTERS) : found].split()[-NEARBY_WORDS:]
        after = joined[end : end + _NEARBY_CHARACTERS].split()[: NEARBY_WORDS + 1]
        if after and after[0] in ARTICLES:
            beside += after[1:]
        if beside and term_found(term, Text(tuple(beside))):
            return True
        found = joined.find(name, found + 1)
    return False


def _surname_found(term: Term, texts: ClaimTexts, *, within: Text) -> bool:
    """A person asked about by full name, written ``within`` the claim (its own words, or its
    speaker) by surname alone ("Spanton" for "Emily Spanton") in an article that names them
    in full."""
    parts = words_of(term.text)
    if len(parts) < 2 or len(parts[-1]) < SURNAME_LENGTH:
        return False
    if not find_name(parts[-1], within.words, keys=within.name_keys):
        return False
    if within is texts.speaker and _another_of_the_name(term, texts):
        return False
    return term_found(term, texts.title) or term_found(term, texts.article)


def _someone_else(term: Term, texts: ClaimTexts) -> bool:
    """A full name asked that the speaker's name matched by its surname alone ("Paul
    Fischer" in "Elena Fischer"): another person of that surname (``_another_of_the_name``)."""
    return term.is_name and len(words_of(term.text)) > 1 and _another_of_the_name(term, texts)


def _another_of_the_name(term: Term, texts: ClaimTexts) -> bool:
    """ "Grace Mugabe" asked, "Robert Mugabe" speaking, in an article that names Grace Mugabe
    as the question spells her: another person of one surname. A given name spelt otherwise
    ("Mike", "Michael") or misspelt may be the speaker's."""
    speaker = words_of(texts.speaker_name or "")
    return another_given_name(words_of(term.text), speaker, titles=_name_titles()) and (
        # word by word, as the article's keys are: "Dick Harlan" whole folds "kh" to "k"
        texts.article.name_keys.holds("".join(map(name_key, words_of(term.text))))
    )


@lru_cache(maxsize=1)
def _name_titles() -> frozenset[str]:
    """Words written before a name that are no given name: person and role words, and the
    extractor's titles and honorifics, abbreviated ones too ("sen", "gov", "mrs")."""
    lexicon = load_lexicon()
    roles = {word for group in lexicon.roles for role in group for word in role.split()}
    return frozenset(lexicon.person_words | roles | load_extract_lexicon().titles)


def _context_credit(term: Term, texts: ClaimTexts) -> float:
    if term_found(term, texts.title):
        return IN_TITLE
    if texts.article.words and term_found(term, texts.article):
        return IN_ARTICLE
    return 0.0


def term_credits(question: ParsedQuestion, texts: ClaimTexts) -> list[float]:
    """Each term's credit in the claim (``term_credit``), in the question's order."""
    back = question.kind == "what"
    return [term_credit(term, texts, back_reference=back) for term in question.terms]


def _named_back(term: Term, texts: ClaimTexts) -> bool:
    if not unresolved(texts.speaker_name):
        return False
    return named_before(
        term,
        speaker=texts.speaker_name,
        cue=texts.cue,
        frame=texts.frame_text,
        sentence=texts.sentence,
        article=texts.article,
    )
