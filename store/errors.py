"""The store's errors: a database that cannot be used, said in one sentence with where it is.

The store depends on nothing in ``bot``; ``bot.errors`` re-exports ``StoreError`` and the
front ends show any of these as they show newsprov's own errors. ``translate`` turns what
SQLAlchemy, the drivers (sqlite3, asyncpg) and Alembic raise into one of them, or None for an
error that is not about the database being unusable (a unique constraint, a bug).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class StoreError(Exception):
    """Base of the store's errors. ``str(error)`` is fit for a user and names the database."""


class DatabaseURLError(StoreError):
    """The database URL is malformed or names a database newsprov does not support."""


class MigrationsMissingError(StoreError):
    """The Alembic scripts are not where the package keeps them (a broken install)."""


class DatabaseUnreachableError(StoreError):
    """The server cannot be reached, the login is refused, or the file cannot be opened."""


class DatabaseReadOnlyError(StoreError):
    """The database (or the folder of an SQLite file) cannot be written."""


class DatabaseFullError(StoreError):
    """The disk, or the database's own size limit, is full."""


class DatabaseCorruptError(StoreError):
    """The file is not a database, or its pages are damaged."""


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer newsprov than this one."""


# PostgreSQL SQLSTATE codes (Appendix A of its manual) and classes of them.
_PG_READ_ONLY = {"25006"}
_PG_FULL = {"53100", "53200", "54000"}
_PG_CORRUPT = {"XX001", "XX002"}
_PG_UNREACHABLE_CLASSES = ("08", "28", "3D", "57P")


_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@/]*@")


def redacted_url(url: str) -> str:
    """The URL with its password, if any, as ``***``: fit for output and logs."""
    return _PASSWORD_IN_URL.sub(r"\1***@", url)


def url_password(url: str) -> str | None:
    try:
        return make_url(url.replace("postgres://", "postgresql://", 1)).password
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        match = _PASSWORD_IN_URL.search(url)
        return match.group(0)[len(match.group(1)) : -1] if match else None


def where(url: str) -> str:
    """The database a person would recognise: an SQLite file's path, a server's host and name."""
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    except (ArgumentError, ValueError):
        return "the configured database"
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite file {parsed.database or ':memory:'}"
    host = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    return f"the PostgreSQL database {parsed.database or '(default)'} at {host}"


def translate(error: BaseException, *, url: str) -> StoreError | None:
    """The store's error for ``error`` if it says the database is unusable, else None."""
    if isinstance(error, StoreError):
        return error
    place = where(url)
    for cause in _causes(error):
        if isinstance(cause, sqlite3.Error):
            return _from_sqlite(cause, place)
        state = getattr(cause, "sqlstate", None)
        if isinstance(state, str) and state:
            found = _from_sqlstate(state, cause, place)
            if found is not None:
                return found
    for cause in _causes(error):
        if isinstance(cause, OSError):
            reason = cause.strerror or type(cause).__name__
            return DatabaseUnreachableError(f"Cannot reach {place}: {reason.lower()}.")
    return None


def _from_sqlite(error: sqlite3.Error, place: str) -> StoreError | None:
    message = str(error).lower()
    if "readonly" in message or "read-only" in message:
        return DatabaseReadOnlyError(f"Cannot write to {place}: it is read-only.")
    if "disk is full" in message or "database is full" in message:
        return DatabaseFullError(f"Cannot write to {place}: the database or disk is full.")
    if "not a database" in message or "malformed" in message:
        return DatabaseCorruptError(f"{_capital(place)} is corrupt ({message}).")
    if "unable to open" in message:
        return DatabaseUnreachableError(
            f"Cannot open {place}: check that its folder exists and can be written."
        )
    return None


def _from_sqlstate(state: str, error: BaseException, place: str) -> StoreError | None:
    detail = str(error).splitlines()[0] if str(error) else state
    if state in _PG_READ_ONLY:
        return DatabaseReadOnlyError(f"Cannot write to {place}: it is read-only ({detail}).")
    if state in _PG_FULL:
        return DatabaseFullError(f"Cannot write to {place}: it is full ({detail}).")
    if state in _PG_CORRUPT:
        return DatabaseCorruptError(f"{_capital(place)} is corrupt ({detail}).")
    if state.startswith(_PG_UNREACHABLE_CLASSES):
        return DatabaseUnreachableError(f"Cannot use {place}: {detail}.")
    return None


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it was raised from, and the driver's error SQLAlchemy wraps."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        for nxt in (orig, current.__cause__, current.__context__):
            if isinstance(nxt, BaseException):
                pending.append(nxt)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
