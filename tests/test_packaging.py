"""The declared dependencies: bounded where newsprov leans on internals, and met here."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
MUST_HAVE_UPPER_BOUND = {"httpx", "httpcore", "sqlalchemy", "trafilatura", "feedparser"}


def runtime_requirements() -> dict[str, Requirement]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    return {requirement.name.lower(): requirement for requirement in requirements}


def test_the_packages_leaned_on_have_an_upper_bound() -> None:
    requirements = runtime_requirements()
    for name in MUST_HAVE_UPPER_BOUND:
        operators = {spec.operator for spec in requirements[name].specifier}
        assert operators & {"<", "<=", "==", "~="}, f"{name} has no upper bound"


def test_httpx_is_bounded_to_one_minor_version() -> None:
    specifier = runtime_requirements()["httpx"].specifier
    assert Version("0.28.1") in specifier
    assert Version("0.29.0") not in specifier


def test_installed_versions_meet_the_declared_bounds() -> None:
    for name, requirement in runtime_requirements().items():
        installed = version(name)
        assert requirement.specifier.contains(installed, prereleases=True), (name, installed)


def test_every_folder_of_the_code_ships_in_the_wheel() -> None:
    setuptools = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"]
    root = PYPROJECT.parent
    folders = {
        ".".join(folder.relative_to(root).parts)
        for top in ("bot", "store")
        for folder in [root / top, *(root / top).rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert folders | {"store.migrations", "store.migrations.versions"} == set(
        setuptools["packages"]
    )
    assert setuptools["package-dir"] == {"store.migrations": "alembic"}


def test_migrations_are_found_in_the_checkout() -> None:
    from store.db import migrations_dir

    assert migrations_dir() == PYPROJECT.parent / "alembic"
