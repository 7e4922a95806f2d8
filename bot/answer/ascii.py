"""Text in ASCII for reading questions and claims: the same folding as speaker keys."""

from __future__ import annotations

from bot.folding import to_ascii

__all__ = ["to_ascii"]
