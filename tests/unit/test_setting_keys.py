"""The CLI's `settings set` offers exactly the organisation settings the service knows (the parser cannot
import the service: it stays light)."""

from eoffice.cli.web import SETTING_KEYS
from eoffice.services import settings


def test_cli_setting_keys_are_the_services() -> None:
    assert set(SETTING_KEYS) == set(settings.KEYS)
    assert settings.PARAF_PROVIDER in SETTING_KEYS
