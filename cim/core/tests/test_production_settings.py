"""Production settings: `check --deploy` passes, and the application refuses unsafe settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "EMAIL_HOST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        CIM_ENV="production",
        ALLOWED_HOSTS="monitor.example.nl",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings(tmp_path: Path) -> None:
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, SECRET_KEY=secrets.token_urlsafe(60)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "Production needs SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-secret-key-do-not-use-in-production"}, "Production needs SECRET_KEY"),
        ({"SECRET_KEY": "kort"}, "Production needs SECRET_KEY"),
        ({"SECRET_KEY": secrets.token_urlsafe(60), "DEBUG": "1"}, "Production refuses to start with DEBUG on"),
    ],
)
def test_production_refuses_to_start_with_unsafe_settings(tmp_path: Path, env: dict[str, str], message: str) -> None:
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr
