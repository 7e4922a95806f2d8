"""Synthetic near misses from the tune half's answerable questions (issue 13).

    python bench/near_misses.py --db sqlite:////tmp/qa.db --out /tmp/near-misses.jsonl
    python bench/qa.py --db sqlite:////tmp/qa.db --questions /tmp/near-misses.jsonl

For every answerable question of the tune half (``qa.half_of``) whose article is stored, the
question keeps its names, its places and its kind of speaker, and the rarer half of its other
topic words (rarer: fewer of the stored claims' sentences hold the word's stem; at least one)
are each replaced by a word its article writes outside all of its claims: a question on the
article's own topic and names asking for a statement that none of its claims makes. Each
becomes an unanswerable question with the original's article and styles (``"synthetic":
true``), so that ``bench/qa.py --questions OUT`` scores it as a near miss. The output holds
words of the corpus: write it outside the project. The report half is never read.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.polnear_questions import read_questions
from bench.qa import DEV_QUESTIONS, half_of
from bot.answer.lexicon import load_lexicon
from bot.answer.question import Term, TermKind, parse_question
from bot.answer.reading import stem, words_of
from bot.services.newsprov import Newsprov
from bot.settings import Settings
from store.models import Article, Attribution

SUBSTITUTE_LENGTH = 5  # shorter article words are mostly function words and numbers


def replaceable(term: Term) -> bool:
    """A topic word of one word, not a name, a place, a speaker word or whom an act is about."""
    return (
        term.kind is TermKind.WORD
        and not term.speaker
        and not term.target
        and len(words_of(term.text)) == 1
    )


def to_replace(terms: list[Term], frequency: Counter[str], share: float) -> list[Term]:
    """The rarer ``share`` (rounded up) of the replaceable terms, rarest first."""
    words = [term for term in terms if replaceable(term)]
    words.sort(key=lambda term: (frequency[stem(term.text.lower())], term.text))
    return words[: math.ceil(share * len(words))]


def substitutes(article_text: str, claim_texts: list[str], title: str) -> list[str]:
    """Words the article writes in lower case outside all of its claims and its title, not
    verbs' forms (a verb may change the act asked about) nor person words, in text order."""
    lexicon = load_lexicon()
    said = {stem(word) for text in [*claim_texts, title] for word in words_of(text)}
    seen: dict[str, None] = {}
    for word in re.findall(r"\b[a-z]+\b", article_text):
        if (
            len(word) >= SUBSTITUTE_LENGTH
            and word not in lexicon.stopwords
            and word not in lexicon.person_words
            and not lexicon.is_verb_form(word)
            and stem(word) not in said
        ):
            seen.setdefault(word, None)
    return list(seen)


def pick(pool: list[str], key: str, count: int) -> list[str]:
    """``count`` distinct words of the pool, chosen by a hash of ``key`` (the same every run)."""
    start = int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(pool)
    return [pool[(start + step * 7) % len(pool)] for step in range(count)]


def near_miss(
    item: dict[str, Any], pool: list[str], frequency: Counter[str], share: float
) -> dict[str, Any]:
    """The item made unanswerable, or an empty dict when it has no word to replace."""
    parsed = parse_question(item["question"])
    replaced = to_replace(list(parsed.terms), frequency, share)
    if not replaced or len(set(pool)) < len(replaced):
        return {}
    question = item["question"]
    for term, word in zip(replaced, pick(pool, item["id"], len(replaced)), strict=True):
        pattern = re.compile(rf"\b{re.escape(term.text)}\b", re.IGNORECASE)
        question, found = pattern.subn(word, question, count=1)
        if not found:
            return {}
    return {
        **item,
        "id": f"syn-{item['id']}",
        "question": question,
        "kind": "unanswerable",
        "gold_speakers": [],
        "gold_content": [],
        "synthetic": True,
    }


async def generate(database_url: str, questions: list[str], share: float) -> list[dict[str, Any]]:
    items = [
        item
        for item in read_questions(questions)
        if half_of(item) == "tune" and item["kind"] != "unanswerable" and "article_title" in item
    ]
    made = []
    async with (
        await Newsprov.open(Settings(database_url=database_url)) as service,
        service.sessions() as session,
    ):
        sentences = (await session.scalars(select(Attribution.sentence))).all()
        frequency = Counter(
            stemmed for sentence in sentences for stemmed in {stem(w) for w in words_of(sentence)}
        )
        for item in items:
            article = await session.scalar(
                select(Article).where(Article.title == item["article_title"]).limit(1)
            )
            if article is None:
                continue
            claims = (
                await session.scalars(
                    select(Attribution).where(Attribution.article_id == article.id)
                )
            ).all()
            texts = [text for claim in claims for text in (claim.sentence, claim.content)]
            pool = substitutes(article.text, texts, article.title)
            made.append(near_miss(item, pool, frequency, share) if pool else {})
    return [item for item in made if item]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="a database bench/qa.py has filled")
    parser.add_argument("--out", required=True, help="where to write the questions (JSON lines)")
    parser.add_argument("--questions", action="append", help="default: both dev files")
    parser.add_argument(
        "--share", type=float, default=0.5, help="of the topic words, how many to replace"
    )
    args = parser.parse_args()
    questions = args.questions or [str(path) for path in DEV_QUESTIONS]
    made = asyncio.run(generate(args.db, questions, args.share))
    Path(args.out).write_text("".join(json.dumps(item) + "\n" for item in made), "utf-8")
    print(f"{len(made)} near misses written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
