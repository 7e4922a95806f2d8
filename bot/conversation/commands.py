"""The one list of commands: it feeds Telegram's command menu and every help text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    name: str
    usage: str  # arguments, as shown in help ("<question>")
    description: str  # short: Telegram allows 3-256 characters
    admin: bool = False  # only settings.admin_ids may run it on Telegram
    telegram: bool = True
    console: bool = True


COMMANDS: tuple[Command, ...] = (
    Command(name="start", usage="", description="What this bot does", console=False),
    Command(name="help", usage="", description="How to ask and what I understand"),
    Command(name="ask", usage="<question>", description="Ask who said, denied or claimed what"),
    Command(name="more", usage="", description="More answers to the last question", telegram=False),
    Command(name="sources", usage="", description="Recently stored articles"),
    Command(name="article", usage="<id>", description="The claims stored from one article"),
    Command(name="who", usage="<name>", description="A speaker's roles, claims and articles"),
    Command(
        name="origin",
        usage="<article id or link>",
        description="Where an article's text came from, and who repeated it",
    ),
    Command(name="stats", usage="", description="How much is stored"),
    Command(
        name="watch",
        usage="<topic>",
        description="Tell me when a new claim about a topic is stored",
        console=False,
    ),
    Command(name="watches", usage="", description="The topics you watch", console=False),
    Command(name="unwatch", usage="<n>", description="Stop watching topic n", console=False),
    Command(
        name="paste", usage="", description="Paste an article, end with a line '.'", telegram=False
    ),
    Command(name="ingest", usage="<url>", description="Read an article from a link", admin=True),
    Command(
        name="addfeed",
        usage="<url> [minutes]",
        description="Follow an RSS or Atom feed",
        admin=True,
    ),
    Command(name="feeds", usage="", description="The feeds followed", admin=True),
    Command(name="removefeed", usage="<id>", description="Stop following a feed", admin=True),
    Command(name="poll", usage="", description="Poll the feeds now", admin=True),
    Command(
        name="delete",
        usage="<article id>",
        description="Remove an article and all stored from it",
        admin=True,
    ),
    Command(name="quit", usage="", description="Leave the console", telegram=False),
)


def command_names(*, telegram: bool) -> frozenset[str]:
    return frozenset(c.name for c in COMMANDS if (c.telegram if telegram else c.console))


def find_command(name: str, *, telegram: bool) -> Command | None:
    for command in COMMANDS:
        if command.name == name and (command.telegram if telegram else command.console):
            return command
    return None


def menu(*, telegram: bool, admin: bool) -> list[Command]:
    """The commands a user of this front end may run, in the order shown to them."""
    return [
        c for c in COMMANDS if (c.telegram if telegram else c.console) and (admin or not c.admin)
    ]
