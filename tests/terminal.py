"""A real program on a real pseudo-terminal: type into it, read what it shows, like pexpect."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import subprocess
import termios
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


def _take_terminal() -> None:
    """In the child, in its new session: the pty becomes its controlling terminal, so that
    Ctrl-C and Ctrl-D typed into it act as at a real terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, command: list[str], *, env: dict[str, str], cwd: Path) -> None:
        leader, follower = pty.openpty()
        self.fd = leader
        self.process = subprocess.Popen(
            command,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env={**env, "TERM": "dumb", "COLUMNS": "200", "LINES": "50"},
            cwd=cwd,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(follower)
        self.seen = ""
        self.raw = ""  # as shown, escape sequences and carriage returns included

    def type(self, text: str) -> None:
        data = text.encode("utf-8")
        while data:
            _, writable, _ = select.select([], [self.fd], [], 5)
            if not writable:
                raise AssertionError("the terminal takes no more input")
            written = os.write(self.fd, data[:1024])
            data = data[written:]

    def read(self, timeout: float = 0.1) -> str:
        chunks = []
        while True:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the program ended and the pty closed
                break
            if not chunk:
                break
            chunks.append(chunk.decode("utf-8", "replace"))
            timeout = 0.05
        self.raw += "".join(chunks)
        text = ANSI.sub("", "".join(chunks))
        self.seen += text
        return text

    def expect(self, wanted: str, *, within: float = 60.0) -> str:
        """Wait until ``wanted`` has been shown; everything shown so far."""
        deadline = time.monotonic() + within
        while wanted not in self.seen:
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted!r} never shown; the terminal shows:\n{self.seen}")
            self.read(0.2)
        return self.seen

    def wait(self, within: float = 10.0) -> int:
        deadline = time.monotonic() + within
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        self.read(0.1)
        code = self.process.poll()
        if code is None:
            self.process.kill()
            raise AssertionError(f"still running after {within}s; it shows:\n{self.seen}")
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.fd)
