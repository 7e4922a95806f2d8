"""Handling updates concurrently, one chat at a time.

Updates from different chats are handled side by side, so a slow paste or a slow link from
one user does not hold up another user's question. Updates from the same chat keep their
order: an article pasted and then asked about is read before the question is answered.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# PTB takes one of its own slots per update before handing it over; waiting for a busy chat
# must not use up the slots other chats need, so PTB's bound is only a backstop on queued
# updates and the real bound is ``max_concurrent_chats``.
QUEUED_UPDATES = 1024


@dataclass
class _ChatQueue:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class ChatOrderedUpdates(BaseUpdateProcessor):
    """At most ``max_concurrent_chats`` chats handled at once; each chat's updates in order."""

    def __init__(self, max_concurrent_chats: int) -> None:
        super().__init__(QUEUED_UPDATES)
        if max_concurrent_chats < 1:
            raise ValueError("max_concurrent_chats must be at least 1")
        self.max_concurrent_chats = max_concurrent_chats
        self._running = asyncio.Semaphore(max_concurrent_chats)
        self._chats: dict[object, _ChatQueue] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        queue = self._chats.setdefault(key, _ChatQueue())
        queue.waiting += 1
        try:
            async with queue.lock, self._running:
                await coroutine
        finally:
            queue.waiting -= 1
            if queue.waiting == 0:
                del self._chats[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def chat_key(update: object) -> object:
    """The chat an update belongs to (its user when it has no chat); updates with neither
    each get a key of their own."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return ("update", id(update))
