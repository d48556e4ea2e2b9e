"""Production mode: refuses to start without a secret key and passes ``check --deploy`` cleanly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("SHAREDWORK_", "PYTEST", "DJANGO_"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage("check", SHAREDWORK_ENV="production", SHAREDWORK_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SHAREDWORK_SECRET_KEY must be set" in result.stderr


def test_production_mode_passes_the_deploy_checks_with_no_warnings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SHAREDWORK_ENV="production",
        SHAREDWORK_SECRET_KEY="a-long-random-secret-key-for-the-test-0123456789-abcdefghijklmnop",
        SHAREDWORK_ALLOWED_HOSTS="sharedwork.example.org",
        SHAREDWORK_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_seed_demo_refuses_to_run_in_production(tmp_path):
    result = _manage(
        "seed_demo",
        SHAREDWORK_ENV="production",
        SHAREDWORK_SECRET_KEY="a-long-random-secret-key-for-the-test-0123456789-abcdefghijklmnop",
        SHAREDWORK_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
