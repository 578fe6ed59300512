"""The embedded default (no Redis) really carries Celery messages, so `make run`'s beat and worker work."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from sundhedsaftale.celery import app
with app.connection_for_write() as conn:
    app.send_task("sundhedsaftale.ops.tasks.beat_tick", connection=conn)
    with conn.SimpleQueue("celery") as queue:
        message = queue.get(timeout=10)
        print(message.headers["task"])
        message.ack()
"""


def test_the_sqlite_broker_of_the_embedded_default_delivers_a_task(tmp_path: Path) -> None:
    # given the environment of `make run`: no DATABASE_URL, REDIS_URL or CELERY_BROKER_URL
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}}
    env["SUNDHEDSAFTALE_VAR_DIR"] = str(tmp_path)
    env["CELERY_TASK_ALWAYS_EAGER"] = "0"
    # when a task is published and read back through the broker
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    # then it arrives intact
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("sundhedsaftale.ops.tasks.beat_tick")
    assert (tmp_path / "broker.sqlite3").exists()
