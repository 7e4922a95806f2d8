"""A strict reader of Telegram's HTML parse mode, as the Bot API applies it to message text.

It accepts only the tags and entities Telegram documents and refuses the rest the way
Telegram does ("Can't parse entities: ..."), returning the text a user would see.
"""

from __future__ import annotations

import re

ALLOWED_TAGS = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "span": {"class"},
    "tg-spoiler": set(),
    "a": {"href"},
    "tg-emoji": {"emoji-id"},
    "code": {"class"},
    "pre": set(),
    "blockquote": {"expandable"},
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9-]*)"
    r"(?P<attrs>(?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"']+)))?")
_ENTITY = re.compile(r"&(?:#(?P<dec>[0-9]+)|#x(?P<hex>[0-9a-fA-F]+)|(?P<name>[a-zA-Z]+));")


class EntityError(ValueError):
    """The text is not valid Telegram HTML; ``str(error)`` is Telegram's kind of description."""


def _refuse(problem: str, position: int | None = None) -> EntityError:
    where = "" if position is None else f" at byte offset {position}"
    return EntityError(f"Can't parse entities: {problem}{where}")


def parse_html(text: str) -> str:
    """The visible text of ``text`` in Telegram's HTML parse mode, or :class:`EntityError`."""
    visible: list[str] = []
    open_tags: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "<":
            match = _TAG.match(text, position)
            if match is None:
                raise _refuse("unsupported start tag", position)
            name = match.group("name").lower()
            if name not in ALLOWED_TAGS:
                raise _refuse(f'unsupported start tag "{name}"', position)
            if match.group("close"):
                if not open_tags or open_tags[-1] != name:
                    raise _refuse(f'unmatched end tag "{name}"', position)
                open_tags.pop()
            else:
                _check_attributes(name, match.group("attrs"), position)
                open_tags.append(name)
            position = match.end()
        elif char == "&":
            match = _ENTITY.match(text, position)
            if match is None:
                raise _refuse("unexpected &", position)
            if match.group("name") is not None:
                if match.group("name") not in NAMED_ENTITIES:
                    raise _refuse("unsupported entity", position)
                visible.append(NAMED_ENTITIES[match.group("name")])
            else:
                code = (
                    int(match.group("dec")) if match.group("dec") else int(match.group("hex"), 16)
                )
                visible.append(chr(code))
            position = match.end()
        elif char == ">":
            raise _refuse("unexpected >", position)
        else:
            visible.append(char)
            position += 1
    if open_tags:
        raise _refuse(f'can\'t find end tag corresponding to start tag "{open_tags[-1]}"')
    return "".join(visible)


def _check_attributes(name: str, attrs: str, position: int) -> None:
    allowed = ALLOWED_TAGS[name]
    found = {}
    for match in _ATTR.finditer(attrs):
        attribute = match.group(1).lower()
        if attribute not in allowed:
            raise _refuse(f"unsupported attribute {attribute!r}", position)
        found[attribute] = next((g for g in match.groups()[1:] if g is not None), "")
    if name == "a" and not found.get("href"):
        raise _refuse("a link without href", position)
    if name == "span" and found.get("class") != "tg-spoiler":
        raise _refuse("unsupported span", position)
