"""Concurrent scanners on PostgreSQL: each thread has its own connection and its own transactions.

``SELECT ... FOR UPDATE SKIP LOCKED`` hands disjoint batches to the scanners; the state filter and the
unique constraint on (deadline, kind, organisation) make any overlap harmless. The test proves the sum.
"""

import threading
from collections import Counter
from datetime import datetime

import pytest
from django.db import connection

from sundhedsaftale.deadlines.models import Alert, Deadline
from sundhedsaftale.deadlines.scan import ScanResult, scan_due
from sundhedsaftale.workdays import TZ
from tests.factories.deadlines import DeadlineFactory

pytestmark = [pytest.mark.postgres]

SCANNERS = 6
DEADLINES = 120


def _run_concurrently(now: datetime, batch_size: int) -> list[ScanResult]:
    barrier = threading.Barrier(SCANNERS)
    results: list[ScanResult] = []
    errors: list[BaseException] = []

    def scanner() -> None:
        try:
            barrier.wait()
            while True:
                result = scan_due(now=now, batch_size=batch_size)
                results.append(result)
                if not result.more(batch_size):
                    break
        except BaseException as error:  # reported below: a thread's exception would vanish
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scanner) for _ in range(SCANNERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_concurrent_scans_create_each_alert_exactly_once(
    transactional_db: None, reference_data: None
) -> None:
    # given deadlines whose warning and due times have both passed for half of them
    warn_only = datetime(2025, 4, 11, 8, tzinfo=TZ)
    for i in range(DEADLINES):
        due = datetime(2025, 4, 14, 12, tzinfo=TZ) if i % 2 else datetime(2025, 4, 20, 12, tzinfo=TZ)
        DeadlineFactory.create(due_at=due, warn_at=warn_only)

    # when six scanners run at once, twice over, in small batches
    results = _run_concurrently(datetime(2025, 4, 15, 9, tzinfo=TZ), batch_size=7)
    results += _run_concurrently(datetime(2025, 4, 15, 9, tzinfo=TZ), batch_size=7)

    # then every deadline got exactly one alert per kind and organisation
    per_key = Counter(Alert.objects.values_list("deadline_id", "kind", "organisation_id"))
    assert set(per_key.values()) == {1}
    kinds = Counter(Alert.objects.values_list("kind", flat=True))
    assert kinds == {"breach": DEADLINES, "warning": DEADLINES}  # two organisations per deadline
    assert sum(r.breached for r in results) == DEADLINES // 2
    assert sum(r.warned for r in results) == DEADLINES // 2
    assert Deadline.objects.filter(state=Deadline.State.BREACHED).count() == DEADLINES // 2
