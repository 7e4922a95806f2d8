"""``newsprov chat``: the conversation of the Telegram bot, in a terminal, as plain text."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

from bot.conversation import PLAIN, Conversation, Page, Reply
from bot.conversation.classify import parse_command, paste
from bot.conversation.dialogue import PAGE_SIZE
from bot.conversation.service import Service
from bot.conversation.web_links import WebLinks
from bot.errors import USER_ERRORS

log = logging.getLogger(__name__)
PROMPT = "newsprov> "
PASTE_END = "."
GREETING = (
    "newsprov chat: ask who said, denied or claimed what; paste a link; /paste an article; "
    "/help lists the rest; /quit leaves."
)


class Console:
    """One person at a terminal: the only state is the last answer page, for /more."""

    def __init__(
        self, service: Service, *, input: TextIO, output: TextIO, web: WebLinks | None = None
    ) -> None:
        self.conversation = Conversation(service, style=PLAIN, telegram=False, web=web)
        self.input = input
        self.output = output
        self.last_page: Page | None = None

    async def read_line(self, prompt: str = "") -> str | None:
        if prompt:
            self.write(prompt, end="")
        line = await asyncio.to_thread(self.input.readline)
        return None if line == "" else line.rstrip("\r\n")

    def write(self, text: str, *, end: str = "\n") -> None:
        self.output.write(text + end)
        self.output.flush()

    async def run(self) -> None:
        self.write(GREETING)
        while (line := await self.read_line(PROMPT)) is not None:
            call = parse_command(line)
            if call is not None and call.name in {"quit", "exit"}:
                break
            try:
                reply = await self.answer(line)
            except USER_ERRORS as error:
                reply = Reply(str(error))
            except Exception:  # one failure must not end the session
                log.exception("The console could not answer %r", line)
                reply = Reply("Sorry, something went wrong; the details are in the log.")
            if reply is not None:
                self.show(reply)

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
            self.write("(/more for more answers)")
        self.write("")


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
    web: WebLinks | None = None,
) -> None:
    """Talk to newsprov over ``input``/``output`` (the terminal by default) until /quit or EOF."""
    console = Console(service, input=input or sys.stdin, output=output or sys.stdout, web=web)
    await console.run()
