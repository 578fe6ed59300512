"""Sending Celery tasks so that a broker outage never turns a committed write into an error.

Every task sent from a request goes through ``enqueue_on_commit``: it is sent after the transaction commits
(at once outside one), and a broker that cannot be reached is logged, never raised. Work whose message is
lost that way is picked up by a periodic task that owns it (e.g. ``rehab.tasks.render_pending_plan_pdfs``;
the deadline scan and the plan-deadline sync run on the beat anyway).
"""

import logging
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# What publishing raises when the broker is down: kombu wraps the transport's connection errors.
BROKER_ERRORS: tuple[type[BaseException], ...] = (OperationalError, ConnectionError, TimeoutError)


def enqueue_now(task: Task, *args: Any, **kwargs: Any) -> bool:
    """Send ``task`` now; return whether the broker took it (a broker error is logged as a warning)."""
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except BROKER_ERRORS as error:
        logger.warning("Task %s was not enqueued, the broker is unreachable (%s)", task.name, error)
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Send ``task`` once the current transaction has committed (at once outside one); never raise."""
    transaction.on_commit(lambda: enqueue_now(task, *args, **kwargs))
