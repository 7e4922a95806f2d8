"""Check the licences of newsprov's run-time dependencies (newsprov is MIT).

Walks the installed distributions reachable from newsprov's own requirements (extras
followed, environment markers evaluated, the dev extra left out) and reads each one's
licence from its metadata: License-Expression, else the License classifiers, else the
License field. A distribution whose every licence choice is GPL, AGPL or LGPL fails the
check unless ALLOWED names it with the reason; so does one with no licence information.
Run with the project's virtualenv: ``.venv/bin/python .ci/licences.py``.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import Distribution, PackageNotFoundError, distribution

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ALLOWED = {
    "python-telegram-bot": (
        "LGPL-3.0-only: used as an unmodified library, imported and not copied, which the "
        "LGPL permits in an MIT program; a user can replace it with their own build."
    ),
    # procrastinate's driver, its C build with libpq, and its connection pool: the same case.
    "psycopg": (
        "LGPL-3.0-only: used as an unmodified library, imported by procrastinate and not "
        "copied, which the LGPL permits in an MIT program; a user can replace it."
    ),
    "psycopg-binary": (
        "LGPL-3.0-only: psycopg's C optimisation (with libpq, PostgreSQL licence), loaded "
        "unmodified by psycopg; a user can replace it with their own build."
    ),
    "psycopg-pool": (
        "LGPL-3.0-only: psycopg's connection pool, used unmodified by procrastinate and not "
        "copied; a user can replace it."
    ),
}
_COPYLEFT = re.compile(r"\b(A|L)?GPL\b|GNU (Affero |Lesser |Library )?General Public", re.I)


def licence_choices(dist: Distribution) -> list[str]:
    """The licences a user may pick from: each entry is one choice (its terms all apply)."""
    metadata = dist.metadata
    expression = metadata.get("License-Expression")
    if expression:
        return [choice.strip(" ()") for choice in re.split(r"\bOR\b", expression)]
    classifiers = [
        c.split("::")[-1].strip()
        for c in metadata.get_all("Classifier") or []
        if c.startswith("License ::") and c.strip() != "License :: OSI Approved"
    ]
    if classifiers:
        return classifiers  # several licence classifiers: the package is offered under each
    text = (metadata.get("License") or "").strip()
    return [text.splitlines()[0]] if text else []


def is_copyleft(choice: str) -> bool:
    return bool(_COPYLEFT.search(choice))


def runtime_distributions(root: str = "newsprov") -> dict[str, Distribution]:
    """Every installed distribution reachable from ``root``'s requirements, by name."""
    found: dict[str, Distribution] = {}
    pending: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, extras = pending.pop()
        key = (canonicalize_name(name), extras)
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            raise SystemExit(f"licences: {name} is required but not installed") from None
        found[canonicalize_name(name)] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is not None and not any(
                requirement.marker.evaluate({**default_environment(), "extra": extra})
                for extra in extras or {""}
            ):
                continue
            pending.append((requirement.name, frozenset(requirement.extras)))
    del found[canonicalize_name(root)]
    return found


def main() -> int:
    problems: list[str] = []
    dists = runtime_distributions()
    for name, dist in sorted(dists.items()):
        choices = licence_choices(dist)
        if name in ALLOWED:
            continue
        if not choices:
            problems.append(f"{name} {dist.version}: no licence in its metadata")
        elif all(is_copyleft(choice) for choice in choices):
            problems.append(f"{name} {dist.version}: {' OR '.join(choices)}")
    for problem in problems:
        print(f"licences: not allowed at run time: {problem}", file=sys.stderr)
    if problems:
        print(
            "licences: replace it, or add it to ALLOWED in .ci/licences.py with the reason.",
            file=sys.stderr,
        )
        return 1
    print(f"licences: {len(dists)} run-time distributions, none GPL-only ({len(ALLOWED)} allowed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
