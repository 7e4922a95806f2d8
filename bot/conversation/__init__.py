"""The conversation shared by the Telegram bot and the console."""

from bot.conversation.dialogue import Conversation, Page, Reply
from bot.conversation.style import HTML, PLAIN

__all__ = ["HTML", "PLAIN", "Conversation", "Page", "Reply"]
