"""Learn where contents end from PolNeAR's train split: ``bot/extract/data/content_edges.tsv``.

    python bench/learn_content_edges.py ../shared/corpus/polnear/train [--docbin PARSES]

For every gold attribution, the cue word's children that head its content, and each phrase
hung after one of their words and running to the end of the head's phrase
(``content_edges.edge_keys``): whether it lay inside the gold content (80 % of its words or
more) or outside it (20 % or less). Writes keys and counts only, never corpus text.
--docbin PARSES reads the parses from that file, or writes them there when it is missing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from learn_extraction import DATA, content_of, cue_heads, parsed
from polnear import read_split
from spacy.tokens import Doc, DocBin

from bot.extract.content_edges import edge_keys

MIN_WRITTEN = 4


def count_edges(
    doc: Doc, heads: dict[int, set[int]], contents: dict[int, set[int]]
) -> Counter[tuple[str, bool]]:
    counts: Counter[tuple[str, bool]] = Counter()
    for head_index, content in contents.items():
        for child in doc[head_index].children:
            if child.i in heads[head_index] or child.i not in content:
                continue
            end = max(t.i for t in child.subtree if not (t.is_punct or t.is_space))
            phrases = [
                phrase
                for word in child.subtree
                if word.i in content
                for phrase in word.rights
                if not (phrase.is_punct or phrase.is_space) and phrase.right_edge.i >= end
            ]
            for phrase in phrases:
                words = [t.i for t in phrase.subtree if not t.is_punct and not t.is_space]
                share = sum(1 for i in words if i in content) / max(1, len(words))
                if 0.2 < share < 0.8:
                    continue
                for key in edge_keys(phrase):
                    counts[(key, share >= 0.8)] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docbin", type=Path, default=None, help="cached parses of the folder")
    args = parser.parse_args(argv)
    articles = list(read_split(args.folder))
    docs = list(parsed(articles, args.docbin))
    if args.docbin is not None and not args.docbin.exists():
        DocBin(docs=docs).to_disk(args.docbin)
    counts: Counter[tuple[str, bool]] = Counter()
    for article, doc in zip(articles, docs, strict=True):
        counts.update(count_edges(doc, cue_heads(doc, article), content_of(doc, article)))
    keys = sorted({key for key, _ in counts})
    with (DATA / "content_edges.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# phrase key\tinside the content\tseen — phrases ending a content head's phrase,"
            " learned from PolNeAR train by bench/learn_content_edges.py\n"
        )
        for key in keys:
            inside, outside = counts[(key, True)], counts[(key, False)]
            if inside + outside >= MIN_WRITTEN:
                out.write(f"{key}\t{inside}\t{inside + outside}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
