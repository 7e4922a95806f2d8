"""Articles from local files: .txt, .html, .jsonl and .csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.errors import SourceError
from bot.sources.draft import ArticleDraft, Origin
from bot.sources.urls import canonical_url

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")
MAX_FILE_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class Loaded:
    """One article read from a source, or the reason it could not be read."""

    label: str  # "file.jsonl:3" — where it came from, for reports
    draft: ArticleDraft | None = None
    error: SourceError | None = None


def read_text_file(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SourceError(f"{path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB.")
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise SourceError(f"{path} is a folder, not a file.") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path.name} is not UTF-8 text.") from None
    except OSError as exc:
        raise SourceError(f"{path} cannot be read: {exc.strerror}.") from exc


def draft_from_plain_text(
    text: str, *, origin: Origin, title: str | None = None, **details: Any
) -> ArticleDraft:
    """A pasted or plain-text article: the first non-empty line is its title unless given."""
    if not text.strip():
        raise SourceError("The text is empty.")
    if title is None:
        first_line = next(line.strip() for line in text.splitlines() if line.strip())
        title = first_line[:300]
    return ArticleDraft(title=title, text=text, origin=origin, **details)


def parse_published(value: object) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


RECORD_FIELDS = ("title", "text", "url", "outlet", "author", "published", "date")


def _field(record: Mapping[str, Any], name: str) -> str:
    """A record's field as text; a list, object or number where text belongs is refused
    rather than stored as its Python spelling ("['a', 'b']")."""
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        kind = {list: "a list", dict: "an object", bool: "true/false"}.get(type(value), "a number")
        raise SourceError(f"The field {name!r} must be text, not {kind}.")
    return value


def draft_from_record(record: Mapping[str, Any], *, origin_detail: dict[str, Any]) -> ArticleDraft:
    """A JSON line or CSV row with ``title``, ``text`` and optional ``url``, ``published``..."""
    fields = {name: _field(record, name) for name in RECORD_FIELDS}
    title = fields["title"].strip()
    text = fields["text"]
    if not title or not text.strip():
        raise SourceError("A record needs both a title and a text.")
    url = fields["url"].strip() or None
    return ArticleDraft(
        title=title,
        text=text,
        origin=Origin.FILE,
        url=canonical_url(url) if url else None,
        outlet=fields["outlet"].strip() or None,
        published=parse_published(fields["published"] or fields["date"]),
        author=fields["author"].strip() or None,
        origin_detail=origin_detail,
    )


def load_file(path: Path) -> Iterator[Loaded]:
    """Every article in the file, or one error saying why the file cannot be read."""
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise SourceError(
                f"{path.name}: unsupported file type (use {', '.join(SUPPORTED_SUFFIXES)})."
            )
        if suffix in (".html", ".htm"):
            from bot.sources.webpage import html_file_to_draft

            yield Loaded(str(path), draft=html_file_to_draft(path))
            return
        text = read_text_file(path)
    except SourceError as error:
        yield Loaded(str(path), error=error)
        return
    if suffix == ".txt":
        try:
            yield Loaded(
                str(path),
                draft=draft_from_plain_text(
                    text, origin=Origin.FILE, origin_detail={"path": str(path)}
                ),
            )
        except SourceError as error:
            yield Loaded(str(path), error=error)
    elif suffix == ".jsonl":
        yield from _load_jsonl(path, text)
    else:
        yield from _load_csv(path, text)


def _load_jsonl(path: Path, text: str) -> Iterator[Loaded]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{path}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise SourceError("A line must hold a JSON object.")
            detail = {"path": str(path), "line": number}
            yield Loaded(label, draft=draft_from_record(record, origin_detail=detail))
        except json.JSONDecodeError as exc:
            yield Loaded(label, error=SourceError(f"Line {number} is not JSON: {exc.msg}."))
        except RecursionError:
            yield Loaded(label, error=SourceError(f"Line {number} is nested too deeply to read."))
        except ValueError as exc:  # e.g. a number with more digits than Python converts
            yield Loaded(label, error=SourceError(f"Line {number} cannot be read: {exc}."))
        except SourceError as error:
            yield Loaded(label, error=error)


def _load_csv(path: Path, text: str) -> Iterator[Loaded]:
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for record in reader:
        number = reader.line_num
        label = f"{path}:{number}"
        try:
            detail = {"path": str(path), "line": number}
            yield Loaded(label, draft=draft_from_record(record, origin_detail=detail))
        except SourceError as error:
            yield Loaded(label, error=error)
