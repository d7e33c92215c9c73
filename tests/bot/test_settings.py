from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import DEFAULT_DATABASE_PATH, TOKEN_HELP, Settings


def test_defaults_match_the_spec() -> None:
    settings = Settings.from_env({})
    assert settings.discord_token is None
    assert settings.database_path == DEFAULT_DATABASE_PATH == Path("data/concierge.db")
    assert settings.dev_guild_id is None
    assert settings.log_level == "INFO"


def test_reads_every_setting() -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": " abc.def ", "DATABASE_PATH": "/tmp/x.db",
                                  "DEV_GUILD_ID": "123", "LOG_LEVEL": "debug"})
    assert settings.require_token() == "abc.def"
    assert settings.database_path == Path("/tmp/x.db")
    assert settings.dev_guild_id == 123
    assert settings.log_level == "DEBUG"


def test_token_never_in_repr() -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": "super-secret-token"})
    assert "super-secret-token" not in repr(settings)
    assert "super-secret-token" not in str(settings)


def test_missing_token_explains_how_to_set_it() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({}).require_token()
    assert caught.value.message == TOKEN_HELP
    assert "DISCORD_TOKEN" in TOKEN_HELP and ".env" in TOKEN_HELP


@pytest.mark.parametrize(("name", "value"), [("DEV_GUILD_ID", "my-server"), ("DEV_GUILD_ID", "0"),
                                            ("DEV_GUILD_ID", "\u0661\u0662"), ("LOG_LEVEL", "LOUD")])
def test_bad_values_are_one_clear_error(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
