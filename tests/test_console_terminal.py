"""``newsprov chat`` on a real pseudo-terminal: line editing and history, a pasted line far
over the terminal's 4 KB, Ctrl-C and Ctrl-D, several lines pasted at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_process import PROJECT, cli_command, cli_environment
from telegram_harness import KESSEL_POST
from terminal import Terminal

UP = "\x1b[A"
CTRL_C, CTRL_D = "\x03", "\x04"


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'newsprov.db'}"


@pytest.fixture
def chat(tmp_path: Path, database: str) -> Iterator[Terminal]:
    terminal = Terminal(
        cli_command(tmp_path, "chat"),
        env=cli_environment(NEWSPROV_DATABASE_URL=database, NEWSPROV_SEMANTIC="0"),
        cwd=PROJECT,
    )
    terminal.expect("newsprov> ")
    yield terminal
    terminal.close()


def test_history_brings_back_the_last_question_and_ctrl_d_ends_on_a_new_line(
    chat: Terminal,
) -> None:
    chat.type("who denied the Orrin dam leak?\r")
    chat.expect("I have no stored claim about that.")
    assert "type /sources" in chat.seen  # worded for the console, not for Telegram
    chat.type(UP + "\x01" + "so " + "\r")  # the last line again, edited at its start (Ctrl-A)
    chat.expect("Q: so who denied the Orrin dam leak?")
    chat.type(CTRL_D)
    assert chat.wait() == 0
    assert chat.seen.endswith("newsprov> \n")  # the shell's prompt comes on a line of its own


def test_ctrl_c_at_the_prompt_leaves_at_once(chat: Terminal) -> None:
    chat.type("abc")
    chat.type(CTRL_C)
    # Not a timing target: at load average 8 on this shared machine the exit itself took over 5 s.
    chat.wait(within=15)
    assert "Traceback" not in chat.seen


def test_a_line_far_over_4_kb_arrives_whole(chat: Terminal, database: str) -> None:
    paragraph = " ".join(" ".join(KESSEL_POST.splitlines()[2:]).split())
    line = " ".join([paragraph] * 30)
    assert len(line.encode()) > 6000
    chat.type(line + "\r")
    chat.expect("Stored ", within=120)
    chat.expect("newsprov> ", within=5)
    path = database.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        (stored,) = connection.execute("SELECT text FROM articles").fetchone()
    assert stored == line


def test_several_lines_pasted_at_once_are_read_as_one_article(chat: Terminal) -> None:
    chat.type(KESSEL_POST.replace("\n", "\r") + "\r")
    chat.expect("Stored Drone strike hits the Kessel market as article 1.", within=120)
    chat.expect("newsprov> ", within=5)
    assert "Q: " not in chat.seen  # no line of it was answered as a question
    chat.type("first question?\rsecond question?\r")
    chat.expect("That was several lines at once.")


def test_a_line_cut_by_a_terminal_without_line_editing_is_said_so(
    tmp_path: Path, database: str
) -> None:
    code = (
        "import asyncio, sys\n"
        "from bot.console import run_console\n"
        "from bot.services.newsprov import Newsprov\n"
        "from bot.settings import Settings\n"
        "async def main():\n"
        "    settings = Settings(database_url=sys.argv[-1], semantic='off')\n"
        "    async with await Newsprov.open(settings) as service:\n"
        "        await run_console(service, line_editing=False)\n"
        "asyncio.run(main())\n"
    )
    command = [*cli_command(tmp_path, code=code)[:-2], database]  # no --env-file here
    terminal = Terminal(command, env=cli_environment(), cwd=PROJECT)
    try:
        terminal.expect("newsprov> ")
        terminal.type("x" * 5000 + "\r")
        terminal.expect("was probably cut there", within=120)
        terminal.type(CTRL_D)
        assert terminal.wait() == 0
    finally:
        terminal.close()


def test_delete_at_the_console_removes_a_pasted_article(chat: Terminal) -> None:
    chat.type(KESSEL_POST.replace("\n", "\r") + "\r")
    chat.expect("Stored Drone strike hits the Kessel market as article 1.", within=120)
    chat.type("/delete 1\r")  # the console is its owner's: an admin
    chat.expect("Deleted article 1, “Drone strike hits the Kessel market”, with its ")
    chat.type("/article 1\r")
    chat.expect("There is no article 1.")
