"""The deadline scan through a real broker and a real Celery worker process, on the test database.

A worker subprocess (``celery -A sundhedsaftale worker --pool=solo``) consumes a queue of its own on Redis and
scans the committed rows of the PostgreSQL test database. Duplicated deliveries and a worker killed in the
middle of the scan must still leave exactly one alert per deadline, kind and organisation.

The task publishes ``notify_alerts`` to the default queue, which no worker here consumes: those messages are
removed again afterwards, and so is every other key this test leaves in Redis.
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
import redis
from django.db import connection
from django.utils import timezone
from kombu import Producer

from sundhedsaftale.celery import app
from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.deadlines.tasks import scan_deadlines
from tests.factories.deadlines import DeadlineFactory

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.wall_clock]

ROOT = Path(__file__).resolve().parents[2]
DEADLINES = 4
ALERTS = 2 * DEADLINES  # the ward (responsible) and the municipality (counterpart) each get one
UNACKED, UNACKED_INDEX = "unacked", "unacked_index"  # kombu's Redis keys for delivered, unacked messages
WAIT = 60.0  # the longest any single wait may take, in seconds


# --- the broker side --------------------------------------------------------------------------------


class Broker:
    """A unique queue on the Redis broker, the task ids published to it, and the cleanup of both."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.queue = f"test-scan-{uuid.uuid4().hex[:12]}"
        self.redis: Any = redis.Redis.from_url(url)  # replies are bytes
        self.task_ids: set[str] = set()

    def publish(self, producer: Producer, task_id: str) -> None:
        self.task_ids.add(task_id)
        scan_deadlines.apply_async(task_id=task_id, queue=self.queue, producer=producer)

    def waiting(self) -> int:
        """Messages in the queue that no worker has taken yet."""
        return int(self.redis.llen(self.queue))

    def unacked(self) -> dict[bytes, str]:
        """Our messages a worker has taken but not acknowledged: delivery tag -> task id."""
        ours = {}
        for tag, raw in self.redis.hgetall(UNACKED).items():
            message = _loads(raw)
            task_id = _headers(message[0] if isinstance(message, list) and message else None).get("id")
            if task_id in self.task_ids:
                ours[tag] = task_id
        return ours

    def drained(self) -> bool:
        return self.waiting() == 0 and not self.unacked()

    def cleanup(self) -> None:
        """Remove our queue, our leftover unacked messages and the ``notify_alerts`` our tasks published."""
        for tag in self.unacked():
            self.redis.hdel(UNACKED, tag)
            self.redis.zrem(UNACKED_INDEX, tag)
        for key in self.redis.scan_iter(match="*", count=1000):
            if self.redis.type(key) != b"list":
                continue
            for raw in self.redis.lrange(key, 0, -1):
                headers = _headers(_loads(raw))
                if headers.get("root_id") in self.task_ids or headers.get("id") in self.task_ids:
                    self.redis.lrem(key, 0, raw)
        # the queue and kombu's bindings of it (``_kombu.binding.<queue>``, ``_kombu.binding_permanent.<queue>``)
        for key in self.redis.scan_iter(match=f"*{self.queue}*", count=1000):
            self.redis.delete(key)
        for key in self.redis.scan_iter(match="_kombu.binding_*", count=1000):
            if self.redis.type(key) == b"zset":
                ours = [m for m in self.redis.zrange(key, 0, -1) if self.queue.encode() in m]
                if ours:
                    self.redis.zrem(key, *ours)
        self.redis.close()


def _loads(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _headers(payload: Any) -> dict[str, Any]:
    headers = payload.get("headers") if isinstance(payload, dict) else None
    return headers if isinstance(headers, dict) else {}


@pytest.fixture
def broker() -> Iterator[Broker]:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs Redis (set REDIS_URL)")
    broker = Broker(url)
    try:
        yield broker
    finally:
        broker.cleanup()


@pytest.fixture
def producer(broker: Broker) -> Iterator[Producer]:
    """A connection that publishes to the broker for real: the app is made non-eager for this test."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with app.connection_for_write(broker.url) as conn:
            yield app.amqp.Producer(conn, auto_declare=False)
    finally:
        app.conf.task_always_eager = previous


# --- the worker side --------------------------------------------------------------------------------


def _database_url(application_name: str) -> str:
    """The URL of the test database (``test_...``), naming the worker's connections for pg_stat_activity."""
    db = connection.settings_dict
    assert db["NAME"].startswith("test_"), db["NAME"]
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = db["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}?application_name={application_name}"


class Workers:
    """Real Celery worker subprocesses on the test's queue; every one is stopped when the test ends."""

    def __init__(self, broker: Broker, logs: Path) -> None:
        self.broker = broker
        self.logs = logs
        self.application_name = broker.queue
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(
            DJANGO_SETTINGS_MODULE="sundhedsaftale.settings",
            DATABASE_URL=_database_url(self.application_name),
            CELERY_BROKER_URL=self.broker.url,
            CELERY_TASK_ALWAYS_EAGER="0",
            PYTHONUNBUFFERED="1",
        )
        number = len(self.processes) + 1
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sundhedsaftale",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            self.broker.queue,
            "-n",
            f"{self.broker.queue}-{number}@%h",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-l",
            "warning",
        ]
        with (self.logs / f"worker-{number}.log").open("wb") as log:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def output(self) -> str:
        return "\n".join(
            f"--- {log.name} ---\n{log.read_text(errors='replace')}"
            for log in sorted(self.logs.glob("*.log"))
        )

    def check_alive(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is not None:
            pytest.fail(f"the worker exited with {process.returncode}\n{self.output()}")

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            self.stop(process)
        # and no connection of theirs outlives them (the test database is flushed, then dropped)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                [self.application_name],
            )

    def backends(self) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [self.application_name]
            )
            return [pid for (pid,) in cursor.fetchall()]


@pytest.fixture
def workers(broker: Broker, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(broker, tmp_path)
    try:
        yield started
    finally:
        started.stop_all()


def wait_until(
    condition: Callable[[], bool], *, what: str, workers: Workers, alive: Any = None, timeout: float = WAIT
) -> None:
    """Poll ``condition`` every 0.2 s for at most ``timeout`` seconds; fail with the workers' output."""
    give_up = time.monotonic() + timeout
    while not condition():
        if alive is not None:
            workers.check_alive(alive)
        if time.monotonic() > give_up:
            pytest.fail(f"waited {timeout:.0f} s for {what}\n{workers.output()}")
        time.sleep(0.2)


# --- the data ---------------------------------------------------------------------------------------


def due_deadlines() -> list[Deadline]:
    """Deadlines whose warning and due times have passed an hour ago (committed: transactional_db)."""
    now = timezone.now()
    return [
        DeadlineFactory.create(due_at=now - timedelta(hours=1), warn_at=now - timedelta(hours=2))
        for _ in range(DEADLINES)
    ]


def breach_count() -> int:
    return Alert.objects.filter(kind=Alert.Kind.BREACH).count()


def assert_each_breach_alerted_exactly_once(deadlines: list[Deadline]) -> None:
    per_key = Counter(Alert.objects.values_list("deadline_id", "kind", "organisation__code"))
    expected = {
        (d.pk, "breach", code)
        for d in Deadline.objects.filter(pk__in=[d.pk for d in deadlines]).select_related(
            "responsible", "counterpart"
        )
        for code in (d.responsible.code, d.counterpart.code if d.counterpart else None)
    }
    assert set(per_key) == expected
    assert set(per_key.values()) == {1}
    assert Deadline.objects.filter(state=Deadline.State.BREACHED).count() == DEADLINES


# --- the tests --------------------------------------------------------------------------------------


def test_duplicated_deliveries_alert_exactly_once(
    transactional_db: None, reference_data: None, broker: Broker, producer: Producer, workers: Workers
) -> None:
    # given due deadlines, committed where the worker can see them
    deadlines = due_deadlines()

    # when the scan task is delivered twice with the same id, and once more with a new id
    duplicated = str(uuid.uuid4())
    broker.publish(producer, duplicated)
    broker.publish(producer, duplicated)
    broker.publish(producer, str(uuid.uuid4()))
    assert broker.waiting() == 3, "the messages did not reach the broker (eager mode?)"
    assert not Alert.objects.exists()

    # and a real worker consumes them
    worker = workers.start()
    wait_until(lambda: breach_count() >= ALERTS, what="the breach alerts", workers=workers, alive=worker)
    wait_until(broker.drained, what="all three deliveries to be acknowledged", workers=workers, alive=worker)
    time.sleep(1.0)  # anything still in flight would land now

    # then every deadline got exactly one breach alert per organisation, and nothing else
    assert_each_breach_alerted_exactly_once(deadlines)
    assert Alert.objects.count() == ALERTS
    workers.check_alive(worker)


def test_a_worker_killed_in_the_middle_of_the_scan_loses_nothing_and_doubles_nothing(
    transactional_db: None, reference_data: None, broker: Broker, producer: Producer, workers: Workers
) -> None:
    # given due deadlines, and the alert table locked so that the scan stops at its INSERT, mid-transaction
    deadlines = due_deadlines()
    db = connection.settings_dict
    blocker = psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    try:
        blocker.execute(f"LOCK TABLE {Alert._meta.db_table} IN EXCLUSIVE MODE")

        # when a worker takes the scan task and is killed (SIGKILL) in the middle of processing it
        task_id = str(uuid.uuid4())
        broker.publish(producer, task_id)
        first = workers.start()
        wait_until(
            lambda: _waits_for_alert_lock(workers.application_name),
            what="the first worker to start scanning",
            workers=workers,
            alive=first,
        )
        assert broker.waiting() == 0
        assert list(broker.unacked().values()) == [task_id]  # taken, not acknowledged (acks_late)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        blocker.rollback()
        blocker.close()

    # then PostgreSQL rolls the dead worker's transaction back: no alert, no deadline marked breached
    wait_until(lambda: not workers.backends(), what="the dead worker's connection to end", workers=workers)
    assert not Alert.objects.exists()
    assert Deadline.objects.filter(state=Deadline.State.PENDING).count() == DEADLINES
    # and the broker still holds the message as delivered but unacknowledged
    unacked = broker.unacked()
    assert list(unacked.values()) == [task_id]

    # when the visibility timeout has passed (the message is aged instead of waiting an hour) and a second
    # worker starts: it restores the unacknowledged message to the queue and runs it
    for tag in unacked:
        broker.redis.zadd(UNACKED_INDEX, {tag: 0})
    second = workers.start()
    wait_until(lambda: breach_count() >= ALERTS, what="the breach alerts", workers=workers, alive=second)
    wait_until(broker.drained, what="the redelivery to be acknowledged", workers=workers, alive=second)
    time.sleep(1.0)

    # then the alerts exist exactly once
    assert_each_breach_alerted_exactly_once(deadlines)
    assert Alert.objects.count() == ALERTS
    workers.check_alive(second)


def _waits_for_alert_lock(application_name: str) -> bool:
    """Whether a worker's connection is inside the scan, waiting for the lock on the alert table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity AS a JOIN pg_locks AS l ON l.pid = a.pid "
            "WHERE a.application_name = %s AND NOT l.granted AND l.relation = %s::regclass",
            [application_name, Alert._meta.db_table],
        )
        return cursor.fetchone() is not None
