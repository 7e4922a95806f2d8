"""``newsprov ask QUESTION`` (``-`` reads one question a line from stdin)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.answer.model import AnswerSet
from bot.cli.output import EXIT_OK, print_json
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "answer a question ('-' reads one per line)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="+", metavar="QUESTION")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.add_argument("--limit", type=int, default=3, help="answers to show (default 3)")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await ask_questions(
        settings, " ".join(args.question), as_json=args.json, limit=args.limit
    )


async def ask_questions(
    settings: Settings, question: str, *, as_json: bool, limit: int, out: TextIO | None = None
) -> int:
    out = out or sys.stdout
    questions = (
        [line.strip() for line in sys.stdin if line.strip()] if question == "-" else [question]
    )
    async with await Newsprov.open(settings) as service:
        for text in questions:
            answer_set = await service.ask(text, limit=limit)
            if as_json:
                print_json(answer_set.as_json(), out=out)
            else:
                out.write(render_plain(answer_set) + "\n")
    return EXIT_OK


def render_plain(answer_set: AnswerSet) -> str:
    from bot.conversation.render import render_answer_set
    from bot.conversation.style import PLAIN

    return render_answer_set(answer_set, PLAIN)
