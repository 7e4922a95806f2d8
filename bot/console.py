"""``newsprov chat``: the conversation of the Telegram bot, in a terminal, as plain text.

At a terminal, lines are read with the standard library's ``readline``: editing, history
(up and down arrows), and no limit on a pasted line (a terminal left in its cooked mode cuts
a line at 4,095 bytes; readline reads it raw). Ctrl-C leaves at once, Ctrl-D at the prompt
ends the session on a new line. Several lines pasted at once are read together: as an
article when they are one, else with a word on how to paste one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import select
import signal
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import TextIO

from bot.conversation import PLAIN, Conversation, Page, Reply
from bot.conversation.classify import Paste, classify, parse_command, paste
from bot.conversation.dialogue import PAGE_SIZE
from bot.conversation.language import warm_up_in_background
from bot.conversation.service import Service
from bot.conversation.web_links import WebLinks
from bot.errors import USER_ERRORS

log = logging.getLogger(__name__)
PROMPT = "newsprov> "
PASTE_END = "."
GREETING = (
    "newsprov chat: ask who said, denied or claimed what; paste a link; /paste an article; "
    "/help lists the rest; /quit, Ctrl-D or Ctrl-C leaves."
)
# The longest line a terminal in cooked mode passes on (Linux's N_TTY buffer less the newline).
COOKED_LINE_BYTES = 4095
PASTED_WITHIN_S = 0.05  # lines already waiting this soon after one was read were pasted with it
CUT_LINE = (
    f"(That line reached the terminal's limit of {COOKED_LINE_BYTES:,} bytes and was probably "
    "cut there; /paste a long article in several lines.)"
)
HOW_TO_PASTE = (
    "That was several lines at once. To give me an article, type /paste, paste it and end "
    f"with a line holding only '{PASTE_END}'; to ask, type one question on one line."
)


class Console:
    """One person at a terminal: the only state is the last answer page, for /more.

    ``line_editing`` (the default at a terminal) reads the prompt with readline; otherwise
    lines are read from ``input`` as they come (a pipe, a file, a test's StringIO)."""

    def __init__(
        self,
        service: Service,
        *,
        input: TextIO,
        output: TextIO,
        line_editing: bool | None = None,
        web: WebLinks | None = None,
    ) -> None:
        self.conversation = Conversation(service, style=PLAIN, telegram=False, web=web)
        self.input = input
        self.output = output
        self.terminal = _is_terminal(input) and _is_terminal(output)
        at_terminal = self.terminal and input is sys.stdin and output is sys.stdout
        self.line_editing = at_terminal if line_editing is None else line_editing
        if self.line_editing:
            with contextlib.suppress(ImportError):  # not on every platform
                import readline  # noqa: F401  (input() edits lines once it is loaded)
        self.last_page: Page | None = None

    async def read_line(self, prompt: str = "") -> str | None:
        """One line, or None at the end of input (Ctrl-D)."""
        if self.terminal:
            return self._read_terminal_line(prompt)
        if prompt:
            self.write(prompt, end="")
        line = await asyncio.to_thread(self.input.readline)
        return None if line == "" else line.rstrip("\r\n")

    def _read_terminal_line(self, prompt: str) -> str | None:
        """Read at the terminal in this thread, so that Ctrl-C interrupts the read itself."""
        with _interruptible(at_once=self.line_editing):
            try:
                if self.line_editing:
                    return input(prompt)
                self.write(prompt, end="")
                line = self.input.readline()
            except EOFError:
                return None
        return None if line == "" else line.rstrip("\r\n")

    def read_pasted(self, first: str) -> list[str]:
        """``first`` and the lines pasted with it: those already waiting to be read."""
        lines = first.split("\n")
        if not self.terminal:
            return lines
        while _waiting(self.input):
            line = self._read_terminal_line("")
            if line is None:
                break
            lines.append(line)
        return lines

    def write(self, text: str, *, end: str = "\n") -> None:
        self.output.write(text + end)
        self.output.flush()

    async def run(self) -> None:
        self.write(GREETING)
        if self.terminal:
            warm_up_in_background()
        try:
            await self._loop()
        except KeyboardInterrupt:
            self.write("")  # the shell's prompt on a line of its own

    async def _loop(self) -> None:
        while (line := await self.read_line(PROMPT)) is not None:
            lines = self.read_pasted(line)
            call = parse_command(line) if len(lines) == 1 else None
            if call is not None and call.name in {"quit", "exit"}:
                return
            try:
                reply = await self.answer_lines(lines)
            except USER_ERRORS as error:
                reply = Reply(str(error))
            except Exception:  # one failure must not end the session
                log.exception("The console could not answer %r", line)
                reply = Reply("Sorry, something went wrong; the details are in the log.")
            if reply is not None:
                self.show(reply)
        if self.terminal:
            self.write("")  # Ctrl-D: end on a new line

    async def answer_lines(self, lines: list[str]) -> Reply | None:
        if len(lines) == 1:
            reply = await self.answer(lines[0])
            if self.terminal and not self.line_editing and _was_cut(lines[0]):
                text = CUT_LINE if reply is None else f"{reply.text}\n{CUT_LINE}"
                return Reply(text, reply.page if reply else None)
            return reply
        text = "\n".join(lines).strip()
        intent = classify(text)
        if isinstance(intent, Paste):
            return await self.conversation.read_paste(intent)
        return Reply(HOW_TO_PASTE)

    async def answer(self, line: str) -> Reply | None:
        call = parse_command(line)
        own = None if call is None else _CONSOLE_RUNNERS.get(call.name)
        if call is not None and own is not None:
            return await own(self, call.args)
        return await self.conversation.respond(line, is_admin=True)

    async def _more(self, args: str) -> Reply:
        if self.last_page is None or not self.last_page.has_more:
            return Reply("There are no more answers; ask another question.")
        page = self.last_page
        if page.speaker_id is not None:  # the next claims of a /who profile
            return await self.conversation.who_page(
                page.speaker_id, offset=page.offset + page.shown
            )
        return await self.conversation.ask(page.question, offset=page.offset + PAGE_SIZE)

    async def _paste(self, args: str) -> Reply:
        text = args + "\n" + await self.read_paste() if args else await self.read_paste()
        if not text.strip():
            return Reply("Nothing was pasted.")
        return await self.conversation.read_paste(paste(text))

    async def read_paste(self) -> str:
        self.write(f"Paste the article; end it with a line holding only '{PASTE_END}'.")
        lines: list[str] = []
        while (line := await self.read_line()) is not None and line.strip() != PASTE_END:
            lines.append(line)
        return "\n".join(lines)

    def show(self, reply: Reply) -> None:
        if reply.page is not None:  # an answer to a question: the one /more continues
            self.last_page = reply.page
        self.write(reply.text)
        if reply.page is not None and reply.page.has_more:
            more = "claims" if reply.page.speaker_id is not None else "answers"
            self.write(f"(/more for more {more})")
        self.write("")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _waiting(stream: TextIO) -> bool:
    """Whether more input is ready to be read at once (the rest of a paste)."""
    try:
        ready, _, _ = select.select([stream], [], [], PASTED_WITHIN_S)
    except (OSError, ValueError, TypeError):  # no file descriptor (Windows consoles, tests)
        return False
    return bool(ready)


def _was_cut(line: str) -> bool:
    return len(line.encode("utf-8")) >= COOKED_LINE_BYTES


@contextlib.contextmanager
def _interruptible(*, at_once: bool = False) -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in the read at once. asyncio.run's own handler would
    only cancel the main task, which waits at the prompt until the next Enter.

    ``at_once`` (reading with readline): Ctrl-C ends the process as the signal's default does.
    Python's readline loop checks for signals only when its select() is interrupted, so a
    Ctrl-C that lands while it handles a key is seen only at the next key (about one in three
    times in tests/test_console_terminal.py); at a prompt nothing is left half done."""
    handler = signal.SIG_DFL if at_once else signal.default_int_handler
    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# The console's own commands (``/quit`` ends ``run``); the others are the conversation's.
_CONSOLE_RUNNERS: dict[str, Callable[[Console, str], Awaitable[Reply]]] = {
    "more": Console._more,
    "paste": Console._paste,
}


async def run_console(
    service: Service,
    *,
    input: TextIO | None = None,
    output: TextIO | None = None,
    line_editing: bool | None = None,
    web: WebLinks | None = None,
) -> None:
    """Talk to newsprov over ``input``/``output`` (the terminal by default) until /quit,
    Ctrl-D or Ctrl-C."""
    console = Console(
        service,
        input=input or sys.stdin,
        output=output or sys.stdout,
        line_editing=line_editing,
        web=web,
    )
    await console.run()
