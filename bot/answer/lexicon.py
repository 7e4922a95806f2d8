"""What words in a question mean: stances and event words. Data, not code."""

from __future__ import annotations

from bot.extract.model import Stance

# Word forms (lower case) that ask about a stance. Multi-word entries are matched as phrases.
STANCE_WORDS: dict[Stance, tuple[str, ...]] = {
    Stance.DENY: (
        "deny",
        "denies",
        "denied",
        "denying",
        "denial",
        "reject",
        "rejects",
        "rejected",
        "dismiss",
        "dismissed",
        "dismisses",
        "refute",
        "refuted",
        "refutes",
        "rebut",
        "rebutted",
        "disputed",
        "dispute",
        "disputes",
        "not behind",
        "not responsible",
        "contradicted",
    ),
    Stance.ACCUSE: (
        "blame",
        "blamed",
        "blames",
        "blaming",
        "accuse",
        "accused",
        "accuses",
        "accusing",
        "accusation",
        "point the finger",
        "pointed the finger",
        "pointed to",
        "point to",
        "hold responsible",
        "held responsible",
        "holds responsible",
        "alleged",
        "allege",
        "alleges",
        "condemned",
        "condemn",
        "criticised",
        "criticized",
        "criticise",
        "criticize",
    ),
    Stance.CLAIM: (
        "claim",
        "claimed",
        "claims",
        "claiming",
        "take credit",
        "took credit",
        "claim responsibility",
        "claimed responsibility",
        "carried out",
        "assert",
        "asserted",
        "insisted",
        "insist",
        "maintained",
        "contended",
    ),
    Stance.CONFIRM: (
        "confirm",
        "confirmed",
        "confirms",
        "admit",
        "admitted",
        "admits",
        "acknowledge",
        "acknowledged",
        "acknowledges",
        "conceded",
        "concede",
        "verified",
    ),
    Stance.ANNOUNCE: (
        "announce",
        "announced",
        "announces",
        "announcement",
        "declared",
        "declare",
        "unveiled",
        "launched",
        "revealed",
        "disclosed",
    ),
    Stance.WARN: ("warn", "warned", "warns", "warning", "cautioned", "caution"),
    Stance.DEMAND: (
        "demand",
        "demanded",
        "demands",
        "call for",
        "called for",
        "calls for",
        "urge",
        "urged",
        "urges",
        "ask for",
        "asked for",
        "appealed",
        "pressed",
    ),
    Stance.BELIEVE: (
        "believe",
        "believed",
        "believes",
        "think",
        "thinks",
        "thought",
        "suspect",
        "suspected",
        "suspects",
        "expect",
        "expected",
        "expects",
        "fear",
        "feared",
        "fears",
        "hope",
        "hoped",
        "hopes",
    ),
    Stance.REPORT: ("report", "reported", "reports", "reporting"),
    Stance.SAY: (
        "say",
        "said",
        "says",
        "saying",
        "tell",
        "told",
        "tells",
        "state",
        "stated",
        "states",
        "statement",
        "comment",
        "commented",
        "describe",
        "described",
        "explain",
        "explained",
        "indicated",
        "noted",
        "added",
        "mention",
        "mentioned",
    ),
}

# Stances that answer a question about another stance without contradicting it.
COMPATIBLE_STANCES: dict[Stance, frozenset[Stance]] = {
    Stance.DENY: frozenset({Stance.DENY}),
    Stance.ACCUSE: frozenset({Stance.ACCUSE, Stance.CLAIM, Stance.SAY, Stance.BELIEVE}),
    Stance.CLAIM: frozenset({Stance.CLAIM, Stance.SAY, Stance.ANNOUNCE, Stance.ACCUSE}),
    Stance.CONFIRM: frozenset({Stance.CONFIRM, Stance.SAY, Stance.ANNOUNCE}),
    Stance.ANNOUNCE: frozenset({Stance.ANNOUNCE, Stance.SAY, Stance.CONFIRM}),
    Stance.WARN: frozenset({Stance.WARN, Stance.SAY}),
    Stance.DEMAND: frozenset({Stance.DEMAND, Stance.SAY, Stance.WARN}),
    Stance.BELIEVE: frozenset({Stance.BELIEVE, Stance.SAY, Stance.CLAIM}),
    Stance.REPORT: frozenset({Stance.REPORT, Stance.SAY, Stance.ANNOUNCE, Stance.CLAIM}),
    Stance.SAY: frozenset(Stance),
}

# Stances that oppose each other: a question about one is never answered with the other.
OPPOSED_STANCES: dict[Stance, frozenset[Stance]] = {
    Stance.DENY: frozenset({Stance.ACCUSE, Stance.CLAIM, Stance.CONFIRM}),
    Stance.ACCUSE: frozenset({Stance.DENY}),
    Stance.CLAIM: frozenset({Stance.DENY}),
    Stance.CONFIRM: frozenset({Stance.DENY}),
}

# Words people use for the same kind of event; any one finds the others.
EVENT_WORD_GROUPS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "strike",
            "strikes",
            "bombing",
            "bombings",
            "bomb",
            "bombed",
            "attack",
            "attacks",
            "attacked",
            "raid",
            "raids",
            "airstrike",
            "airstrikes",
            "air strike",
            "shelling",
            "shelled",
            "assault",
        }
    ),
    frozenset(
        {
            "killing",
            "killed",
            "kill",
            "killings",
            "death",
            "deaths",
            "dead",
            "died",
            "die",
            "fatalities",
            "murder",
            "murdered",
        }
    ),
    frozenset({"explosion", "blast", "explosions", "blasts", "exploded", "detonation"}),
    frozenset({"election", "elections", "vote", "votes", "ballot", "poll", "polls"}),
    frozenset({"ban", "bans", "banned", "prohibit", "prohibited", "prohibition"}),
    frozenset(
        {"protest", "protests", "protesters", "demonstration", "demonstrations", "rally", "rallies"}
    ),
    frozenset({"arrest", "arrested", "arrests", "detained", "detention", "custody"}),
    frozenset({"crash", "crashed", "collision", "collided", "accident"}),
)

QUESTION_WORDS: dict[str, str] = {
    "who": "who",
    "whom": "who",
    "whose": "who",
    "which": "who",
    "what": "what",
    "how": "what",
    "why": "what",
    "when": "when",
    "where": "where",
    "did": "did",
    "does": "did",
    "do": "did",
    "is": "did",
    "was": "did",
    "were": "did",
    "are": "did",
    "has": "did",
    "have": "did",
    "had": "did",
    "can": "did",
    "could": "did",
}

_STOPWORD_TEXT = """
    a an the of in on at to for from by with about into
    over after before during and or but not no nor so than that this
    these those it its it's is was were be been being are am do
    does did done has have had having i me my we our you your
    he him his she her they them their there here what which who whom
    whose when where why how any all some such s t can could will
    would shall should may might must also just only very more most other than
    then as if up out off again further once both each few own same
    too anyone someone somebody anybody person people one ones thing things true really tell
    told me us please news article according under above below between against among within
    without
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
