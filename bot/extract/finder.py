"""Walks a parsed article and applies the cue, source and content rules of ``rules.py``."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.extract.lexicon import Lexicon
from bot.extract.quotes import QuoteIndex
from bot.extract.rules import (
    OBJECT_PREPS,
    Found,
    char_pieces,
    find_subject,
    source_tokens,
    subtree_tokens,
    trim,
    text_of,
)

COMPLEMENTS = {"ccomp", "xcomp", "parataxis"}
NOUN_OBJECTS = {"dobj", "attr", "oprd"}
VIA_VERBS = {"tell"}


class Finder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def find(self, doc: Doc) -> list[Found]:
        from bot.extract.quotes import find_quotes

        quotes = QuoteIndex(find_quotes(text_of(doc)))
        found: list[Found] = []
        for sentence in doc.sents:
            for token in sentence:
                if quotes.inside(token.idx):
                    continue
                hit = self._according_to(token, sentence) or self._verb_cue(token, sentence, quotes)
                if hit is not None:
                    found.append(hit)
        return found

    def _according_to(self, token: Token, sentence: Span) -> Found | None:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc):
            return None
        to = token.doc[token.i + 1]
        if to.lower_ != "to":
            return None
        objects = [child for child in to.children if child.dep_ == "pobj"]
        if not objects:
            return None
        source = [tok for tok in subtree_tokens(objects[0]) if not tok.is_space]
        clause = token.head
        while clause.dep_ == "prep" and clause.head.i != clause.i:
            clause = clause.head
        skip = {token.i}
        content_tokens = [
            tok
            for tok in subtree_tokens(clause, without=skip)
            if tok.i not in {t.i for t in source}
        ]
        content_tokens = [tok for tok in content_tokens if sentence.start <= tok.i < sentence.end]
        content = _one_piece(token.doc, content_tokens)
        return Found(
            cue=token,
            cue_tokens=[token, to],
            source=source,
            content=content,
            stance=self.lexicon.stance_of("according to"),
            quote=False,
            sentence=sentence,
        )

    def _verb_cue(self, token: Token, sentence: Span, quotes: QuoteIndex) -> Found | None:
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_ not in self.lexicon.cue_kinds:
            return None
        kind = self.lexicon.cue_kinds[token.lemma_]
        doc = token.doc
        particle: str | None = None
        content_tokens: list[Token] = []
        addressee: Token | None = None
        for child in token.children:
            if child.dep_ in COMPLEMENTS and not (
                child.dep_ == "xcomp" and kind == "speech" and token.lemma_ != "deny"
            ):
                content_tokens.extend(subtree_tokens(child))
            elif child.dep_ in NOUN_OBJECTS or child.dep_ == "dative":
                if token.lemma_ in VIA_VERBS or child.dep_ == "dative":
                    addressee = child
                elif kind in {"act", "state"} or token.lemma_ in self.lexicon.stances:
                    content_tokens.extend(subtree_tokens(child))
            elif child.dep_ == "advcl" and (
                (child.tag_ == "VBG" and kind != "speech") or token.lemma_ == "deny"
            ):
                content_tokens.extend(subtree_tokens(child))
            elif child.dep_ == "prep" and child.lower_ in OBJECT_PREPS and kind != "speech":
                if particle is None and content_tokens == []:
                    particle = child.lower_
                    content_tokens.extend(
                        tok for obj in child.children if obj.dep_ == "pobj" for tok in obj.subtree
                    )
        content_tokens = [tok for tok in content_tokens if sentence.start <= tok.i < sentence.end]
        pieces = _one_piece(doc, content_tokens) if content_tokens else []
        is_quote = False
        quote_pieces = self._quote_content(token, sentence, quotes, content_tokens)
        if quote_pieces:
            pieces = quote_pieces
            quoted = sum(
                min(e, q[1]) - max(s, q[0]) for s, e in pieces for q in quotes.overlapping(s, e)
            )
            is_quote = quoted * 2 >= sum(e - s for s, e in pieces)
        if not pieces:
            return None
        subject = find_subject(token)
        source = None
        if subject is not None and not quotes.inside(subject.idx):
            source = [tok for tok in source_tokens(subject, token) if not quotes.region_at(tok.idx)]
        found = Found(
            cue=token,
            cue_tokens=[token],
            source=source,
            content=pieces,
            stance=self.lexicon.stance_of(token.lemma_, particle),
            quote=is_quote,
            sentence=sentence,
            addressee=addressee,
        )
        return found

    def _quote_content(
        self, cue: Token, sentence: Span, quotes: QuoteIndex, complement: list[Token]
    ) -> list[tuple[int, int]]:
        """The quotation(s) a speech verb introduces, when the verb stands outside them."""
        doc = cue.doc
        in_sentence = quotes.overlapping(sentence.start_char, sentence.end_char)
        if not in_sentence:
            return []
        if complement:
            touched = [
                region
                for region in in_sentence
                if any(region[0] <= tok.idx < region[1] for tok in complement)
            ]
            if not touched:
                return []
            start = min(touched[0][0], complement[0].idx)
            end = max(touched[-1][1], complement[-1].idx + len(complement[-1]))
            pieces = [trim(text_of(doc), start, end)]
        elif self.lexicon.cue_kinds.get(cue.lemma_) != "speech":
            return []
        else:
            before = [region for region in in_sentence if region[1] <= cue.idx]
            pieces = []
            if before and _only_attribution_between(doc, before[-1][1], cue):
                pieces.append(before[-1])
        after = [region for region in in_sentence if region[0] > cue.idx]
        if (
            after
            and (not pieces or pieces[-1][1] <= cue.idx)
            and _only_attribution_after(doc, cue, after[0][0])
        ):
            pieces.append(after[0])
        return pieces

    def via(self, cue: Token, addressee: Token | None) -> str | None:
        """The outlet the cue's words were told to ("told Reuters", "in an interview with X")."""
        candidates = []
        if addressee is not None:
            candidates.append(addressee)
        for prep in cue.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "to", "with"}:
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    if obj.lemma_ == "interview":
                        candidates.extend(
                            sub
                            for inner in obj.children
                            if inner.dep_ == "prep" and inner.lower_ == "with"
                            for sub in inner.children
                            if sub.dep_ == "pobj"
                        )
                    elif prep.lower_ == "to":
                        candidates.append(obj)
        for candidate in candidates:
            name = _name_of(candidate)
            if self.lexicon.is_outlet(name) or candidate.ent_type_ == "ORG":
                return name
        return None


def _name_of(token: Token) -> str:
    parts = [child for child in token.lefts if child.dep_ in {"compound", "det"}]
    start = min([token.i] + [tok.i for tok in parts if tok.dep_ == "compound"])
    return token.doc[start : token.i + 1].text


def _one_piece(doc: Doc, tokens: list[Token]) -> list[tuple[int, int]]:
    pieces = char_pieces(doc, tokens)
    return pieces


def _only_attribution_between(doc: Doc, quote_end: int, cue: Token) -> bool:
    """Between a quote's end and its cue lie only the source's words (``"…," X said``)."""
    gap = text_of(doc)[quote_end : cue.idx]
    return (
        len(gap) < 120
        and "\n\n" not in gap
        and all(not tok.is_sent_start or tok.i == cue.i for tok in doc[cue.i - 1 : cue.i + 1])
    )


def _only_attribution_after(doc: Doc, cue: Token, quote_start: int) -> bool:
    """After the cue come only its own words, then the quote (``X said: "…"``)."""
    gap = text_of(doc)[cue.idx + len(cue) : quote_start]
    return len(gap) < 80 and "\n\n" not in gap and gap.rstrip().endswith((",", ":"))
