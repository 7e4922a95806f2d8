"""Count stored speakers that are not names although the article names who spoke.

    python bench/unnamed_speakers.py ../shared/corpus/polnear/train [--stride 2] [--examples 6]
                                     [--cache FILE] [--before FILE]

Every attribution the extractor finds in the folder's articles has a stored speaker (``speaker``,
or the source text when there is none, as ``bot/services/storing.py`` stores it). Each is put in
one form: a name, a pronoun ("he", "they"), first person ("I", "we": a speaker inside a quote),
a description ("the 71-year-old diplomat", "A woman"), a surname alone, or none (no source
although the gold attribution at that cue has one). A form is *linkable* when the article names
someone it could stand for, read off spaCy's full parse (all sentences, independently of the
extractor's rules): a pronoun, first person or a description, when a PERSON entity of two or
more words is written in the article before it (or, for first person, in the same paragraph);
a surname, when a PERSON entity of two or more words ending in it is written anywhere; none,
when a PERSON entity is in the gold source. ``--before``: another version's predictions (its
``--cache`` file) for the same articles, counted beside, with the examples only the newer has.
For finding causes on train only.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction import trimmed_bounds
from gold_names import name_words
from polnear import GoldArticle, read_split
from source_errors import predictions_of
from spacy.tokens import Doc

from bot.extract.model import ExtractedAttribution
from bot.extract.pipeline import load_extractor

PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "you", "who", "which", "that"}
FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "one", "another"}
FORMS = ("name", "pronoun", "first person", "description", "surname alone", "none")


def form_of(stored: str | None, full_names: list[str]) -> str:
    """The form of a stored speaker; ``full_names``: the article's PERSON names of 2+ words."""
    if not stored:
        return "none"
    words = stored.split()
    lower = stored.lower()
    if lower in FIRST_PERSON:
        return "first person"
    if lower in PRONOUNS:
        return "pronoun"
    if words[0].lower() in DETERMINERS or not any(word[:1].isupper() for word in words):
        return "description"
    if len(words) == 1 and any(name_words(full)[-1:] == name_words(stored) for full in full_names):
        return "surname alone"
    return "name"


def linkable(
    form: str, stored: str | None, start: int, doc: Doc, gold: tuple[int, int] | None
) -> bool:
    people = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent.text.split()) > 1]
    if form == "surname alone":
        return True  # by definition: a longer name ending in it is written
    if form == "none":
        return gold is not None and any(
            ent.start_char < gold[1] and gold[0] < ent.end_char
            for ent in doc.ents
            if ent.label_ == "PERSON"
        )
    if form == "first person":
        paragraph = doc.text.rfind("\n", 0, start)
        return any(paragraph <= ent.start_char for ent in people)
    return any(ent.start_char < start for ent in people)


def analyse(
    articles: list[GoldArticle], predictions: list[list[ExtractedAttribution]], docs: list[Doc]
) -> tuple[dict[str, int], dict[str, int], dict[str, list[str]]]:
    counts: dict[str, int] = defaultdict(int)
    linked: dict[str, int] = defaultdict(int)
    examples: dict[str, list[str]] = defaultdict(list)
    for article, doc, found in zip(articles, docs, predictions, strict=True):
        full_names = [
            ent.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent.text.split()) > 1
        ]
        gold_at_cue = {}
        for item in article.attributions:
            cue, source = (
                trimmed_bounds(article.text, item.cue),
                trimmed_bounds(article.text, item.source),
            )
            if cue is not None:
                gold_at_cue[cue] = source
        for pred in found:
            gold = next(
                (
                    src
                    for cue, src in gold_at_cue.items()
                    if cue[0] < pred.cue.end and pred.cue.start < cue[1]
                ),
                None,
            )
            if pred.source is None and gold is None:
                continue  # no source, and none in gold either
            stored = pred.speaker or (pred.source.text if pred.source else None)
            form = form_of(stored, full_names)
            start = pred.source.start if pred.source else pred.cue.start
            counts[form] += 1
            if form != "name" and linkable(form, stored, start, doc, gold):
                linked[form] += 1
                gold_text = article.text[gold[0] : gold[1]] if gold else None
                examples[form].append(
                    f"{article.name}\tstored {stored!r}\tgold {gold_text!r}\tcue {pred.cue.text!r}"
                )
    return counts, linked, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--examples", type=int, default=6)
    parser.add_argument("--cache", type=Path)
    parser.add_argument(
        "--before", type=Path, help="predictions of another version (a --cache file), same articles"
    )
    args = parser.parse_args(argv)
    articles = list(read_split(args.folder))[:: args.stride]
    extractor = load_extractor()
    predictions = predictions_of(extractor, articles, args.cache)
    docs = list(extractor.nlp.pipe(article.text for article in articles))
    counts, linked, examples = analyse(articles, predictions, docs)
    print(f"{len(articles)} articles, {sum(counts.values())} stored speakers")
    if args.before:  # the same articles, predictions of another version, same parse
        old = analyse(articles, pickle.loads(args.before.read_bytes()), docs)
        print(f"{'form':15} {'before':>7} {'linkable':>9} {'after':>7} {'linkable':>9}")
        for form in FORMS:
            print(
                f"{form:15} {old[0][form]:7d} {old[1][form] if form != 'name' else '':>9}"
                f" {counts[form]:7d} {linked[form] if form != 'name' else '':>9}"
            )
        gone = {row for rows in old[2].values() for row in rows}
        examples = {
            form: [row for row in rows if row not in gone] for form, rows in examples.items()
        }
    else:
        print(f"{'form':15} {'stored':>7} {'linkable':>9}")
        for form in FORMS:
            print(f"{form:15} {counts[form]:7d} {linked[form] if form != 'name' else '':>9}")
    print(f"not a name though the article names someone it could be: {sum(linked.values())}")
    for form in FORMS[1:]:
        for row in examples.get(form, [])[: args.examples]:
            print(f"  {form:13} {row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
