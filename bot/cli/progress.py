"""A progress line on a terminal: ``12/40 read, 9 new · ETA 0:31``, drawn over itself and
cleared before anything else is written (nothing at all when stderr is not a terminal)."""

from __future__ import annotations

import time
from typing import TextIO

CLEAR = "\r\x1b[K"  # back to the line's start, and erase it


class Progress:
    def __init__(self, stream: TextIO, *, total: int, enabled: bool) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled
        self.started = time.monotonic()
        self.shown = False

    def update(self, done: int, new: int) -> None:
        if not self.enabled:
            return
        line = f"{done}/{self.total} read, {new} new"
        eta = self.eta(done, time.monotonic() - self.started)
        if eta is not None:
            line += f" · ETA {eta}"
        self.stream.write(CLEAR + line)
        self.stream.flush()
        self.shown = True

    def eta(self, done: int, elapsed: float) -> str | None:
        """The time left at the rate so far, as ``m:ss`` (``h:mm:ss`` past an hour)."""
        if done <= 0 or done >= self.total:
            return None
        left = round(elapsed / done * (self.total - done))
        hours, rest = divmod(left, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    def clear(self) -> None:
        """Erase the line, so that what is written next starts on a clean line."""
        if self.shown:
            self.stream.write(CLEAR)
            self.stream.flush()
            self.shown = False
