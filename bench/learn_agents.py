"""Learn which common nouns head a source (who can say or hold a view) from PolNeAR's train.

    python bench/learn_agents.py ../shared/corpus/polnear/train

Writes ``bot/extract/data/agent_nouns.txt``: the lemmas of common nouns that head at least
``MIN_SEEN`` gold Source spans ("official", "poll", "analyst"), one a line with its count. Only
lemmas and counts are written, never corpus text. The extractor reads a source headed by a
counted common noun ("two tankers") as no speaker unless the noun is in this list or its other
lists (anonymous, organisation and document nouns).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from polnear import read_split

from bot.extract.pipeline import load_nlp

OUT = ROOT / "bot" / "extract" / "data" / "agent_nouns.txt"
MIN_SEEN = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    nlp = load_nlp()
    spans = [
        article.text[item.source[0][0] : item.source[-1][1]]
        for article in read_split(args.folder)
        for item in article.attributions
        if item.source
    ]
    counts: Counter[str] = Counter()
    for doc in nlp.pipe(spans, disable=["ner"], batch_size=256):
        roots = [tok for tok in doc if tok.dep_ == "ROOT"]
        if roots and roots[0].pos_ == "NOUN":
            counts[roots[0].lemma_.lower()] += 1
    lines = [f"{lemma}\t{count}" for lemma, count in sorted(counts.items()) if count >= MIN_SEEN]
    header = "# Common nouns heading >= 2 gold sources in PolNeAR train (bench/learn_agents.py)\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} agent nouns written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
