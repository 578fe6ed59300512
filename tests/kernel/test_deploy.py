"""The production shape: docker-compose.yml and the Dockerfile point at real code, and
`manage.py check --deploy` passes with production settings (and fails without them).

No Docker engine runs here, so the compose file is read as YAML and every module, attribute, Celery app,
management command and URL it names is resolved in this process.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")
ALL_SERVICES = ("db", "redis", *APP_SERVICES)
PRODUCTION_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_HTTPS",
    "DJANGO_SETTINGS_MODULE",
    "EMAIL_HOST",
)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _words(command: str | list[str]) -> list[str]:
    """A compose command or healthcheck as words; the script of `sh -c` is split into words too."""
    words = shlex.split(command) if isinstance(command, str) else [str(word) for word in command]
    expanded: list[str] = []
    for index, word in enumerate(words):
        if index > 0 and words[index - 1] == "-c" and " " in word and "import" not in word:
            expanded.extend(shlex.split(word))
        else:
            expanded.append(word)
    return expanded


def _service_texts(service: dict[str, Any]) -> list[list[str]]:
    """The command and the healthcheck of a service, each as words."""
    texts = []
    if "command" in service:
        texts.append(_words(service["command"]))
    if "healthcheck" in service:
        texts.append(_words(service["healthcheck"]["test"]))
    return texts


@pytest.mark.parametrize("name", ALL_SERVICES)
def test_every_service_exists_with_a_healthcheck(compose: dict[str, Any], name: str) -> None:
    service = compose["services"].get(name)

    assert service is not None, f"docker-compose.yml has no service {name!r}"
    test = service.get("healthcheck", {}).get("test")
    assert test and test[0] in {"CMD", "CMD-SHELL"}, f"{name} has no healthcheck command"


def test_named_volumes_are_declared_and_keep_the_data(compose: dict[str, Any]) -> None:
    declared = set(compose.get("volumes") or {})
    mounts = {
        name: [str(volume).split(":")[0] for volume in service.get("volumes", [])]
        for name, service in compose["services"].items()
    }

    named = {source for sources in mounts.values() for source in sources if not source.startswith((".", "/"))}
    assert named, "no named volumes at all"
    assert named <= declared, f"volumes used but not declared: {named - declared}"
    assert any(source in declared for source in mounts["db"]), "PostgreSQL's data is not on a named volume"
    assert any(source in declared for source in mounts["redis"]), "Redis's data is not on a named volume"
    assert any(source in declared for source in mounts["web"]), "uploaded attachments are not on a volume"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_get_the_production_environment(compose: dict[str, Any], name: str) -> None:
    environment = compose["services"][name]["environment"]

    assert set(PRODUCTION_VARIABLES) <= set(environment), set(PRODUCTION_VARIABLES) - set(environment)
    assert str(environment["DJANGO_HTTPS"]) == "1"
    assert str(environment.get("DJANGO_DEBUG", "0")) == "0"
    settings_module = importlib.import_module(environment["DJANGO_SETTINGS_MODULE"])
    assert settings_module.__name__ == "sundhedsaftale.settings"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@db:" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:")
    # The secret is never written into the file: compose must be given it, or refuse to start.
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_database_and_redis(compose: dict[str, Any], name: str) -> None:
    depends_on = compose["services"][name]["depends_on"]

    for backing in ("db", "redis"):
        assert depends_on[backing]["condition"] == "service_healthy"
    if name != "web":  # web runs the migrations the worker and beat need
        assert depends_on["web"]["condition"] == "service_healthy"


def test_web_serves_the_wsgi_application_after_migrating(compose: dict[str, Any]) -> None:
    words = _words(compose["services"]["web"]["command"])

    assert "migrate" in words and "gunicorn" in words
    assert words.index("migrate") < words.index("gunicorn")
    assert words[words.index("gunicorn") + 1] == "sundhedsaftale.wsgi:application"
    healthcheck = " ".join(_words(compose["services"]["web"]["healthcheck"]["test"]))
    assert "/healthz" in healthcheck
    assert resolve("/healthz").url_name == "healthz"


@pytest.mark.parametrize(("name", "subcommand"), [("worker", "worker"), ("beat", "beat")])
def test_celery_services_run_the_project_app(compose: dict[str, Any], name: str, subcommand: str) -> None:
    words = _words(compose["services"][name]["command"])

    assert words[0] == "celery"
    assert words[words.index("-A") + 1] == "sundhedsaftale"
    assert subcommand in words


def test_every_module_named_in_compose_and_dockerfile_resolves(compose: dict[str, Any]) -> None:
    """gunicorn targets, Celery apps, `from x import y` in healthchecks and manage.py commands all exist."""
    texts = [words for service in compose["services"].values() for words in _service_texts(service)]
    dockerfile = (ROOT / "Dockerfile").read_text()
    texts.append(json.loads(dockerfile.replace("\\\n", " ").split("\nCMD", 1)[1].splitlines()[0]))
    checked: list[str] = []

    for words in texts:
        for index, word in enumerate(words):
            if index > 0 and words[index - 1] == "gunicorn":
                module_name, _, attribute = word.partition(":")
                assert callable(getattr(importlib.import_module(module_name), attribute)), word
                checked.append(word)
            if index > 0 and words[index - 1] in {"-A", "--app"}:
                app = find_app(word)  # exactly what the celery command line does with -A
                assert isinstance(app, Celery) and app.main == "sundhedsaftale", word
                checked.append(f"celery -A {word}")
            if word == "manage.py":
                assert (ROOT / "manage.py").exists()
                assert words[index + 1] in get_commands(), f"no management command {words[index + 1]}"
                checked.append(f"manage.py {words[index + 1]}")
            for module_name, attribute in re.findall(r"from ([\w.]+) import (\w+)", word):
                assert hasattr(importlib.import_module(module_name), attribute), f"{module_name}.{attribute}"
                checked.append(f"{module_name}.{attribute}")

    assert "sundhedsaftale.wsgi:application" in checked
    assert "celery -A sundhedsaftale" in checked
    assert "manage.py migrate" in checked
    assert "sundhedsaftale.ops.health.check_beat" in checked


def test_beat_schedule_names_real_tasks() -> None:
    app = find_app("sundhedsaftale")

    schedule = app.conf.beat_schedule
    assert schedule, "beat would run with nothing to do"
    for entry in schedule.values():
        module_name, _, function_name = entry["task"].rpartition(".")
        task = getattr(importlib.import_module(module_name), function_name, None)
        assert task is not None, f"beat schedules {entry['task']}, which does not exist"
        assert task.name == entry["task"], f"{entry['task']} is registered as {task.name}"


def _check_deploy(**overrides: str | None) -> subprocess.CompletedProcess[str]:
    """Run `manage.py check --deploy --fail-level WARNING` with production variables plus ``overrides``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="sundhedsaftale.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),  # 64 random characters
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="sundhedsaftale.example",
        # Without an SMTP server mail goes to the console, which Django 6.1's deploy checks reject.
        EMAIL_HOST="smtp.sundhedsaftale.example",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_check_deploy_passes_with_production_settings() -> None:
    result = _check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "expected_warning"),
    [
        pytest.param({"DJANGO_HTTPS": None}, "security.W004", id="without-DJANGO_HTTPS-no-HSTS"),
        pytest.param({"DJANGO_HTTPS": "0"}, "security.W012", id="DJANGO_HTTPS=0-insecure-session-cookie"),
        pytest.param({"DJANGO_SECRET_KEY": "short-and-guessable"}, "security.W009", id="weak-secret-key"),
        pytest.param({"DJANGO_DEBUG": "1"}, "security.W018", id="debug-on"),
        pytest.param({"EMAIL_HOST": None}, "mail.E001", id="no-smtp-server-console-mail"),
    ],
)
def test_check_deploy_fails_without_production_settings(
    overrides: dict[str, str | None], expected_warning: str
) -> None:
    result = _check_deploy(**overrides)

    assert result.returncode != 0
    assert expected_warning in result.stdout + result.stderr
