"""Fitting values from the outside world to their columns before they reach SQL.

PostgreSQL refuses a string longer than its ``VARCHAR(n)`` (SQLite stores it anyway) and
any text with a NUL character (SQLite stores that too). Both are cut here, with the sizes
read from the models so that they follow any migration that changes them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute

TITLE_MAX = 500  # article and feed titles (TEXT columns): a title longer than this is cut
OUTLET_MAX = 300  # as articles.outlet
LARGEST_ID = 2**63 - 1  # the largest id (BIGINT) either database stores


def is_storable_id(number: int) -> bool:
    """Whether ``number`` can be an id at all: a larger one overflows the database driver."""
    return 0 < number <= LARGEST_ID


def column_size(column: InstrumentedAttribute[Any]) -> int | None:
    """The declared length of a string column, ``None`` for TEXT."""
    kind = column.property.columns[0].type
    return kind.length if isinstance(kind, String) else None


def no_nul(value: str) -> str:
    return value.replace("\x00", "") if "\x00" in value else value


def clipped(value: str | None, column: InstrumentedAttribute[Any]) -> str | None:
    """``value`` without NULs, cut to the column's size (an ellipsis marks the cut)."""
    if value is None:
        return None
    return cut(no_nul(value), column_size(column))


def fitting_or_none(value: str | None, column: InstrumentedAttribute[Any]) -> str | None:
    """``value`` without NULs if it fits the column whole, else ``None``: for keys and
    validators (a URL, an ETag) that mean nothing once cut."""
    if value is None:
        return None
    value = no_nul(value)
    size = column_size(column)
    return value if size is None or len(value) <= size else None


def cut(value: str, size: int | None) -> str:
    if size is None or len(value) <= size:
        return value
    return value[: size - 1].rstrip() + "…"


def clean_json(value: Any) -> Any:
    """A JSON value with NULs taken out of every string in it."""
    if isinstance(value, str):
        return no_nul(value)
    if isinstance(value, dict):
        return {no_nul(str(key)): clean_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(item) for item in value]
    return value
