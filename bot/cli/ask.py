"""``newsprov ask QUESTION...``: each quoted argument is a question of its own, answered in
turn; words given unquoted (no argument holds a space) are one question; ``-`` reads one
question a line from stdin."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from bot.answer.model import AnswerSet
from bot.cli.output import EXIT_OK, print_json
from bot.services.newsprov import Newsprov
from bot.settings import Settings

HELP = "answer questions: each quoted one in turn ('-' reads one per line)"
RULE = "─" * 40  # between the answers to several questions


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "question",
        nargs="+",
        metavar="QUESTION",
        help='"Q1" "Q2" asks two questions; unquoted words are one question',
    )
    parser.add_argument(
        "--json", action="store_true", help="print each answer as JSON, one line a question"
    )
    parser.add_argument("--limit", type=int, default=3, help="answers to show (default 3)")


async def main(args: argparse.Namespace, settings: Settings) -> int:
    return await ask_questions(
        settings, questions_of(args.question), as_json=args.json, limit=args.limit
    )


def questions_of(arguments: list[str]) -> list[str]:
    """The questions the arguments ask: ``["-"]`` one a line of stdin; each argument when
    any holds a space (they were quoted); else the words together, as one question."""
    if arguments == ["-"]:
        return [line.strip() for line in sys.stdin if line.strip()]
    if any(len(argument.split()) > 1 for argument in arguments):
        return [" ".join(a.split()) for a in arguments if a.strip()]
    return [" ".join(arguments)]


async def ask_questions(
    settings: Settings,
    questions: list[str],
    *,
    as_json: bool,
    limit: int,
    out: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    async with await Newsprov.open(settings) as service:
        for number, text in enumerate(questions):
            answer_set = await service.ask(text, limit=limit)
            if as_json:
                print_json(answer_set.as_json(), out=out)
                continue
            if number:
                out.write(f"\n{RULE}\n\n")
            out.write(render_plain(answer_set) + "\n")
            out.flush()
    return EXIT_OK


def render_plain(answer_set: AnswerSet) -> str:
    from bot.conversation.render import render_answer_set
    from bot.conversation.style import PLAIN

    return render_answer_set(answer_set, PLAIN, where="cli")
