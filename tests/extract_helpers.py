"""Shared pieces for the extraction tests: one loaded pipeline per session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.extract.pipeline import Extractor, load_extractor

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@cache
def extractor() -> Extractor:
    return load_extractor()
