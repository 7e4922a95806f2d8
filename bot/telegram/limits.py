"""A per-user limit on how many messages the bot answers per minute."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW_S = 60.0


class UserRateLimit:
    """A sliding one-minute window per user. It lives in one process, which is the point: it
    protects this process's share of the work, and forgetting it on restart is harmless."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def allow(self, user_id: int) -> bool:
        """Count one message from ``user_id``; ``False`` when it is over the limit."""
        if self.per_minute <= 0:
            return True
        now = self._clock()
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] >= WINDOW_S:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return False
        seen.append(now)
        self._warned.discard(user_id)
        self._forget_idle(now)
        return True

    def first_refusal(self, user_id: int) -> bool:
        """``True`` once per run of refused messages, so the user is told once, not each time."""
        if user_id in self._warned:
            return False
        self._warned.add(user_id)
        return True

    def retry_in(self, user_id: int) -> int:
        """Whole seconds until ``user_id`` may send again."""
        seen = self._seen.get(user_id)
        if not seen:
            return 0
        return max(1, round(WINDOW_S - (self._clock() - seen[0])))

    def _forget_idle(self, now: float) -> None:
        if len(self._seen) > 10_000:
            for user_id in [u for u, s in self._seen.items() if not s or now - s[-1] >= WINDOW_S]:
                del self._seen[user_id]
