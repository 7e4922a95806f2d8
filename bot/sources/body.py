"""Pure helpers for a downloaded body: what kind of document it is, bounded decompression and
the character set. No network here; ``fetch`` uses these and so can tests, alone."""

from __future__ import annotations

import codecs
import re
import zlib
from email.message import Message

from charset_normalizer import from_bytes

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/x-atom+xml",
        "application/xml",
        "text/xml",
        "text/rss+xml",
        "text/atom+xml",
    }
)
# Types servers send when they do not know better; the body decides.
UNDECLARED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})

_KIND_NAMES = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "application/zip": "a ZIP archive",
    "application/msword": "a Word document",
}
_KIND_PREFIXES = {"image/": "an image", "video/": "a video", "audio/": "an audio file"}


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """``"text/HTML; charset=UTF-8"`` -> ``("text/html", "UTF-8")``."""
    if not header:
        return "", None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type().lower() if "/" in header else "", (
        charset if isinstance(charset, str) and charset.strip() else None
    )


def describe_type(content_type: str) -> str:
    """A few words a person understands: ``"application/pdf"`` -> ``"a PDF document"``."""
    if content_type in _KIND_NAMES:
        return _KIND_NAMES[content_type]
    for prefix, name in _KIND_PREFIXES.items():
        if content_type.startswith(prefix):
            return name
    return f"a file of type {content_type}"


def sniff_type(body: bytes) -> str:
    """The type the first bytes suggest, for a body served without a useful Content-Type."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return "application/pdf"
    if head.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "image/unknown"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "application/xml"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    if b"\x00" in head:
        return "application/octet-stream"
    return "text/plain"


class TooLarge(Exception):
    """Internal: the decoded body passed the size cap."""


class UnsupportedEncoding(Exception):
    """Internal: a Content-Encoding newsprov did not ask for and does not decode."""


class BoundedDecoder:
    """Undo gzip or deflate transfer compression while counting decoded bytes, so a
    compression bomb stops at ``limit`` instead of filling memory."""

    def __init__(self, content_encoding: str | None, *, limit: int) -> None:
        encoding = (content_encoding or "identity").strip().lower()
        if encoding in {"gzip", "x-gzip", "deflate"}:
            # 32 + MAX_WBITS: accept a zlib or a gzip header, whichever comes.
            self._inflater: zlib._Decompress | None = zlib.decompressobj(32 + zlib.MAX_WBITS)
        elif encoding in {"identity", ""}:
            self._inflater = None
        else:
            raise UnsupportedEncoding(encoding)
        self._limit = limit
        self.size = 0

    def feed(self, data: bytes) -> bytes:
        room = self._limit - self.size
        # Ask for one byte more than there is room for: getting it proves the body too big.
        inflater = self._inflater
        decoded = data if inflater is None else inflater.decompress(data, room + 1)
        self.size += len(decoded)
        if self.size > self._limit:
            raise TooLarge
        return decoded

    def flush(self) -> bytes:
        if self._inflater is None:
            return b""
        return self.feed(b"")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def declared_charsets(body: bytes, *, header_charset: str | None) -> list[str]:
    """Charsets the body claims, strongest first: byte-order mark, HTTP header, then
    ``<meta charset>`` or the XML declaration."""
    found: list[str] = [name for bom, name in _BOMS if body.startswith(bom)][:1]
    if header_charset:
        found.append(header_charset.strip().strip("\"'"))
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            found.append(match.group(1).decode("ascii"))
    return found


def decode_text(body: bytes, *, header_charset: str | None = None) -> str:
    """The body as text. Each declared charset is tried strictly, in order; a missing or wrong
    declaration falls through to detection, and the last resort is UTF-8 with replacement."""
    for charset in declared_charsets(body, header_charset=header_charset):
        try:
            return body.decode(_python_codec(charset))
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    detected = detect_charset(body)
    if detected is not None:
        try:
            return body.decode(detected)
        except (LookupError, UnicodeDecodeError):
            pass
    return body.decode("utf-8", errors="replace")


def detect_charset(body: bytes) -> str | None:
    """charset-normalizer's guess, except that windows-1252 wins a tie: Western single-byte
    code pages decode the same bytes equally cleanly, and 1252 is what unlabelled Western
    pages are written in (browsers default to it for the same reason)."""
    matches = list(from_bytes(body[:200_000]))
    if not matches:
        return None
    best = min(match.chaos for match in matches)
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best:
            return "cp1252"
    return str(matches[0].encoding)


def _python_codec(charset: str) -> str:
    # What browsers do (WHATWG Encoding): a page labelled Latin-1 is read as windows-1252.
    name = codecs.lookup(charset).name
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name
