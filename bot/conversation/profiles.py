"""``/who NAME`` replies: a speaker's profile (names, roles, claims newest first a page at a
time, the articles quoting them), the speakers a name may mean, or a sentence saying none."""

from __future__ import annotations

from collections.abc import Sequence

from bot.conversation.render import Where, plural, render_answers, render_article
from bot.conversation.service import ChoiceResult, ProfileResult, WhoFound
from bot.conversation.style import Style
from bot.conversation.web_links import OPEN_LABEL, WebLinks

_SOURCES: dict[str, str] = {
    "telegram": "tap /sources for the articles I have read",
    "console": "type /sources for the articles I have read",
    "cli": "run newsprov sources for the articles stored",
}
_CHOOSE: dict[str, str] = {
    "telegram": "Tap one, or send /who with more of the name.",
    "console": "Type /who #N with the number after the name, or /who with more of the name.",
    "cli": "Run newsprov who '#N' with the number after the name, or give more of the name.",
}


def render_who(found: WhoFound, style: Style, *, where: Where, web: WebLinks | None = None) -> str:
    if found.profile is not None:
        return render_profile(found.profile, style, web=web)
    if found.choices:
        return render_choices(found.name, found.choices, style, where=where)
    return render_nobody(found.name, style, where=where)


def render_nobody(name: str, style: Style, *, where: Where) -> str:
    return style.text(
        f"I know no speaker called “{name}”. Try the surname alone or another spelling, "
        f"or {_SOURCES[where]}."
    )


def render_choices(
    name: str, choices: Sequence[ChoiceResult], style: Style, *, where: Where
) -> str:
    lines = [style.bold(f"Several speakers match “{name}”:")]
    for number, choice in enumerate(choices, start=1):
        line = f"{number}. {style.bold(choice.name)} (#{choice.speaker_id})"
        if choice.roles:
            line += style.text(", " + "; ".join(choice.roles))
        line += style.text(f": {plural(choice.claims, 'claim')}")
        lines.append(line)
    lines.append(style.text(_CHOOSE[where]))
    return "\n".join(lines)


def choice_label(choice: ChoiceResult) -> str:
    """A choice's button: its name and what tells it apart."""
    label = f"{choice.name} (#{choice.speaker_id})"
    if choice.roles:
        label += f", {choice.roles[0]}"
    return label[:60]


def render_profile(profile: ProfileResult, style: Style, *, web: WebLinks | None = None) -> str:
    """The profile with the page of claims it holds; the first page also says who the
    speaker is and lists the articles."""
    first, last = profile.offset + 1, profile.offset + len(profile.claims)
    if profile.offset:
        head = style.bold(profile.name) + style.text(
            f": claims {first}–{last} of {profile.total_claims}, newest first"
        )
        return "\n\n".join([head, *_claims(profile, style, web)])
    about = [style.bold(profile.name)]
    if profile.roles:
        about.append(style.text("Roles: " + "; ".join(role for role, _ in profile.roles[:6])))
    if profile.aliases:
        about.append(style.text("Also written: " + "; ".join(profile.aliases[:6])))
    count = (
        f"{plural(profile.total_claims, 'claim')} in {plural(profile.total_articles, 'article')}"
    )
    if profile.has_more:
        count += f"; the newest {len(profile.claims)}:"
    elif profile.claims:
        count += ", newest first:"
    about.append(style.text(count))
    if web is not None:
        about.append(style.link(OPEN_LABEL, web.speaker(profile.speaker_id)))
    paragraphs = ["\n".join(about), *_claims(profile, style, web)]
    if profile.articles:
        articles = [style.bold("Articles")]
        articles += [
            f"• {render_article(one.article, style, web)}"
            + style.text(f" ({plural(one.claims, 'claim')})")
            for one in profile.articles
        ]
        if profile.total_articles > len(profile.articles):
            articles.append(
                style.text(f"and {profile.total_articles - len(profile.articles)} more")
            )
        paragraphs.append("\n".join(articles))
    return "\n\n".join(paragraphs)


def _claims(profile: ProfileResult, style: Style, web: WebLinks | None) -> list[str]:
    numbered = list(enumerate(profile.claims, start=profile.offset + 1))
    return render_answers(numbered, style, web=web)
