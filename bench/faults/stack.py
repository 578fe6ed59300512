"""The production shape on loopback for the fault scripts: a Redis of their own, Celery workers and beat,
gunicorn, and (for the PostgreSQL restart) a PostgreSQL cluster of their own. Every process is started in
its own session so that it can be killed whole, and ``Stack.close`` ends every one of them."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


class FaultFailed(Exception):
    """A check of a fault script failed: the script prints it and exits 1."""


def wait_until(condition: Callable[[], bool], *, what: str, timeout: float, every: float = 0.2) -> float:
    """Poll ``condition`` for at most ``timeout`` seconds; return the seconds it took, or raise."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise FaultFailed(f"waited {timeout:.0f} s for {what}")
        time.sleep(every)
    return time.monotonic() - started


def with_application_name(url: str, name: str) -> str:
    """The database URL with ``application_name`` set, so a process's connections show in pg_stat_activity."""
    parts = urlsplit(url)
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("application_name="))
    query = f"{query}&application_name={name}" if query else f"application_name={name}"
    return urlunsplit(parts._replace(query=query))


class Stack:
    """Processes of one fault run; logs under a temporary directory, printed when a check fails."""

    def __init__(self, *, database_url: str, redis_url: str, name: str) -> None:
        self.database_url = database_url
        self.redis_url = redis_url
        self.dir = Path(tempfile.mkdtemp(prefix=f"faults-{name}-"))
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.redis_servers: list[RedisServer] = []

    def env(self, application_name: str, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "SUNDHEDSAFTALE_TEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="sundhedsaftale.settings",
            DATABASE_URL=with_application_name(self.database_url, application_name),
            REDIS_URL=self.redis_url,
            CELERY_BROKER_URL=self.redis_url,
            CELERY_TASK_ALWAYS_EAGER="0",
            DJANGO_DEBUG="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            SUNDHEDSAFTALE_VAR_DIR=str(self.dir),
            PYTHONUNBUFFERED="1",
            LOG_LEVEL="WARNING",
        )
        env.update(extra)
        return env

    def start(self, name: str, command: list[str], **extra_env: str) -> subprocess.Popen[bytes]:
        with (self.dir / f"{name}.log").open("ab") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env(name, **extra_env),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes[name] = process
        return process

    def worker(self, name: str, *, concurrency: int = 1) -> subprocess.Popen[bytes]:
        """A Celery worker (prefork, ``concurrency`` children) on the default queue."""
        return self.start(
            name,
            [PYTHON, "-m", "celery", "-A", "sundhedsaftale", "worker", "--pool=prefork",
             f"--concurrency={concurrency}", "-n", f"{name}@%h", "--without-mingle", "--without-gossip",
             "-l", "warning"],
        )  # fmt: skip

    def beat(self) -> subprocess.Popen[bytes]:
        """Celery beat with the project's one schedule (a fresh schedule file)."""
        return self.start(
            "beat",
            [PYTHON, "-m", "celery", "-A", "sundhedsaftale", "beat", "-s", str(self.dir / "beat-schedule"),
             "-l", "warning"],
        )  # fmt: skip

    def gunicorn(self, port: int, *, workers: int = 2) -> subprocess.Popen[bytes]:
        return self.start(
            "gunicorn",
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "sundhedsaftale.wsgi:application", "-b",
             f"127.0.0.1:{port}", "-w", str(workers), "--timeout", "60", "--graceful-timeout", "5"],
            API_USER_RATE="1000000/min", API_ANON_RATE="1000000/min", AXES_ENABLED="0",
        )  # fmt: skip

    def kill(self, name: str, sig: signal.Signals = signal.SIGKILL) -> None:
        """Send ``sig`` to the whole process group of ``name`` (the worker and its pool children)."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def children(self, name: str) -> list[int]:
        """The pids of the pool children of a worker."""
        out = subprocess.run(
            ["pgrep", "-P", str(self.processes[name].pid)], capture_output=True, text=True, check=False
        ).stdout
        return [int(pid) for pid in out.split()]

    def alive(self, name: str) -> bool:
        return self.processes[name].poll() is None

    def redis(self, port: int) -> RedisServer:
        server = RedisServer(port, self.dir / f"redis-{port}")
        self.redis_servers.append(server)
        server.start()
        return server

    def logs(self) -> str:
        return "\n".join(
            f"--- {log.name} (last 40 lines) ---\n"
            + "\n".join(log.read_text(errors="replace").splitlines()[-40:])
            for log in sorted(self.dir.glob("*.log"))
        )

    def close(self, *, keep_logs: bool = False) -> None:
        for name, process in self.processes.items():
            if process.poll() is None:
                self.kill(name, signal.SIGTERM)
        for server in self.redis_servers:
            server.stop()
        if not keep_logs:
            shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """A redis-server of the script's own on ``port``, its data (an append-only file) kept across restarts."""

    def __init__(self, port: int, data_dir: Path) -> None:
        self.port = port
        self.data_dir = data_dir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        if self.ping():
            raise FaultFailed(f"something already listens on port {self.port}")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--appendfsync", "always", "--dir", str(self.data_dir), "--logfile", str(self.data_dir / "redis.log")],
            start_new_session=True,
        )  # fmt: skip
        wait_until(self.ping, what=f"Redis on port {self.port}", timeout=20)

    def stop(self) -> None:
        """Shut Redis down (its append-only file flushed), as an operator's ``systemctl stop`` would."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def ping(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() == "PONG"


def prepare_database(database_url: str) -> None:
    """Create the database if missing, migrate it and load the reference data (idempotent)."""
    name = urlsplit(database_url).path.lstrip("/")
    admin = urlunsplit(urlsplit(database_url)._replace(path="/postgres", query=""))
    exists = subprocess.run(
        ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "sundhedsaftale.settings"}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "load_reference_data", "-v0"], cwd=ROOT, env=env, check=True)


def own_redis_and_database(stack: Stack, *, redis_port: int, database_url: str) -> RedisServer:
    """Start the script's own Redis, point this process (Django, Celery) and its children at it and at the
    database, and migrate the database."""
    redis_server = stack.redis(redis_port)
    stack.redis_url = redis_server.url
    os.environ.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_server.url,
        CELERY_BROKER_URL=redis_server.url,
        CELERY_TASK_ALWAYS_EAGER="0",
        DJANGO_SETTINGS_MODULE="sundhedsaftale.settings",
    )
    prepare_database(database_url)
    return redis_server


def is_up(url: str) -> bool:
    """True when ``url`` answers below 500 within 5 s (the server is up)."""
    import requests

    try:
        return requests.get(url, timeout=5).status_code < 500
    except requests.RequestException:
        return False


def run(main: Callable[[], list[str]]) -> None:
    """Run a fault script's ``main`` (which returns its summary lines); exit 1 on a failed check."""
    started = time.monotonic()
    try:
        summary = main()
    except FaultFailed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    for line in summary:
        print(line)
    print(f"passed in {time.monotonic() - started:.0f} s")
