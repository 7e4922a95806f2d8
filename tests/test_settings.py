from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.extract.bounds import ExtractionBudget
from bot.settings import (
    DEFAULT_DATABASE_URL,
    SEMANTIC_AUTO_MAX_VECTORS,
    Settings,
    parse_admin_ids,
)


def test_defaults_without_environment() -> None:
    settings = Settings.from_mapping({})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.telegram_token is None
    assert settings.allow_private_networks is False
    assert settings.admin_ids == frozenset()


def test_env_file_is_overridden_by_environment(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "NEWSPROV_DATABASE_URL=sqlite:///from-file.db\nTELEGRAM_BOT_TOKEN=123:abc\n"
        "NEWSPROV_ADMIN_IDS=1, 2\n"
    )
    settings = Settings.load(
        environ={"NEWSPROV_DATABASE_URL": "sqlite:///from-env.db"}, env_file=env_file
    )
    assert settings.database_url == "sqlite:///from-env.db"
    assert settings.telegram_token == "123:abc"
    assert settings.admin_ids == {1, 2}


def test_cli_database_overrides() -> None:
    settings = Settings.from_mapping({}).with_database("sqlite:///other.db")
    assert settings.database_url == "sqlite:///other.db"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSPROV_ADMIN_IDS", "12,abc"),
        ("NEWSPROV_FETCH_TIMEOUT", "soon"),
        ("NEWSPROV_ALLOW_PRIVATE_NETWORKS", "maybe"),
        ("NEWSPROV_LOG_LEVEL", "loud"),
        ("NEWSPROV_MAX_ARTICLE_CHARS", "1000001"),  # over spaCy's limit (E088)
        ("NEWSPROV_MAX_ARTICLE_CHARS", "0"),
        ("NEWSPROV_EXTRACT_MAX_TOKENS", "-5"),
        ("NEWSPROV_EXTRACT_MAX_SECONDS", "nan"),
        ("NEWSPROV_CONCURRENT_CHATS", "0"),
    ],
)
def test_malformed_settings_name_the_setting(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_mapping({name: value})


def test_the_extraction_budget_is_read() -> None:
    settings = Settings.from_mapping(
        {"NEWSPROV_MAX_ARTICLE_CHARS": "5000", "NEWSPROV_EXTRACT_MAX_SECONDS": "2.5"}
    )
    assert settings.extraction_budget == ExtractionBudget(max_chars=5000, max_seconds=2.5)


def test_admin_ids_accept_semicolons_and_blanks() -> None:
    assert parse_admin_ids(" 5; 7,,") == {5, 7}


@pytest.mark.parametrize(
    ("raw", "mode"),
    [
        (None, "auto"),
        ("auto", "auto"),
        (" AUTO ", "auto"),
        ("true", "on"),
        ("1", "on"),
        ("on", "on"),
        ("false", "off"),
        ("0", "off"),
        ("no", "off"),
    ],
)
def test_the_semantic_setting_is_auto_unless_forced(raw: str | None, mode: str) -> None:
    values = {} if raw is None else {"NEWSPROV_SEMANTIC": raw}
    assert Settings.from_mapping(values).semantic == mode


def test_a_malformed_semantic_setting_names_it() -> None:
    with pytest.raises(ConfigError, match="NEWSPROV_SEMANTIC must be auto, true or false"):
        Settings.from_mapping({"NEWSPROV_SEMANTIC": "sometimes"})


def test_auto_answers_in_meaning_up_to_its_limit_and_stores_vectors() -> None:
    auto = Settings.from_mapping({"NEWSPROV_SEMANTIC_AUTO_MAX_VECTORS": "10"})
    assert auto.semantic_auto_max_vectors == 10 and auto.stores_vectors
    assert auto.answers_in_meaning(0) and auto.answers_in_meaning(10)
    assert not auto.answers_in_meaning(11)
    on = Settings(semantic="on", semantic_auto_max_vectors=10)
    assert on.answers_in_meaning(1_000_000) and on.stores_vectors
    off = Settings(semantic="off")
    assert not off.answers_in_meaning(0) and not off.stores_vectors
    assert Settings().semantic_auto_max_vectors == SEMANTIC_AUTO_MAX_VECTORS
