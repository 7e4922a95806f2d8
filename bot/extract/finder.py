"""Walks a parsed article: finds cue words, then their sources and contents."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.extract.content import Content, verb_content
from bot.extract.content_edges import load_edge_habits
from bot.extract.cue_model import CueModel, load_content_habits, load_cue_span_habits
from bot.extract.datelines import in_dateline
from bot.extract.lexicon import Lexicon
from bot.extract.model import Polarity, Stance
from bot.extract.named_last import cut_at_next_source, name_before_cue, without_source
from bot.extract.polarity import load_polarity_words
from bot.extract.quoted_content import colon_before_quote
from bot.extract.quotes import QuoteIndex, find_quotes
from bot.extract.rules import (
    Found,
    char_pieces,
    clause_of_its_own,
    find_subject,
    source_tokens,
    subtree_tokens,
    text_of,
)
from bot.extract.stray_subjects import other_subject, phrase_before

# "X seems to ...": the subject of a raising verb is not the one holding the view.
RAISING_VERBS = {"seem", "appear"}
WEAK_STANCES = {Stance.SAY, Stance.BELIEVE, Stance.REPORT}
# "The court found that ...": a finding of a body that decides is its ruling, not a report.
FINDING_VERBS = {"find", "hold", "conclude", "determine", "judge"}
DECIDING_BODIES = {
    "court", "judge", "justice", "tribunal", "jury", "panel", "magistrate", "arbitrator",
    "commission", "board", "committee", "inquiry", "regulator", "watchdog", "ombudsman",
}  # fmt: skip
# "ruled that ...", "decided that ...": marked only with a clause ("decide the race" is not).
RULING_VERBS = {"rule", "decide"}
RULINGS = {"ruling", "decision", "verdict", "judgment", "judgement"}
# The nouns heading the source of an "in" cue at least 3 times in PolNeAR train ("In a
# Harbour Times poll, Ana Ruiz leads").
FINDINGS = {"poll", "survey"}


class Finder:
    def __init__(self, lexicon: Lexicon, cue_model: CueModel | None = None) -> None:
        self.lexicon = lexicon
        self.cue_model = cue_model
        self.cue_span = load_cue_span_habits()
        self.content_habits = load_content_habits()
        self.content_edges = load_edge_habits()
        self.polarity = load_polarity_words()

    def find(self, doc: Doc) -> list[Found]:
        quotes = QuoteIndex(find_quotes(text_of(doc)))
        found: list[Found] = []
        for sentence in doc.sents:
            for token in sentence:
                if quotes.inside(token.idx) or token.is_punct or token.is_space:
                    continue
                hit = self._according_to(token, sentence) or self._in_finding(token, sentence)
                if hit is None and self._is_cue(token, quotes):
                    hit = self._verb_cue(token, sentence, quotes)
                if hit is not None:
                    found.append(hit)
        cut_at_next_source(found)
        return found

    def _is_cue(self, token: Token, quotes: QuoteIndex) -> bool:
        if self.cue_model is not None:
            if self.cue_model.is_cue(token, quotes) or self._opens_quote(token, quotes):
                return True
            if self._closes_quote(token, quotes):
                return True
            # Words with a marked stance ("denied", "blamed") need less support from the model.
            lemma = token.lemma_.lower()
            marked = (
                token.pos_ == "VERB"
                and self.lexicon.stance_of(lemma) not in WEAK_STANCES
                and (lemma not in RULING_VERBS or any(c.dep_ == "ccomp" for c in token.children))
            )
            if marked and clause_of_its_own(token):
                return True
            if self._withheld(token) or self._relative_report(token):
                return True
            return marked and (
                self.cue_model.probability(token, quotes) >= self.cue_model.threshold / 2
            )
        return token.pos_ in {"VERB", "AUX"} and token.lemma_ in self.lexicon.cue_kinds

    def _withheld(self, token: Token) -> bool:
        """ "would not confirm the cost": a speech verb of a marked stance (confirm, deny,
        announce), negated, with a subject and an object or clause. The model learned few of
        these (a negation mostly lowers its odds); found, they are stored as declines."""
        if token.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in token.children):
            return False
        if any(c.dep_ == "mark" for c in token.children):
            return False  # "if they did not confirm ...": a condition, not a statement
        if self.polarity.polarity_of(token) is not Polarity.NEGATED:
            return False
        lemma = token.lemma_.lower()
        marked = self.lexicon.stance_of(lemma) not in WEAK_STANCES
        speech = self.lexicon.cue_kinds.get(lemma) == "speech"
        verbs = [token, *filter(None, [self.polarity.alternative(token)])]
        return (
            marked
            and speech
            and any(c.dep_ in {"ccomp", "dobj"} for verb in verbs for c in verb.children)
        )

    def _relative_report(self, token: Token) -> bool:
        """ "its courts, which the Herald describes as ...": a speech verb in a relative clause
        whose object is the relative pronoun, said by a subject of its own; or "lawyers, who
        argued that ...": one whose subject is "who", with a clause. The model saw few."""
        if token.dep_ != "relcl" or self.lexicon.cue_kinds.get(token.lemma_.lower()) != "speech":
            return False
        objects = [child for child in token.children if child.dep_ == "dobj"]
        subjects = [child for child in token.children if child.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ == "who":  # "lawyers, who argued his illness ..."
            return any(child.dep_ == "ccomp" for child in token.children)
        return (
            bool(objects and subjects)
            and objects[0].lower_ in {"which", "that", "whom", "who"}
            and subjects[0].lower_ not in {"which", "that", "who"}
        )

    def _opens_quote(self, token: Token, quotes: QuoteIndex) -> bool:
        """ "The ruling read in part: “...”": a speech verb with a subject, a colon, a quotation.

        The parser often hangs such a verb under the quotation's first clause."""
        if token.pos_ != "VERB" or self.lexicon.cue_kinds.get(token.lemma_.lower()) != "speech":
            return False
        misread = _misread_as_modifier(token) or quotes.inside(token.head.idx)
        if token.dep_ != "ROOT" and not misread:
            return False  # a nested report ("he said his father told him: ...") stays content
        if not any(child.dep_ == "nsubj" for child in token.children) and not _misread_as_modifier(
            token
        ):
            return False
        return colon_before_quote(token, quotes) is not None

    def _closes_quote(self, token: Token, quotes: QuoteIndex) -> bool:
        """ "“..., we feel it will heal us,” Ana Ruiz of the council told those gathered": a
        speech verb whose subject follows a quotation closed with a comma. The parser
        sometimes hangs the verb under the quotation's own clause, and the model then
        doubts it."""
        if token.pos_ != "VERB" or self.lexicon.cue_kinds.get(token.lemma_.lower()) != "speech":
            return False
        if not quotes.inside(token.head.idx):
            return False
        subject = next((child for child in token.children if child.dep_ == "nsubj"), None)
        if subject is None or subject.i > token.i or quotes.region_at(subject.idx) is not None:
            return False
        text = text_of(token.doc)
        start = subject.left_edge.idx
        region = next((r for r in reversed(quotes.regions) if r[1] <= start), None)
        if region is None or text[region[1] : start].strip():
            return False
        return text[region[0] : region[1]].rstrip("”\"'").endswith((",", "[,]", "?", "!"))

    def _according_to(self, token: Token, sentence: Span) -> Found | None:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc):
            return None
        to = token.doc[token.i + 1]
        objects = [child for child in to.children if child.dep_ == "pobj"]
        if to.lower_ != "to" or not objects:
            return None
        source = [tok for tok in subtree_tokens(objects[0]) if not tok.is_space]
        source += _stray_apposition(source[-1], sentence)
        return self._clause_reported(token, [token, to], source, sentence)

    def _in_finding(self, token: Token, sentence: Span) -> Found | None:
        """ "In a Harbour Times poll, Ana Ruiz leads by ten points": the poll is the source
        and the clause its content, as with "according to". Only for the nouns that PolNeAR
        train has as the source of an "in" cue (``FINDINGS``), and not when the clause's own
        verb is a speech verb ("In a statement, the board said ..."): that verb is the cue.
        The poll is set off before the clause: "X leads in the polls" is no report."""
        if token.lower_ != "in" or token.dep_ != "prep":
            return None
        objects = [child for child in token.children if child.dep_ == "pobj"]
        if not objects or objects[0].lemma_.lower() not in FINDINGS:
            return None
        clause = _clause_of(token)
        if self.lexicon.cue_kinds.get(clause.lemma_.lower()) == "speech":
            return None
        after = token.right_edge.i + 1
        if clause.i < token.i or after >= len(token.doc) or token.doc[after].text != ",":
            return None  # "X leads in the polls": only a poll set before its clause reports it
        source = [tok for tok in subtree_tokens(objects[0]) if not tok.is_space]
        return self._clause_reported(token, [token], source, sentence)

    def _clause_reported(
        self, token: Token, cue_tokens: list[Token], source: list[Token], sentence: Span
    ) -> Found:
        """A prepositional cue ("according to X", "in X's poll"): the clause it hangs on, less
        the cue and the source, is the content."""
        clause = _clause_of(token)
        source_ids = {tok.i for tok in source}
        content_tokens = [
            tok
            for tok in subtree_tokens(clause, without={token.i})
            if tok.i not in source_ids and sentence.start <= tok.i < sentence.end
        ]
        pieces = char_pieces(token.doc, content_tokens)
        if len(pieces) > 1:
            pieces = [(pieces[0][0], pieces[-1][1])] if pieces[-1][0] < token.idx else pieces
        return Found(
            cue=token,
            cue_tokens=cue_tokens,
            source=source,
            content=pieces,
            stance=self.lexicon.stance_of("according to"),
            quote=False,
            sentence=sentence,
        )

    def _verb_cue(self, token: Token, sentence: Span, quotes: QuoteIndex) -> Found | None:
        if self.polarity.is_frame_complement(token) or self.polarity.is_alternative(token):
            return None  # "declined to confirm", "did not confirm or deny": found at the first
        polarity = self.polarity.polarity_of(token)
        cue_tokens = self.polarity.written_cue(token, self.cue_span.cue_tokens(token), polarity)
        content_verb = token
        other = self.polarity.alternative(token)
        if other is not None and other.lemma_.lower() in self.lexicon.cue_kinds:
            cue_tokens = list(token.doc[cue_tokens[0].i : other.i + 1])
            content_verb = other  # what was neither confirmed nor denied is the last verb's
        content = self._content(content_verb, sentence, quotes, cue_tokens)
        if not content.pieces:
            # "gave a short answer": the cue's object is what it introduces after all.
            plain = self.polarity.written_cue(
                token, self.cue_span.cue_tokens(token, with_frame=False), polarity
            )
            if other is not None and other.lemma_.lower() in self.lexicon.cue_kinds:
                plain = list(token.doc[plain[0].i : other.i + 1])
            if len(plain) < len(cue_tokens):
                cue_tokens = plain
                content = self._content(content_verb, sentence, quotes, cue_tokens)
        if not content.pieces:
            return None
        cue_tokens = [  # "said in a statement | that ...": the content is no part of the cue
            tok
            for tok in cue_tokens
            if tok.i == token.i or not any(s <= tok.idx < e for s, e in content.pieces)
        ]
        subject = None if token.lemma_ in RAISING_VERBS else find_subject(token)
        first_cue = min(cue_tokens, key=lambda tok: tok.i)

        def unusable(subject: Token) -> bool:  # a dateline or a quote is no source
            return in_dateline(subject, sentence) or quotes.inside(subject.idx)

        if subject is not None and unusable(subject):
            subject = other_subject(subject, unusable)
        if subject is None and token.lemma_ not in RAISING_VERBS:
            subject = phrase_before(token, first_cue, sentence, unusable)
        misread = _misread_as_modifier(token) and self._opens_quote(token, quotes)
        if misread:
            subject = _noun_phrase_top(token.head)
        source = None
        if subject is not None and not quotes.inside(subject.idx):
            source = [
                tok
                for tok in source_tokens(subject, token)
                if not quotes.region_at(tok.idx) and not in_dateline(tok, sentence)
            ]
            if misread or subject.i < first_cue.i < subject.right_edge.i:
                source = [tok for tok in source if tok.i < first_cue.i]
        if source is None and subject is None and token.lemma_ not in RAISING_VERBS:
            named = name_before_cue(token, sentence)
            pieces = without_source(content.pieces, named) if named else []
            if pieces:  # "The river is dying, Ana Novak of the trust, said."
                source, content.pieces = named, pieces
        stance = self.lexicon.stance_of(token.lemma_.lower(), content.particle)
        if (
            token.lemma_.lower() in FINDING_VERBS
            and subject is not None
            and subject.lemma_.lower() in DECIDING_BODIES
        ):
            stance = Stance.ANNOUNCE
        elif stance is Stance.SAY and any(tok.lemma_.lower() in RULINGS for tok in source or []):
            stance = Stance.ANNOUNCE  # "the verdict said", "the summary of the ruling read"
        stance = self.polarity.stance(polarity, stance)
        return Found(
            cue=token,
            cue_tokens=sorted(cue_tokens, key=lambda tok: tok.i),
            source=source or None,
            content=content.pieces,
            stance=stance,
            quote=content.quote,
            sentence=sentence,
            addressee=content.addressee,
            polarity=polarity,
        )

    def _content(
        self, verb: Token, sentence: Span, quotes: QuoteIndex, cue_tokens: list[Token]
    ) -> Content:
        return verb_content(
            verb,
            sentence,
            quotes,
            habits=self.content_habits,
            edges=self.content_edges,
            cue_ids={tok.i for tok in cue_tokens},
        )

    def via(self, cue: Token, addressee: Token | None) -> str | None:
        """The outlet the cue's words were told to ("told Reuters", "in an interview with X")."""
        candidates = [addressee] if addressee is not None else []
        for prep in cue.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "to", "with"}:
                continue
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


def _clause_of(token: Token) -> Token:
    """The verb of the clause a word hangs on, past coordination."""
    clause = token.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause


def _stray_apposition(last: Token, sentence: Span) -> list[Token]:
    """ "According to the mayor, Ana Ruiz, police ...": the name set off by commas after a
    singular, definite source, which the parser often hangs on the following clause."""
    doc = last.doc
    definite = any(child.dep_ in {"det", "poss"} and child.lower_ != "a" for child in last.children)
    start = last.i + 1
    if last.tag_ != "NN" or not definite or start >= sentence.end or doc[start].text != ",":
        return []
    end = start + 1
    while end < sentence.end and doc[end].pos_ == "PROPN":
        end += 1
    if end == start + 1 or end + 1 >= sentence.end or doc[end].text != ",":
        return []
    name = doc[end - 1]
    if name.dep_ in {"nsubj", "nsubjpass"} and not any(
        child.dep_ in {"nsubj", "nsubjpass"} and child.i != name.i for child in name.head.children
    ):
        return []  # "According to the report, Ana Ruiz, 45, was ..." names the content's subject
    return list(doc[start + 1 : end])


def _misread_as_modifier(verb: Token) -> bool:
    """ "The summary of the ruling read: ..." parsed as a noun modified by "read"."""
    return (
        verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBN"} and verb.head.pos_ in {"NOUN", "PROPN"}
    )


def _noun_phrase_top(noun: Token) -> Token:
    """The head of the noun phrase a noun sits in ("summary" for "the ruling" in "the summary
    of the ruling")."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {
        "NOUN", "PROPN"
    }:  # fmt: skip
        noun = noun.head.head
    return noun


def _name_of(token: Token) -> str:
    compounds = [child.i for child in token.lefts if child.dep_ == "compound"]
    start = min([token.i, *compounds])
    return token.doc[start : token.i + 1].text
