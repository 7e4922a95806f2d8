"""Speakers across one article: pronouns, surnames, roles and documents resolved to the
article's fuller mentions of who spoke."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.extract.entities import Entity, EntityTable, defined_short_forms, name_words
from bot.extract.lexicon import Lexicon
from bot.extract.model import SpeakerKind
from bot.extract.name_spans import territory_names
from bot.extract.person_words import (
    FEMALE_WORDS,
    MALE_WORDS,
    gender_fits,
    is_name,
    sex_of,
    strip_possessive,
    strip_titles,
    surname_of,
    without_name_suffix,
    without_suffix,
)
from bot.extract.speakers import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    SourceInfo,
    speaker_key,
)
from bot.extract.written_names import (
    ISSUER_REACH,
    body_written,
    full_name_written,
    holder_written,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan


class ArticleSpeakers:
    """Resolves pronouns, surnames and "the official" to the article's fuller mentions."""

    def __init__(
        self,
        lexicon: Lexicon,
        person_names: list[str],
        *,
        organisations: list[tuple[str, int]] | None = None,
        text: str = "",
        places: set[str] | None = None,
    ) -> None:
        """``organisations``: ORG entity texts and where they start, for "the company";
        ``text``: the article, where a surname's fuller form is looked for when NER missed it."""
        self.lexicon = lexicon
        self.text = text
        self.table = EntityTable(places=places, short_forms=defined_short_forms(text))
        for name, position in organisations or []:
            self.table.add(name, SpeakerKind.ORGANISATION, position=position)
        self.person_names = person_names  # PERSON entity texts in article order
        self.history: list[SourceInfo] = []
        self.positions: list[int] = []  # where each history entry's source starts
        self.pronoun_of: dict[str, str] = {}  # name -> "he"/"she" it was referred to with

    def resolve(
        self,
        info: SourceInfo,
        *,
        before_char: int,
        names_before: list[str],
        subjects_in_sentence: list[str] | None = None,
        subjects_before: list[str] | None = None,
    ) -> SourceInfo:
        """``subjects_in_sentence``: persons named as subjects earlier in the source's sentence."""
        resolved = info
        if info.pronoun:
            if info.head_lemma in PERSON_PRONOUNS:
                person = next(
                    (
                        h
                        for h in reversed(self.history)
                        if h.kind == SpeakerKind.PERSON
                        and h.name
                        and gender_fits(info.head_lemma, h.role)
                        and self._same_pronoun(info.head_lemma, h.name)
                    ),
                    None,
                )
                if subjects_in_sentence:  # "X was accused of it, which he denied"
                    name = self._fullest(subjects_in_sentence[0], names_before)
                    earlier = next((h for h in self.history if h.name == name), None)
                    person = earlier or replace(
                        info, name=name, kind=SpeakerKind.PERSON, pronoun=False
                    )
                elif person is None and names_before:
                    # A person named as a subject is likelier meant than one named in passing.
                    last = (subjects_before or names_before)[-1]
                    name = self._fullest(last, names_before)
                    if self._may_be(info.head_lemma, name):
                        person = replace(info, name=name, pronoun=False)
                resolved = person if person is not None else info
                if resolved.name and info.head_lemma in FEMALE_WORDS | MALE_WORDS:
                    self.pronoun_of.setdefault(resolved.name, sex_of(info.head_lemma))
            elif info.head_lemma in GROUP_PRONOUNS:
                group = next(
                    (
                        h
                        for h in reversed(self.history)
                        if h.kind in {SpeakerKind.ORGANISATION, SpeakerKind.ANONYMOUS} and h.name
                    ),
                    None,
                )
                resolved = group or self._organisation_named(info, before_char) or info
        elif info.document:
            resolved = self._recent_issuer(before_char) or info
        elif info.kind == SpeakerKind.UNKNOWN or (
            info.name and info.name.lower().startswith("the ")
        ):
            same = next(
                (
                    h
                    for h in reversed(self.history)
                    if h.head_lemma == info.head_lemma and h.name and h is not info
                ),
                None,
            )
            if info.name and info.name.lower().startswith(("that ", "this ")) and self.history:
                resolved = self.history[-1]
            elif same is not None and info.name and info.name.lower().startswith("the "):
                resolved = same
            elif info.name and info.name.lower().startswith("the "):
                resolved = (
                    self._holder_of_role(info.name[4:].lower())
                    or self._described(info, before_char)
                    or self._holder_written(info, before_char)
                    or info
                )
        resolved = self._person_of_surname(resolved, names_before)
        if resolved.kind == SpeakerKind.UNKNOWN and resolved.name and not resolved.pronoun:
            written = full_name_written(self.text[:before_char], resolved.name, self.lexicon.titles)
            if written is not None:  # "Maróth" after "Gáspár Maróth", a name NER did not tag
                resolved = replace(resolved, name=written, kind=SpeakerKind.PERSON)
        if resolved.kind == SpeakerKind.PERSON and resolved.name:
            full = self._fullest(resolved.name, names_before)
            if full != resolved.name:
                earlier = next((h for h in self.history if h.name == full), None)
                resolved = replace(
                    resolved, name=full, role=resolved.role or (earlier.role if earlier else None)
                )
        resolved = self._spelling_of_known(resolved, before_char)
        self.history.append(resolved)
        self.positions.append(before_char)
        return resolved

    def note_address(self, name: str | None, word: str) -> None:
        """ "Mr", "Mrs" written before a speaker's name: the sex a later pronoun must fit, now
        that the honorific is no role to read it from."""
        if name and word in FEMALE_WORDS | MALE_WORDS:
            self.pronoun_of.setdefault(name, "female" if word in FEMALE_WORDS else "male")

    def _person_of_surname(self, info: SourceInfo, names_before: list[str]) -> SourceInfo:
        """ "Ebrard" after "Marcelo Ebrard": a one-word name is the person earlier named in full,
        whatever kind NER gave the word alone (it often tags a lone surname ORG).

        A word NER calls an organisation takes only a person the article already knows (a
        speaker or a PERSON entity): "Reuters" after "Thomson Reuters" stays as it is."""
        name = info.name
        if (
            not name
            or info.pronoun
            or info.anonymous
            or info.kind is SpeakerKind.ANONYMOUS
            or len(name.split()) != 1
            or not is_name(name)
        ):
            return info
        key = speaker_key(name, titles=self.lexicon.titles)
        people = [h.name for h in self.history if h.kind is SpeakerKind.PERSON and h.name]
        # The name written in full only later ("Okonkwo said ... Adaeze Okonkwo told"); not for
        # a word NER calls an organisation ("Twitter" is no person's surname).
        later = self.person_names if info.kind is not SpeakerKind.ORGANISATION else []
        full = next(
            (
                other
                for other in names_before + people + later  # the first named so, as _fullest does
                if len(other.split()) > 1 and surname_of(key, other, self.lexicon.titles)
            ),
            None,
        )
        if full is None and info.kind is not SpeakerKind.ORGANISATION:
            full = full_name_written(self.text, name, self.lexicon.titles)
        if full is None:
            return info
        full = without_name_suffix(strip_possessive(strip_titles(full, self.lexicon.titles)))
        earlier = next((h for h in self.history if h.name == full), None)
        return replace(
            info,
            name=full,
            kind=SpeakerKind.PERSON,
            role=info.role or (earlier.role if earlier else None),
        )

    def _organisation_named(self, info: SourceInfo, before_char: int) -> SourceInfo | None:
        """ "It" or "they" with no body that spoke before: the organisation last named before,
        within reach (not a place: "it" after "Canada" is seldom the country speaking). "They"
        is not a body when a person was named after it."""
        named = [
            (max(p for p in entity.positions if p < before_char), entity)
            for entity in self.table.entities
            if entity.kind is SpeakerKind.ORGANISATION
            and any(p < before_char for p in entity.positions)
            and entity.name not in self.table.places
            and entity.name.casefold() not in territory_names()
        ]
        if info.head_lemma != "it":  # "they" may be the people named beside it or since
            named = [
                (position, entity)
                for position, entity in named
                if not any(
                    name in self.text[self.text.rfind(". ", 0, position) + 1 : before_char]
                    for name in self.person_names
                )
            ]
        written = body_written(self.text, before_char) if info.head_lemma == "it" else None
        if written is not None:  # a sentence with no cue, so no NER: "The Harbour Board met"
            named.append((written[0], Entity(written[1], SpeakerKind.ORGANISATION, [])))
        if not named:
            return None
        position, entity = max(named, key=lambda pair: pair[0])
        if before_char - position > ISSUER_REACH:
            return None
        return replace(info, name=entity.name, kind=SpeakerKind.ORGANISATION, pronoun=False)

    def _described(self, info: SourceInfo, before_char: int) -> SourceInfo | None:
        """ "the airline" -> the organisation of the entity table it stands for."""
        assert info.name is not None
        if "," in info.name or len(info.name.split()) > 4:
            return None  # "the international coalition, led by ..." introduces someone
        entity = self.table.described(info.name, before=before_char)
        if entity is None:
            return None
        entity.descriptions.add(" ".join(name_words(info.name)))  # "airline": "the airline"
        earlier = next((h for h in reversed(self.history) if h.name == entity.name), None)
        return earlier or replace(info, name=entity.name, kind=entity.kind, role=None)

    def _spelling_of_known(self, info: SourceInfo, before_char: int) -> SourceInfo:
        """A name spelt a letter off an earlier one ("Saree" after "Sarea") is that name."""
        if not info.name or info.pronoun or info.anonymous or not is_name(info.name):
            return info
        entity = self.table.add(
            info.name, info.kind, position=before_char, role=info.role, spoke=True
        )
        if entity.name == info.name:
            return info
        earlier = next((h for h in reversed(self.history) if h.name == entity.name), None)
        return replace(
            info, name=entity.name, role=info.role or (earlier.role if earlier else None)
        )

    def entity_table(self) -> EntityTable:
        return self.table

    def _recent_issuer(self, before_char: int) -> SourceInfo | None:
        """The speaker just before, when close: "X issued a statement. The statement read ..." """
        for info, position in zip(reversed(self.history), reversed(self.positions), strict=True):
            if before_char - position > ISSUER_REACH:
                return None
            if info.name and info.kind in {SpeakerKind.PERSON, SpeakerKind.ORGANISATION}:
                return info
        return None

    def _may_be(self, pronoun: str, name: str) -> bool:
        return self._same_pronoun(pronoun, name) and all(
            gender_fits(pronoun, h.role) for h in self.history if h.name == name
        )

    def _same_pronoun(self, pronoun: str, name: str) -> bool:
        known = self.pronoun_of.get(name)
        return known is None or pronoun not in FEMALE_WORDS | MALE_WORDS or known == sex_of(pronoun)

    def _holder_of_role(self, role: str) -> SourceInfo | None:
        """The named person earlier given this role ("the general manager" -> its holder)."""
        pattern = re.compile(rf"\b{re.escape(role)}\b")
        return next(
            (
                h
                for h in reversed(self.history)
                if h.kind == SpeakerKind.PERSON
                and h.name
                and h.role
                and pattern.search(h.role.lower())
            ),
            None,
        )

    def _holder_written(self, info: SourceInfo, before_char: int) -> SourceInfo | None:
        assert info.name is not None
        text = self.text[:before_char]
        written = holder_written(text, info.name, info.head_lemma, self.lexicon.titles)
        if written is None:
            return None
        role = " ".join(info.name.split()[1:])
        return replace(info, name=written, kind=SpeakerKind.PERSON, role=role)

    def _fullest(self, name: str, names_before: list[str]) -> str:
        key = speaker_key(name, titles=self.lexicon.titles)
        best = name
        best_key = key
        for other in names_before + [h.name for h in self.history if h.name]:
            other_key = speaker_key(other, titles=self.lexicon.titles)
            bare = " ".join(without_suffix(other_key.split()))  # "brent bozell iii"
            if len(other_key.split()) > len(best_key.split()) and (  # the first of equals
                other_key.endswith(" " + key) or bare.endswith(" " + key)
            ):
                best, best_key = other, other_key
        fullest = strip_possessive(strip_titles(best, self.lexicon.titles))
        return fullest if best == name else without_name_suffix(fullest)


def named_in_passing(entity: SpacySpan) -> bool:
    """ "the mother, whose son, Omar Haddad, died": a person named to say whose someone is, in
    a relative clause about another; a pronoun after it does not stand for them."""
    noun = entity.root.head if entity.root.dep_ in {"appos", "compound"} else entity.root
    return any(child.lower_ == "whose" for child in noun.children)
