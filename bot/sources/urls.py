"""Links: the one canonical form an article's URL is stored under, and links found in a message."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which page they read.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "ocid",
        "s_cid",
        "smid",
        "spm",
        "_ga",
        "_gl",
        "__twitter_impression",
    }
)
TRACKING_PREFIXES = ("utm_", "wt_", "pk_", "at_", "hsa_")

_DEFAULT_PORTS = {"http": 80, "https": 443}

_LINK = re.compile(r"https?://[^\s<>\"'`«»“”‘’]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"*"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no
    credentials, no tracking parameters, the remaining query sorted.

    >>> canonical_url("HTTPS://Example.COM:443/a/B?utm_source=x&b=2&a=1#top")
    'https://example.com/a/B?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    with contextlib.suppress(UnicodeError):  # a host IDNA rejects stays as it was written
        host = host.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(name)
    )
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def find_links(text: str) -> list[str]:
    """The http(s) links in a message, in order, each once, without the sentence's punctuation."""
    links: list[str] = []
    for match in _LINK.finditer(text):
        link = _trim(match.group(0))
        if urlsplit(link).hostname and link not in links:
            links.append(link)
    return links


def _trim(link: str) -> str:
    """Drop punctuation that ends the sentence rather than the link; keep balanced brackets,
    as in ``https://en.wikipedia.org/wiki/Example_(disambiguation)``."""
    while link:
        last = link[-1]
        unbalanced = last in _CLOSERS and link.count(last) > link.count(_CLOSERS[last])
        if last in _TRAILING or unbalanced:
            link = link[:-1]
        else:
            break
    return link
