"""Every command a person can type is documented in the README and has help text (as
sqlite-utils checks for its commands)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from bot.cli import COMMANDS, build_parser
from bot.conversation.commands import COMMANDS as BOT_COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def subparsers(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(found) == 1
    return found[0]


def commands_with_help() -> list[tuple[list[str], str | None, argparse.ArgumentParser]]:
    """Every subcommand and sub-action as words after ``newsprov``, with its help text."""
    found = []
    top = subparsers(build_parser())
    helps = {choice.dest: choice.help for choice in top._choices_actions}
    for name, parser in top.choices.items():
        found.append(([name], helps.get(name), parser))
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for actions in nested:
            action_helps = {choice.dest: choice.help for choice in actions._choices_actions}
            for action, subparser in actions.choices.items():
                found.append(([name, action], action_helps.get(action), subparser))
    return found


def test_the_table_is_the_parser() -> None:
    assert list(subparsers(build_parser()).choices) == list(COMMANDS)


@pytest.mark.parametrize(
    ("words", "help_text", "parser"),
    commands_with_help(),
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_every_cli_command_is_documented_and_has_help(
    words: list[str], help_text: str | None, parser: argparse.ArgumentParser
) -> None:
    assert help_text, f"newsprov {' '.join(words)} has no help text"
    pattern = r"newsprov " + r"\s+".join(map(re.escape, words)) + r"\b"
    if len(words) == 2:  # "newsprov feeds list | remove ID | poll [ID]" documents three
        pattern = rf"newsprov {re.escape(words[0])}\b[^\n]*\b{re.escape(words[1])}\b"
    assert re.search(pattern, README), f"README does not show newsprov {' '.join(words)}"
    for action in parser._actions:
        if action.option_strings and not isinstance(action, argparse._HelpAction):
            assert action.help, f"newsprov {' '.join(words)} {action.option_strings[0]}: no help"


@pytest.mark.parametrize("command", BOT_COMMANDS, ids=lambda command: command.name)
def test_every_bot_command_is_documented_and_has_help(command: object) -> None:
    from bot.conversation.commands import Command

    assert isinstance(command, Command)
    assert command.description.strip(), f"/{command.name} has no description"
    assert re.search(rf"`/{command.name}\b", README), f"README does not list /{command.name}"
